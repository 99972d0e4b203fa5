import { describe, expect, it } from "vitest";
import { findBadText, isDateInRange, isoDateTime, textProblem } from "./safe-input";

describe("safe input", () => {
  it("names the path of the first string Postgres cannot store", () => {
    expect(findBadText({ a: [1, { b: "ok" }, { c: "x\u0000" }] })).toEqual({ path: ["a", 2, "c"], message: expect.stringMatching(/NUL/) });
    expect(findBadText({ name: "half \ud83d" })).toEqual({ path: ["name"], message: expect.stringMatching(/lone surrogate/) });
    expect(findBadText({ nested: { "k\u0000": 1 } })?.path).toEqual(["nested"]);
    expect(findBadText({ ok: ["é", "😀", "\u202e"], n: 1, b: null })).toBeNull();
    expect(textProblem("😀")).toBeNull();
  });

  it("walks a body nested 100,000 deep without overflowing the stack (a quadratic walk would hit the test timeout)", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}"\\u0000"${"]".repeat(100_000)}`);
    expect(findBadText(deep)?.path).toEqual([...Array(32).fill(0), "…"]);
  });

  it.each([
    ["1970-01-01T00:00:00Z", true],
    ["9999-12-31T23:59:59.999Z", true],
    ["2024-05-01 10:00:00.123456+00", true],
    ["2024-02-29", true],
    ["0000-01-01T00:00:00Z", false],
    ["1969-12-31T23:59:59Z", false],
    ["2023-02-29", false],
    ["2024-13-01", false],
    ["+275760-09-13T00:00:00Z", false],
    ["yesterday", false],
  ])("takes %s as a date in range: %s", (s, ok) => {
    expect(isDateInRange(s)).toBe(ok);
    if (!ok) expect(isoDateTime().safeParse(s).success).toBe(false);
  });
});
