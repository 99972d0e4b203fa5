import { describe, expect, it } from "vitest";
import { readAhead } from "./read-ahead";

// A source that records when each item is asked for and when the source is ended.
function source(n: number, failAt?: number) {
  const log: string[] = [];
  async function* gen() {
    try {
      for (let i = 0; i < n; i++) {
        log.push(`read ${i}`);
        await new Promise((r) => setTimeout(r, 1));
        if (i === failAt) throw new Error(`read ${i} failed`);
        yield i;
      }
    } finally {
      log.push("ended");
    }
  }
  return { log, it: gen() };
}

describe("readAhead", () => {
  it("reads the next item while the caller handles the current one, and yields every item in order", async () => {
    const s = source(3);
    const seen: number[] = [];
    for await (const i of readAhead(s.it)) {
      // Item i is in the caller's hands; item i+1 has been asked for already.
      expect(s.log).toContain(`read ${Math.min(i + 1, 2)}`);
      seen.push(i);
      s.log.push(`handled ${i}`);
    }
    expect(seen).toEqual([0, 1, 2]);
    // The source's end is read ahead too, while the caller handles the last item.
    expect(s.log).toEqual(["read 0", "read 1", "handled 0", "read 2", "handled 1", "ended", "handled 2"]);
  });

  it("ends the source when the caller stops early, after the read in flight", async () => {
    const s = source(10);
    for await (const i of readAhead(s.it)) if (i === 1) break;
    expect(s.log).toEqual(["read 0", "read 1", "read 2", "ended"]);
  });

  it("passes a failed read to the caller that reaches it", async () => {
    const s = source(5, 2);
    const seen: number[] = [];
    await expect(
      (async () => {
        for await (const i of readAhead(s.it)) seen.push(i);
      })(),
    ).rejects.toThrow("read 2 failed");
    expect(seen).toEqual([0, 1]);
  });

  it("ignores a read that fails after the caller has stopped", async () => {
    const s = source(5, 1);
    const unhandled: unknown[] = [];
    const onUnhandled = (e: unknown) => unhandled.push(e);
    process.on("unhandledRejection", onUnhandled);
    try {
      await expect(
        (async () => {
          for await (const _ of readAhead(s.it)) throw new Error("the caller failed");
        })(),
      ).rejects.toThrow("the caller failed");
      await new Promise((r) => setTimeout(r, 10));
    } finally {
      process.off("unhandledRejection", onUnhandled);
    }
    expect(unhandled).toEqual([]);
    expect(s.log).toEqual(["read 0", "read 1", "ended"]);
  });
});
