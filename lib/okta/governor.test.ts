import { describe, expect, it } from "vitest";
import { RateLimitGovernor, type RateLimitWaitEvent, readRateLimitHeaders } from "./governor";

// A virtual clock: sleep advances time instantly, so waits are measured, not slept.
function clock(start = 1_700_000_000_000) {
  const c = {
    t: start,
    slept: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.slept.push(ms);
      c.t += ms;
    },
  };
  return c;
}

const rl = (limit: number, remaining: number, resetEpochS: number, dateMs?: number) =>
  new Headers({
    "x-rate-limit-limit": String(limit),
    "x-rate-limit-remaining": String(remaining),
    "x-rate-limit-reset": String(resetEpochS),
    ...(dateMs ? { date: new Date(dateMs).toUTCString() } : {}),
  });

describe("readRateLimitHeaders", () => {
  it("converts the reset to our clock using the server's Date", () => {
    // Server clock is 10 s ahead of ours; reset is 30 s after the server's now.
    const ours = 1_700_000_000_000;
    const server = ours + 10_000;
    const h = readRateLimitHeaders(rl(600, 10, server / 1000 + 30, server), ours);
    expect(h).toEqual({ limit: 600, remaining: 10, resetAt: ours + 30_000 });
  });
  it("ignores duplicated (comma-joined) values", () => {
    const h = new Headers({ "x-rate-limit-limit": "600, 600", "x-rate-limit-remaining": "5" });
    expect(readRateLimitHeaders(h, 0).limit).toBeUndefined();
  });
});

describe("RateLimitGovernor", () => {
  it("sends one request at a time until the bucket's limits are known", async () => {
    const c = clock();
    const g = new RateLimitGovernor({ share: 0.5, now: c.now, sleep: c.sleep });
    await g.acquire("users");
    let second = false;
    const p = g.acquire("users").then(() => (second = true));
    await Promise.resolve();
    expect(second).toBe(false);
    g.release("users", rl(100, 99, c.t / 1000 + 60));
    await p;
    expect(second).toBe(true);
  });

  it("stops at its share of the limit and waits for the reset, without spinning", async () => {
    const c = clock();
    const waits: RateLimitWaitEvent[] = [];
    const g = new RateLimitGovernor({ share: 0.5, now: c.now, sleep: c.sleep, random: () => 0, onWait: (e) => waits.push(e) });
    const reset = c.t / 1000 + 60;
    let remaining = 10;
    let sent = 0;
    // Limit 10, share 0.5 -> 5 requests in this window.
    while (sent < 5) {
      await g.acquire("groups");
      sent++;
      g.release("groups", rl(10, --remaining, reset));
    }
    expect(c.slept).toEqual([]);
    const before = c.t;
    await g.acquire("groups");
    expect(waits).toHaveLength(1);
    expect(waits[0].reason).toBe("pacing");
    // Waited until the window reset (+ jitter), in one sleep.
    expect(c.t - before).toBeGreaterThanOrEqual(60_000);
    expect(c.slept.length).toBe(1);
  });

  it("counts other clients' use of the bucket (Remaining is org-wide)", async () => {
    const c = clock();
    const waits: RateLimitWaitEvent[] = [];
    const g = new RateLimitGovernor({ share: 0.5, now: c.now, sleep: c.sleep, onWait: (e) => waits.push(e) });
    await g.acquire("apps");
    // Someone else already used 60 of 100.
    g.release("apps", rl(100, 40, c.t / 1000 + 30));
    await g.acquire("apps");
    expect(waits.map((w) => w.reason)).toEqual(["pacing"]);
  });

  it("on a 429 blocks the bucket until Okta's reset, and other buckets keep going", async () => {
    const c = clock();
    const waits: RateLimitWaitEvent[] = [];
    const g = new RateLimitGovernor({ now: c.now, sleep: c.sleep, random: () => 0, onWait: (e) => waits.push(e) });
    await g.acquire("logs");
    const h = rl(120, 0, c.t / 1000 + 20);
    g.release("logs", h, 429);
    const e = g.on429("logs", h);
    expect(e.reason).toBe("429");
    expect(e.waitMs).toBe(20_000 + 100);
    expect(e.resetAt?.getTime()).toBe(c.t + 20_000);
    // Another bucket is not held up.
    await g.acquire("users");
    expect(c.slept).toEqual([]);
    await g.acquire("logs");
    expect(c.slept).toEqual([20_100]);
  });

  it("waits a little even when the reset is already past (second-granular headers)", async () => {
    const c = clock();
    const g = new RateLimitGovernor({ now: c.now, sleep: c.sleep, random: () => 0 });
    const e = g.on429("users", rl(600, 0, Math.floor(c.t / 1000) - 1));
    expect(e.waitMs).toBeGreaterThanOrEqual(250);
  });

  it("backs off briefly and increasingly on concurrency 429s (Limit 0)", async () => {
    const c = clock();
    const g = new RateLimitGovernor({ now: c.now, sleep: c.sleep, random: () => 0 });
    const h = rl(0, 0, c.t / 1000 + 3600);
    const a = g.on429("users", h);
    const b = g.on429("users", h);
    expect(a.reason).toBe("concurrency");
    expect(a.waitMs).toBe(600);
    expect(b.waitMs).toBe(1100);
    // The absurd reset of a concurrency 429 is not waited for.
    expect(b.waitMs).toBeLessThan(11_000);
  });

  it("limits requests in flight per bucket", async () => {
    const c = clock();
    const g = new RateLimitGovernor({ maxConcurrency: 2, now: c.now, sleep: c.sleep });
    await g.acquire("users");
    g.release("users", rl(1000, 999, c.t / 1000 + 60));
    await g.acquire("users");
    await g.acquire("users");
    let third = false;
    const p = g.acquire("users").then(() => (third = true));
    await Promise.resolve();
    expect(third).toBe(false);
    g.release("users", rl(1000, 997, c.t / 1000 + 60));
    await p;
    expect(g.snapshot("users").inFlight).toBe(2);
  });
});
