// How repeated sign-in failures are slowed down, as pure rules over the throttle rows
// (lib/auth/sign-in-throttle.ts keeps the rows; lib/auth/sign-in.ts applies the decision).
//
// Three rows take part in every attempt:
// - the account (`email:`): its failures set a delay before the password is checked, growing
//   exponentially after FREE_FAILURES and capped at MAX_DELAY_MS. It never refuses: the owner's right
//   password gets in after at most MAX_DELAY_MS, whoever else is guessing.
// - the client address (`ip:`): after CLIENT_MAX_FAILURES failures from one address (across all
//   accounts) that address is refused until WINDOW_MS after its last failure.
// - the client on that account (`pair:`): its `lockedUntil` is "next attempt allowed at". Attempts
//   from one address on one account queue one after another, each waiting its delay, so firing them
//   in parallel gains nothing; one that would have to wait longer than MAX_DELAY_MS is refused.
// Failures are forgotten WINDOW_MS after the last one; a successful sign-in forgets the account's.

/** Tunable in tests (they read it to compute the expected delays). */
export const THROTTLE = {
  /** Failures with no later failure for this long are forgotten (and the rows become purgeable). */
  WINDOW_MS: 15 * 60_000,
  /** Failed attempts on an account before any delay. */
  FREE_FAILURES: 3,
  /** The first delay; it doubles with every further failure. */
  BASE_DELAY_MS: 1_000,
  /** The cap on the delay, and on how long any attempt waits before its password is checked. */
  MAX_DELAY_MS: 15_000,
  /** Failures from one client address, across all accounts, before that address is refused. */
  CLIENT_MAX_FAILURES: 30,
  /** Stale rows deleted at most per recorded failure. */
  PURGE_BATCH: 100,
};

/** The delay before checking the next password, given the account's recent failures. */
export function delayAfter(failures: number): number {
  if (failures < THROTTLE.FREE_FAILURES) return 0;
  // Capped before exponentiating, so a huge count cannot overflow to Infinity.
  const doublings = Math.min(failures - THROTTLE.FREE_FAILURES, 52);
  return Math.min(THROTTLE.MAX_DELAY_MS, THROTTLE.BASE_DELAY_MS * 2 ** doublings);
}

/** A throttle row as the policy sees it (times in epoch ms). */
export interface ThrottleRow {
  failures: number;
  firstFailureAt: number;
  lastFailureAt: number;
  /** For a `pair:` row: when the next attempt from that client on that account may be checked. */
  nextAttemptAt: number | null;
}

export type AttemptDecision =
  | { kind: "refuse"; reason: "client" | "queue"; retryAfterMs: number }
  | {
      kind: "proceed";
      /** How long to wait before the password is checked. */
      waitMs: number;
      /** The rows as they are to be written: this attempt is counted as a failure until it succeeds. */
      account: ThrottleRow;
      client: ThrottleRow | null;
      pair: ThrottleRow;
    };

/** A row's failures, or 0 once the window since its last failure has passed. */
export function liveFailures(row: ThrottleRow | null | undefined, now: number): number {
  if (!row || row.failures <= 0) return 0;
  return now - row.lastFailureAt < THROTTLE.WINDOW_MS ? row.failures : 0;
}

function counted(row: ThrottleRow | null | undefined, now: number, nextAttemptAt: number | null): ThrottleRow {
  const live = liveFailures(row, now);
  return { failures: live + 1, firstFailureAt: live > 0 && row ? row.firstFailureAt : now, lastFailureAt: now, nextAttemptAt };
}

/**
 * Decides one attempt from the rows as they are now (read under lock). `client` is null when the
 * client's address is unknown: the per-client limit then does not apply.
 */
export function decideAttempt(input: {
  now: number;
  account: ThrottleRow | null;
  client: ThrottleRow | null;
  pair: ThrottleRow | null;
  clientKnown: boolean;
}): AttemptDecision {
  const { now, account, client, pair, clientKnown } = input;
  if (clientKnown && client && liveFailures(client, now) >= THROTTLE.CLIENT_MAX_FAILURES) {
    return { kind: "refuse", reason: "client", retryAfterMs: client.lastFailureAt + THROTTLE.WINDOW_MS - now };
  }
  const queuedUntil = Math.max(now, pair?.nextAttemptAt ?? now);
  const verifyAt = queuedUntil + delayAfter(liveFailures(account, now));
  const waitMs = verifyAt - now;
  if (waitMs > THROTTLE.MAX_DELAY_MS) {
    // This client already has attempts queued on this account: it may come back once the wait fits.
    return { kind: "refuse", reason: "queue", retryAfterMs: waitMs - THROTTLE.MAX_DELAY_MS };
  }
  return {
    kind: "proceed",
    waitMs,
    account: counted(account, now, null),
    client: clientKnown ? counted(client, now, null) : null,
    pair: counted(pair, now, verifyAt),
  };
}

/** "Try again in 40 seconds." / "Try again in 15 minutes." (rounded up, at least one second). */
export function retryMessage(reason: "client" | "queue", retryAfterMs: number): string {
  const seconds = Math.max(1, Math.ceil(retryAfterMs / 1000));
  const when = seconds < 90 ? `${seconds} second${seconds === 1 ? "" : "s"}` : `${Math.ceil(seconds / 60)} minutes`;
  return reason === "client"
    ? `Too many failed sign-ins from your network. Try again in ${when}.`
    : `Too many sign-in attempts for this account at once. Try again in ${when}.`;
}

/** The Retry-After header's value (whole seconds, at least 1). */
export function retryAfterSeconds(retryAfterMs: number): number {
  return Math.max(1, Math.ceil(retryAfterMs / 1000));
}
