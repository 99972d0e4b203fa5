// Sign-in throttling against a real Postgres: the account's delay grows and is capped but never keeps
// the owner out; an address that fails too often is refused; parallel attempts are reserved one by one
// so none slips past; refused attempts write nothing; stale rows are purged. Delays are not slept:
// each test passes a `wait` that records them, so nothing here depends on the machine's speed.
import { randomUUID } from "node:crypto";
import { inArray, like, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { signInThrottles } from "@/db/schema";
import { publicCtx } from "@/lib/context";
import type { AppError } from "@/lib/errors";
import { createTenant } from "@/test/factories";
import { signIn } from "./sign-in";
import { purgeStaleThrottles } from "./sign-in-throttle";
import { THROTTLE } from "./throttle-policy";

const addr = () => `198.51.100.${Math.floor(Math.random() * 250) + 1}-${randomUUID().slice(0, 8)}`;

type Outcome = { ok: true; waitedMs: number } | { ok: false; waitedMs: number; code: string; message: string; retryAfter?: string };

/** One attempt; the delay the throttle imposed is recorded instead of slept. */
async function attempt(email: string, password: string, ip: string): Promise<Outcome> {
  let waitedMs = 0;
  const wait = async (ms: number) => {
    waitedMs += ms;
  };
  try {
    await signIn({ ctx: publicCtx(), input: { email, password, ip }, wait });
    return { ok: true, waitedMs };
  } catch (err) {
    const e = err as AppError;
    return { ok: false, waitedMs, code: e.code, message: e.message, retryAfter: e.headers?.["retry-after"] };
  }
}

/** Runs `fn` with some THROTTLE values changed, restoring them after. */
async function withThrottle<T>(values: Partial<typeof THROTTLE>, fn: () => Promise<T>): Promise<T> {
  const saved = { ...THROTTLE };
  Object.assign(THROTTLE, values);
  try {
    return await fn();
  } finally {
    Object.assign(THROTTLE, saved);
  }
}

const rowsLike = (pattern: string) => getDb().select().from(signInThrottles).where(like(signInThrottles.key, pattern));
const count = (outcomes: Outcome[], code: string) => outcomes.filter((o) => !o.ok && o.code === code).length;

/** Moves rows' failures back in time, as if the window had passed since (deterministic, no waiting). */
async function age(pattern: string, to = sql`timestamptz '1990-01-01'`) {
  await getDb()
    .update(signInThrottles)
    .set({ firstFailureAt: to, lastFailureAt: to, lockedUntil: null })
    .where(like(signInThrottles.key, pattern));
}

describe("sign-in throttling", () => {
  it("each failure on an account delays the next check longer, up to the cap, and the owner's right password still gets in", async () => {
    const t = await createTenant();
    // A guesser trying from a fresh address each time: never refused, only slowed.
    const guesses = [];
    for (let i = 0; i < 12; i++) guesses.push(await attempt(t.admin.email, `guess-${i}`, addr()));
    expect(guesses.map((g) => (g.ok ? "ok" : g.code))).toEqual(Array(12).fill("UNAUTHENTICATED"));
    expect(guesses.map((g) => g.waitedMs)).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000, 15_000, 15_000]);

    // The owner, from their own address, waits the capped delay and is in.
    const owner = await attempt(t.admin.email, t.admin.password, addr());
    expect(owner).toEqual({ ok: true, waitedMs: THROTTLE.MAX_DELAY_MS });
    // Which forgets the account's failures: the next mistake is checked at once.
    expect(await attempt(t.admin.email, "typo", addr())).toMatchObject({ ok: false, code: "UNAUTHENTICATED", waitedMs: 0 });
    // Another account of the same workspace was never slowed.
    expect(await attempt(t.viewer.email, t.viewer.password, addr())).toEqual({ ok: true, waitedMs: 0 });
  });

  it("40 parallel wrong passwords from one address on one account: exactly 7 are checked, 33 refused unchecked", async () => {
    // Hours instead of seconds, same ratios: the outcome cannot depend on how long the burst takes.
    const hour = 3_600_000;
    await withThrottle({ BASE_DELAY_MS: hour, MAX_DELAY_MS: 15 * hour }, async () => {
      const t = await createTenant();
      const ip = addr();
      const burst = await Promise.all(Array.from({ length: 40 }, (_, i) => attempt(t.admin.email, `wrong-${i}`, ip)));
      // Reserved one after another: 3 free, then queued at +1 h, +3 h, +7 h, +15 h (the cap); the 8th
      // would be checked at +30 h, past the cap, and so would every later one.
      expect(count(burst, "UNAUTHENTICATED")).toBe(7);
      expect(count(burst, "TOO_MANY_REQUESTS")).toBe(33);
      expect(burst.filter((o) => o.ok)).toEqual([]);
      const checked = burst.filter((o) => !o.ok && o.code === "UNAUTHENTICATED");
      expect(checked.filter((o) => o.waitedMs === 0)).toHaveLength(3);
      expect(Math.max(...checked.map((o) => o.waitedMs))).toBeLessThanOrEqual(15 * hour);
      const refused = burst.find((o) => !o.ok && o.code === "TOO_MANY_REQUESTS");
      expect(refused).toMatchObject({
        message: expect.stringMatching(/^Too many sign-in attempts for this account at once\. Try again in \d+ minutes\.$/),
      });
      expect(Number(refused?.ok === false && refused.retryAfter)).toBeGreaterThan(0);

      const [account] = await rowsLike(`email:${t.admin.email}`);
      expect(account.failures).toBe(7);
      // The owner, from another address, is not behind the guesser's queue: one capped delay, and in.
      expect(await attempt(t.admin.email, t.admin.password, addr())).toEqual({ ok: true, waitedMs: 15 * hour });
    });
  });

  it("40 parallel wrong passwords from one address across 40 accounts: exactly 30 are checked; the address is refused, others are not", async () => {
    const t = await createTenant();
    const ip = addr();
    const tag = randomUUID().slice(0, 8);
    const emails = Array.from({ length: 40 }, (_, i) => `spray-${tag}-${i}@example.com`);
    const burst = await Promise.all(emails.map((email) => attempt(email, "Winter2025!", ip)));
    expect(count(burst, "UNAUTHENTICATED")).toBe(THROTTLE.CLIENT_MAX_FAILURES);
    expect(count(burst, "TOO_MANY_REQUESTS")).toBe(40 - THROTTLE.CLIENT_MAX_FAILURES);
    const refused = burst.find((o) => !o.ok && o.code === "TOO_MANY_REQUESTS");
    expect(refused).toMatchObject({ message: "Too many failed sign-ins from your network. Try again in 15 minutes." });
    // Until 15 minutes after its last failure (less the few seconds since).
    const retryAfter = Number(refused?.ok === false && refused.retryAfter);
    expect(retryAfter).toBeLessThanOrEqual(THROTTLE.WINDOW_MS / 1000);
    expect(retryAfter).toBeGreaterThan(THROTTLE.WINDOW_MS / 1000 - 60);

    // Refused attempts wrote nothing: exactly 30 account rows, and the address counts exactly 30.
    expect(await rowsLike(`email:spray-${tag}-%`)).toHaveLength(THROTTLE.CLIENT_MAX_FAILURES);
    expect((await rowsLike(`ip:${ip}`))[0].failures).toBe(THROTTLE.CLIENT_MAX_FAILURES);
    // The address is refused even with a right password; the same person elsewhere is not.
    expect(await attempt(t.admin.email, t.admin.password, ip)).toMatchObject({ ok: false, code: "TOO_MANY_REQUESTS" });
    expect(await attempt(t.admin.email, t.admin.password, addr())).toEqual({ ok: true, waitedMs: 0 });
  });

  it("only failures count against an address: many people signing in from one office are never refused", async () => {
    const t = await createTenant();
    const office = addr();
    const results = [];
    for (let i = 0; i < THROTTLE.CLIENT_MAX_FAILURES + 5; i++)
      results.push(await attempt(i % 2 ? t.admin.email : t.viewer.email, "correct-horse-battery", office));
    expect(results.every((r) => r.ok)).toBe(true);
    expect(results).toHaveLength(35);
    expect((await rowsLike(`ip:${office}`))[0].failures).toBe(0);
  });

  it("failures are forgotten once the window has passed since the last one", async () => {
    const t = await createTenant();
    for (let i = 0; i < 8; i++) await attempt(t.admin.email, "wrong", addr());
    expect(await attempt(t.admin.email, "wrong", addr())).toMatchObject({ code: "UNAUTHENTICATED", waitedMs: 15_000 });
    await age(`%${t.admin.email}`);
    expect(await attempt(t.admin.email, "wrong", addr())).toMatchObject({ code: "UNAUTHENTICATED", waitedMs: 0 });
    expect((await rowsLike(`email:${t.admin.email}`))[0].failures).toBe(1);
  });

  it("an unknown client address skips the per-client limit but not the account's delay", async () => {
    const t = await createTenant();
    const waits = [];
    for (let i = 0; i < 4; i++) waits.push((await attempt(t.admin.email, "wrong", "unknown")).waitedMs);
    expect(waits).toEqual([0, 0, 0, 1000]);
    expect(await rowsLike("ip:unknown")).toEqual([]);
    expect((await rowsLike(`pair:unknown ${t.admin.email}`))[0].failures).toBe(4);
  });

  it("stale rows are purged, at most PURGE_BATCH per call, oldest first", async () => {
    const tag = randomUUID().slice(0, 8);
    const keys = Array.from({ length: 250 }, (_, i) => `email:stale-${tag}-${i}@example.com`);
    await getDb()
      .insert(signInThrottles)
      .values(
        keys.map((key) => ({
          key,
          failures: 3,
          firstFailureAt: sql`timestamptz '1980-01-01'`,
          lastFailureAt: sql`timestamptz '1980-01-01'`,
        })),
      );
    // Rows still inside their window are never purged.
    const live = `email:live-${tag}@example.com`;
    await getDb().insert(signInThrottles).values({ key: live, failures: 3 });
    try {
      expect(await purgeStaleThrottles(getDb())).toBe(THROTTLE.PURGE_BATCH);
      expect(await purgeStaleThrottles(getDb())).toBe(THROTTLE.PURGE_BATCH);
      expect(await rowsLike(`email:stale-${tag}-%`)).toHaveLength(50);
      await purgeStaleThrottles(getDb());
      expect(await rowsLike(`email:stale-${tag}-%`)).toHaveLength(0);
      expect(await rowsLike(live)).toHaveLength(1);
    } finally {
      await getDb()
        .delete(signInThrottles)
        .where(inArray(signInThrottles.key, [...keys, live]));
    }
  });

  it("under a spray of distinct emails and addresses the table holds only the current window's rows", async () => {
    const tag = randomUUID().slice(0, 8);
    const sizes = [];
    for (let round = 0; round < 4; round++) {
      // 25 wrong attempts, each a new email from a new address: 3 rows each (account, address, queue).
      for (let i = 0; i < 25; i++) await attempt(`spray-${tag}-${round}-${i}@example.com`, "guess", `${tag}-${round}-${i}`);
      sizes.push((await rowsLike(`%${tag}%`)).length);
      // The window passes (rows moved back in time rather than waited for).
      await age(`%${tag}%`);
    }
    // Without purging: 75, 150, 225, 300. Each round's failures purge the previous round's rows.
    expect(sizes).toEqual([75, 75, 75, 75]);
  });
});
