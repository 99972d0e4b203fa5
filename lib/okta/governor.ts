// Per-bucket rate-limit governor. Okta's limits are org-wide and shared with every other integration
// the customer runs, so reacting to 429s is not enough: we read X-Rate-Limit-* on every answer and
// stop at `share` of the bucket's limit until the window resets. A 429 waits for Okta's reset time
// (never a spin); a concurrency 429 (Limit 0) backs off briefly. Buckets are independent.

export interface RateLimitWaitEvent {
  bucket: string;
  waitMs: number;
  reason: "429" | "pacing" | "concurrency";
  resetAt?: Date;
}

export interface GovernorOptions {
  share?: number;
  /** Requests in flight per bucket; Okta's org-wide concurrency limit is 75 (35 on free orgs). */
  maxConcurrency?: number;
  onWait?: (e: RateLimitWaitEvent) => void;
  now?: () => number;
  sleep?: (ms: number) => Promise<void>;
  random?: () => number;
}

interface BucketState {
  limit?: number;
  remaining?: number;
  resetAt?: number;
  inFlight: number;
  blockedUntil?: number;
  concurrencyStrikes: number;
  wakers: Array<() => void>;
}

export interface RateLimitHeaders {
  limit?: number;
  remaining?: number;
  /** Local clock ms at which the window resets. */
  resetAt?: number;
}

const MAX_WAIT_MS = 5 * 60_000;

/** Reads X-Rate-Limit-*; the reset (epoch seconds) is converted to our clock via the Date header. */
export function readRateLimitHeaders(headers: Headers, now: number): RateLimitHeaders {
  const num = (name: string) => {
    const raw = headers.get(name);
    // A duplicated header arrives comma-joined ("600, 600"); the Node SDK refuses those (OKTA-112507), so do we.
    if (raw === null || raw.includes(",")) return undefined;
    const v = Number(raw.trim());
    return Number.isFinite(v) && v >= 0 ? v : undefined;
  };
  const reset = num("x-rate-limit-reset");
  let resetAt: number | undefined;
  if (reset !== undefined) {
    const serverNow = Date.parse(headers.get("date") ?? "");
    const delta = reset * 1000 - (Number.isFinite(serverNow) ? serverNow : now);
    resetAt = now + Math.min(Math.max(delta, 0), MAX_WAIT_MS);
  }
  return { limit: num("x-rate-limit-limit"), remaining: num("x-rate-limit-remaining"), resetAt };
}

export class RateLimitGovernor {
  private buckets = new Map<string, BucketState>();
  readonly share: number;
  private maxConcurrency: number;
  private onWait?: (e: RateLimitWaitEvent) => void;
  private now: () => number;
  private sleep: (ms: number) => Promise<void>;
  private random: () => number;
  waits = 0;

  constructor(opts: GovernorOptions = {}) {
    this.share = Math.min(1, Math.max(0.01, opts.share ?? 0.5));
    this.maxConcurrency = opts.maxConcurrency ?? 4;
    this.onWait = opts.onWait;
    this.now = opts.now ?? Date.now;
    this.sleep = opts.sleep ?? ((ms) => new Promise((r) => setTimeout(r, ms)));
    this.random = opts.random ?? Math.random;
  }

  private state(bucket: string) {
    let s = this.buckets.get(bucket);
    if (!s) {
      s = { inFlight: 0, concurrencyStrikes: 0, wakers: [] };
      this.buckets.set(bucket, s);
    }
    return s;
  }

  snapshot(bucket: string) {
    const { limit, remaining, resetAt, inFlight, blockedUntil } = this.state(bucket);
    return { limit, remaining, resetAt, inFlight, blockedUntil };
  }

  private wait(s: BucketState, ms: number) {
    // Woken early by a release (a slot freed) or after `ms` (the window reset).
    return new Promise<void>((resolve) => {
      let done = false;
      const finish = () => {
        if (done) return;
        done = true;
        resolve();
      };
      s.wakers.push(finish);
      if (ms > 0 && Number.isFinite(ms)) void this.sleep(ms).then(finish);
    });
  }

  /** Resolves when a request to `bucket` may be sent. Pair every acquire with one release. */
  async acquire(bucket: string): Promise<void> {
    const s = this.state(bucket);
    for (;;) {
      const now = this.now();
      if (s.resetAt !== undefined && now >= s.resetAt) {
        // New window: what we knew about the old one no longer applies.
        s.remaining = undefined;
        s.resetAt = undefined;
      }
      if (s.blockedUntil !== undefined) {
        if (now < s.blockedUntil) {
          await this.sleep(s.blockedUntil - now);
          continue;
        }
        s.blockedUntil = undefined;
      }
      if (s.inFlight >= this.maxConcurrency) {
        await this.wait(s, 0);
        continue;
      }
      // Until Okta has told us the limits of this bucket, send one request at a time.
      if (s.limit === undefined || s.remaining === undefined) {
        if (s.inFlight === 0) break;
        await this.wait(s, 0);
        continue;
      }
      const budget = Math.max(1, Math.floor(s.limit * this.share));
      const used = s.limit - s.remaining + s.inFlight;
      if (used < budget) break;
      if (s.inFlight > 0) {
        // Answers in flight will refresh Remaining; re-check then.
        await this.wait(s, 0);
        continue;
      }
      const waitMs = Math.max(250, (s.resetAt ?? now + 1000) - now + this.jitter());
      this.waits++;
      this.onWait?.({ bucket, waitMs, reason: "pacing", resetAt: s.resetAt ? new Date(s.resetAt) : undefined });
      s.blockedUntil = now + waitMs;
    }
    s.inFlight++;
  }

  /** Records an answer's headers (or none, after a network error) and frees the slot. */
  release(bucket: string, headers?: Headers, status?: number) {
    const s = this.state(bucket);
    s.inFlight = Math.max(0, s.inFlight - 1);
    if (headers) {
      const h = readRateLimitHeaders(headers, this.now());
      // Limit 0 is the concurrency-limit 429, not a window: keep what we knew.
      if (h.limit !== undefined && h.limit > 0 && h.remaining !== undefined) {
        const sameWindow = s.resetAt !== undefined && h.resetAt !== undefined && Math.abs(h.resetAt - s.resetAt) < 1500;
        s.limit = h.limit;
        // Answers can arrive out of order; within one window the lowest Remaining is the truth.
        s.remaining = sameWindow && s.remaining !== undefined ? Math.min(s.remaining, h.remaining) : h.remaining;
        s.resetAt = h.resetAt ?? s.resetAt;
      }
      if (status !== 429) s.concurrencyStrikes = 0;
    }
    const wakers = s.wakers.splice(0);
    for (const w of wakers) w();
  }

  /** After a 429: blocks the bucket until Okta's reset (or briefly, for a concurrency 429) and reports the wait. */
  on429(bucket: string, headers: Headers): RateLimitWaitEvent {
    const s = this.state(bucket);
    const now = this.now();
    const h = readRateLimitHeaders(headers, now);
    let e: RateLimitWaitEvent;
    if (h.limit === 0) {
      s.concurrencyStrikes++;
      const waitMs = Math.min(10_000, 500 * 2 ** (s.concurrencyStrikes - 1)) + this.jitter();
      e = { bucket, waitMs, reason: "concurrency" };
    } else {
      const resetAt = h.resetAt ?? now + 1000;
      s.remaining = 0;
      s.resetAt = resetAt;
      if (h.limit) s.limit = h.limit;
      // Never spin: even a reset "now" (clock skew, second-granular headers) waits a little.
      const waitMs = Math.max(250, resetAt - now) + this.jitter();
      e = { bucket, waitMs, reason: "429", resetAt: new Date(resetAt) };
    }
    s.blockedUntil = Math.max(s.blockedUntil ?? 0, now + e.waitMs);
    this.waits++;
    this.onWait?.(e);
    return e;
  }

  private jitter() {
    return Math.round(100 + this.random() * 400);
  }
}
