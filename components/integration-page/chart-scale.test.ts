import { describe, expect, it } from "vitest";
import { formatDuration } from "@/lib/format";
import { countTicks, durationTicks, niceMax } from "./chart-scale";

describe("niceMax / countTicks", () => {
  it("rounds up to 1, 2 or 5 times a power of ten", () => {
    expect([0, 1, 3, 7, 12, 180, 250, 251, 999].map(niceMax)).toEqual([1, 1, 5, 10, 20, 200, 500, 500, 1000]);
  });

  it("ticks 0, half and the round maximum", () => {
    expect(countTicks(0)).toEqual([0, 1]);
    expect(countTicks(230)).toEqual([0, 250, 500]);
    expect(countTicks(40)).toEqual([0, 25, 50]);
  });
});

describe("durationTicks", () => {
  const cases: [maxMs: number, labels: string[]][] = [
    [0, ["0.0 s", "1.0 s"]],
    [800, ["0.0 s", "1.0 s"]],
    [3_500, ["0.0 s", "1.0 s", "2.0 s", "3.0 s", "4.0 s"]],
    [35_000, ["0.0 s", "10 s", "20 s", "30 s", "40 s"]],
    [80_000, ["0.0 s", "30 s", "1 min", "1 min 30 s"]],
    [155_000, ["0.0 s", "1 min", "2 min", "3 min"]],
    [3 * 3_600_000 + 1, ["0.0 s", "1 h", "2 h", "3 h", "4 h"]],
  ];
  for (const [max, labels] of cases) {
    it(`covers ${max} ms in at most four round steps: ${labels.join(", ")}`, () => {
      const ticks = durationTicks(max);
      expect(ticks.map(formatDuration)).toEqual(labels);
      expect(ticks[ticks.length - 1]).toBeGreaterThanOrEqual(max);
      expect(ticks.length).toBeLessThanOrEqual(5);
    });
  }
});
