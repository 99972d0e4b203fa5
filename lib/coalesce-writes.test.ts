import { describe, expect, it } from "vitest";
import { coalesceWrites, serialLane } from "./coalesce-writes";

const tick = () => new Promise((r) => setTimeout(r, 5));

describe("coalesceWrites", () => {
  it("writes what arrives during a write together in the next one, and resolves each add after its own write", async () => {
    const writes: number[][] = [];
    let release: () => void = () => {};
    const add = coalesceWrites<number>(async (items) => {
      writes.push(items);
      if (writes.length === 1) await new Promise<void>((r) => (release = r));
    });
    const done: number[] = [];
    const first = add([1]).then(() => done.push(1));
    await tick();
    const later = [add([2, 3]).then(() => done.push(2)), add([4]).then(() => done.push(4))];
    await tick();
    expect(writes).toEqual([[1]]);
    expect(done).toEqual([]);
    release();
    await Promise.all([first, ...later]);
    expect(writes).toEqual([[1], [2, 3, 4]]);
    expect(done).toEqual([1, 2, 4]);
  });

  it("rejects the adds of a failed write only, and goes on writing", async () => {
    let n = 0;
    const add = coalesceWrites<string>(async (items) => {
      n++;
      await tick();
      if (items.includes("bad")) throw new Error("row refused");
    });
    const a = add(["bad"]);
    const b = add(["good"]);
    await expect(a).rejects.toThrow("row refused");
    await expect(b).resolves.toBeUndefined();
    expect(n).toBe(2);
  });

  it("never overlaps the writes of coalescers that share a lane", async () => {
    const lane = serialLane();
    let inside = 0;
    let most = 0;
    const write = async () => {
      inside++;
      most = Math.max(most, inside);
      await tick();
      inside--;
    };
    const users = coalesceWrites<number>(write, lane);
    const members = coalesceWrites<number>(write, lane);
    await Promise.all([users([1]), members([1]), users([2]), members([2]), users([3])]);
    expect(most).toBe(1);
  });
});
