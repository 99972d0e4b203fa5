// The throttle's rules, as a table: how the delay grows and where it stops, when an address is
// refused, and how one client's queued attempts on an account are spaced and bounded.
import { describe, expect, it } from "vitest";
import {
  type AttemptDecision,
  decideAttempt,
  delayAfter,
  retryAfterSeconds,
  retryMessage,
  THROTTLE,
  type ThrottleRow,
} from "./throttle-policy";

const NOW = 1_750_000_000_000;
const row = (failures: number, lastFailureAgoMs = 0, nextAttemptAt: number | null = null): ThrottleRow => ({
  failures,
  firstFailureAt: NOW - lastFailureAgoMs - 1000,
  lastFailureAt: NOW - lastFailureAgoMs,
  nextAttemptAt,
});

describe("delayAfter", () => {
  it("is free for the first failures, then doubles from 1 s and stops at 15 s", () => {
    expect(THROTTLE).toMatchObject({ FREE_FAILURES: 3, BASE_DELAY_MS: 1000, MAX_DELAY_MS: 15_000 });
    const delays = Array.from({ length: 12 }, (_, failures) => delayAfter(failures));
    expect(delays).toEqual([0, 0, 0, 1000, 2000, 4000, 8000, 15_000, 15_000, 15_000, 15_000, 15_000]);
  });

  it("stays at the cap for any count, however large", () => {
    expect(delayAfter(1_000)).toBe(15_000);
    expect(delayAfter(Number.MAX_SAFE_INTEGER)).toBe(15_000);
  });
});

describe("decideAttempt", () => {
  const proceed = (d: AttemptDecision) => {
    if (d.kind !== "proceed") throw new Error(`expected proceed, got ${JSON.stringify(d)}`);
    return d;
  };

  it.each([
    ["no rows", null, 0],
    ["2 failures (still free)", row(2), 0],
    ["3 failures", row(3), 1000],
    ["6 failures", row(6), 8000],
    ["40 failures (capped)", row(40), 15_000],
    ["40 failures whose window has passed", row(40, THROTTLE.WINDOW_MS), 0],
  ])("account with %s: waits %i ms, never refused", (_, account, waitMs) => {
    const d = proceed(decideAttempt({ now: NOW, account, client: null, pair: null, clientKnown: true }));
    expect(d.waitMs).toBe(waitMs);
    expect(d.pair.nextAttemptAt).toBe(NOW + waitMs);
    expect(d.account.failures).toBe((account && account.lastFailureAt > NOW - THROTTLE.WINDOW_MS ? account.failures : 0) + 1);
  });

  it("queues a client's next attempt on the same account after its previous one", () => {
    const d = proceed(decideAttempt({ now: NOW, account: row(4), client: row(4), pair: row(4, 0, NOW + 3000), clientKnown: true }));
    // Its previous attempt is checked at +3 s; this one waits for that, then its own 2 s.
    expect(d.waitMs).toBe(5000);
    expect(d.pair).toEqual({ failures: 5, firstFailureAt: NOW - 1000, lastFailureAt: NOW, nextAttemptAt: NOW + 5000 });
    expect(d.client).toEqual({ failures: 5, firstFailureAt: NOW - 1000, lastFailureAt: NOW, nextAttemptAt: null });
  });

  it("refuses a client whose queue on the account would wait longer than the cap, saying when it fits", () => {
    const d = decideAttempt({ now: NOW, account: row(8), client: row(8), pair: row(8, 0, NOW + 10_000), clientKnown: true });
    expect(d).toEqual({ kind: "refuse", reason: "queue", retryAfterMs: 10_000 });
  });

  it("a wait of exactly the cap is allowed", () => {
    expect(
      proceed(decideAttempt({ now: NOW, account: row(3), client: null, pair: row(3, 0, NOW + 14_000), clientKnown: true })).waitMs,
    ).toBe(15_000);
  });

  it("refuses an address at its failure limit until the window after its last failure has passed", () => {
    const client = row(THROTTLE.CLIENT_MAX_FAILURES, 60_000);
    expect(decideAttempt({ now: NOW, account: null, client, pair: null, clientKnown: true })).toEqual({
      kind: "refuse",
      reason: "client",
      retryAfterMs: THROTTLE.WINDOW_MS - 60_000,
    });
    const under = row(THROTTLE.CLIENT_MAX_FAILURES - 1);
    expect(proceed(decideAttempt({ now: NOW, account: null, client: under, pair: null, clientKnown: true })).client?.failures).toBe(
      THROTTLE.CLIENT_MAX_FAILURES,
    );
    const forgotten = row(THROTTLE.CLIENT_MAX_FAILURES, THROTTLE.WINDOW_MS);
    expect(proceed(decideAttempt({ now: NOW, account: null, client: forgotten, pair: null, clientKnown: true })).client?.failures).toBe(1);
  });

  it("an unknown address is neither limited nor counted", () => {
    const d = proceed(decideAttempt({ now: NOW, account: null, client: null, pair: null, clientKnown: false }));
    expect(d.client).toBeNull();
  });
});

describe("retry wording", () => {
  it.each([
    [400, "client", 1, "Too many failed sign-ins from your network. Try again in 1 second."],
    [40_200, "queue", 41, "Too many sign-in attempts for this account at once. Try again in 41 seconds."],
    [THROTTLE.WINDOW_MS, "client", 900, "Too many failed sign-ins from your network. Try again in 15 minutes."],
  ] as const)("%i ms (%s): Retry-After %i, %s", (ms, reason, seconds, message) => {
    expect(retryAfterSeconds(ms)).toBe(seconds);
    expect(retryMessage(reason, ms)).toBe(message);
  });
});
