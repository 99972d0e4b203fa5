// When to try a failed call again. Pure so the rules are a table test, not a belief.
// 429s are not decided here: the governor waits until Okta's reset time instead of backing off blindly.

export type AttemptOutcome =
  | { type: "status"; status: number }
  | { type: "network"; reason: "timeout" | "reset" | "refused" | "dns" | "tls" | "blocked" | "redirect" | "too_large" | "other" };

export interface RetryInput {
  outcome: AttemptOutcome;
  /** Attempts made so far, including the one that just failed (1 after the first try). */
  attempt: number;
  maxRetries: number;
  /** Safe to send twice. GETs are; a token request is; a lifecycle POST is not. */
  idempotent: boolean;
  random?: () => number;
  baseDelayMs?: number;
  maxDelayMs?: number;
}

export interface RetryDecision {
  retry: boolean;
  delayMs: number;
  reason: string;
}

const RETRYABLE_STATUS = new Set([500, 502, 503, 504]);

export function retryDecision({
  outcome,
  attempt,
  maxRetries,
  idempotent,
  random = Math.random,
  baseDelayMs = 500,
  maxDelayMs = 30_000,
}: RetryInput): RetryDecision {
  const no = (reason: string): RetryDecision => ({ retry: false, delayMs: 0, reason });
  let reason: string;
  if (outcome.type === "status") {
    if (outcome.status < 500) return no(`HTTP ${outcome.status} is not retried`);
    if (!RETRYABLE_STATUS.has(outcome.status)) return no(`HTTP ${outcome.status} is not transient`);
    // A 503 means the request was not processed, so even a non-idempotent call may be repeated.
    if (!idempotent && outcome.status !== 503) return no(`HTTP ${outcome.status} on a call that is not safe to repeat`);
    reason = `HTTP ${outcome.status}`;
  } else {
    if (["dns", "tls", "blocked", "redirect", "too_large"].includes(outcome.reason))
      return no(`${outcome.reason} errors are not transient`);
    // The request may have reached Okta before a timeout or reset; a refused connection never did.
    if (!idempotent && outcome.reason !== "refused") return no(`${outcome.reason} on a call that is not safe to repeat`);
    reason = outcome.reason;
  }
  if (attempt > maxRetries) return no(`${reason}; gave up after ${attempt} attempts`);
  // Exponential backoff with "equal jitter": half fixed, half random, so clients do not retry in step.
  const exp = Math.min(maxDelayMs, baseDelayMs * 2 ** (attempt - 1));
  return { retry: true, delayMs: Math.round(exp / 2 + random() * (exp / 2)), reason };
}
