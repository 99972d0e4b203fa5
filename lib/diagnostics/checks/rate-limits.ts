// Rate limits: the share of each bucket the syncs use, recent 429s (in the run records and during these
// checks), and what to change. The console paces itself below its share of every bucket, so a 429 means
// someone else is spending the org's limits at the same time, or the limits are low.

import { formatCount } from "@/lib/format";
import type { CheckContext, CheckOutcome } from "../check-def";
import type { LiveBucket } from "../probes";
import { ev, plural } from "./evidence";

export interface BucketHistory {
  requests: number;
  waits: number;
  waitMs: number;
  waits429: number;
}

export interface RateLimitFacts {
  /** Share of each bucket this integration allows itself (0..1). */
  share: number;
  live: LiveBucket[];
  /** 429s answered to the checks' own requests, per bucket. */
  waits429Now: Record<string, number>;
  /** Null before an integration is saved. */
  history: {
    days: number;
    runs: number;
    requests: number;
    rateLimitWaits: number;
    /** Resources that gave up after repeated 429s. */
    gaveUp: number;
    runMs: number;
    perBucket: Record<string, BucketHistory>;
  } | null;
}

const pct = (x: number) => `${Math.round(x * 100)}%`;
const NEARLY_USED = 0.1;
/** Pacing is worth a warning once it is a large share of the syncs' time and long enough to notice. */
const SLOW = 0.25;
const SLOW_MS = 60_000;

export function rateLimitRule(f: RateLimitFacts, ctx: CheckContext): CheckOutcome {
  const h = f.history;
  const hist429 = h ? Object.values(h.perBucket).reduce((a, b) => a + b.waits429, 0) : 0;
  const now429 = Object.values(f.waits429Now).reduce((a, b) => a + b, 0);
  // Buckets wait in parallel, so the slowest bucket's waiting is what the sync's duration felt.
  const waitMs = h ? Math.max(0, ...Object.values(h.perBucket).map((b) => b.waitMs)) : 0;
  const evidence = [
    ...ev("This integration's share", `at most ${pct(f.share)} of each bucket`),
    ...f.live.flatMap((b) =>
      ev(
        `${b.bucket} bucket now`,
        `${formatCount(b.remaining)} of ${formatCount(b.limit)} left${b.resetInSec !== null ? `, resets in ${b.resetInSec} s` : ""}; the console uses at most ${formatCount(Math.max(1, Math.floor(b.limit * f.share)))}`,
      ),
    ),
    ...(h
      ? ev(
          `Syncs in the last ${h.days} days`,
          `${h.runs} (${plural(h.requests, "request")}, ${plural(h.rateLimitWaits, "rate-limit wait")})`,
        )
      : []),
    ...(h
      ? Object.entries(h.perBucket).flatMap(([bucket, b]) =>
          ev(
            `${bucket} in syncs`,
            `${plural(b.requests, "request")}, ${plural(b.waits, "wait")} (${Math.round(b.waitMs / 1000)} s)${b.waits429 ? `, ${b.waits429} after a 429` : ""}`,
          ),
        )
      : []),
    ...ev("429s during these checks", now429 || undefined),
  ];
  const per429: Record<string, number> = {};
  for (const [k, b] of Object.entries(h?.perBucket ?? {})) per429[k] = (per429[k] ?? 0) + b.waits429;
  for (const [k, n] of Object.entries(f.waits429Now)) per429[k] = (per429[k] ?? 0) + n;
  const hot = Object.entries(per429).filter(([, n]) => n > 0);
  if (hist429 || now429 || h?.gaveUp) {
    const parts = [
      hist429 ? `${plural(hist429, "time")} during syncs in the last ${h!.days} days` : "",
      now429 ? `${plural(now429, "time")} during these checks` : "",
    ].filter(Boolean);
    return {
      status: "fail",
      cause: "RATE_LIMITED",
      summary: `Okta answered 429 (too many requests) ${parts.join(" and ") || "to the syncs"}${hot.length ? ` (${hot.map(([k, n]) => `${k}: ${n}`).join(", ")})` : ""}${h?.gaveUp ? `; ${plural(h.gaveUp, "resource")} gave up after repeated 429s` : ""}. The console keeps below ${pct(f.share)} of each bucket, so something else is using this org's API limits at the same time, or the limits are low.`,
      evidence,
      fix: "Find who else calls Okta's API: in the Okta Admin Console, the rate limit dashboard (Reports > Rate Limits) and the System Log's system.rate_limit.violation events name the client. Then schedule this integration's syncs away from that load, lower this integration's share, or ask Okta to raise the org's limits.",
      adminUrl: ctx.links.systemLog,
    };
  }
  const tight = f.live.find((b) => b.remaining / b.limit < NEARLY_USED);
  if (tight) {
    return {
      status: "warn",
      cause: "RATE_LIMIT_NEARLY_USED",
      summary: `Right now the ${tight.bucket} bucket has only ${tight.remaining} of ${tight.limit} requests left in this window: something else is using it heavily. Syncs will wait for the window to reset.`,
      evidence,
      fix: "If syncs are slow, schedule them away from the other integration's busy times (see the rate limit dashboard in the Okta Admin Console).",
    };
  }
  if (h && h.runMs > 0 && waitMs >= SLOW_MS && waitMs / h.runMs > SLOW) {
    return {
      status: "warn",
      cause: "SYNC_PACED",
      summary: `Syncs spent about ${pct(waitMs / h.runMs)} of their time (${Math.round(waitMs / 1000)} s) waiting to stay below ${pct(f.share)} of Okta's limits. That is what makes them slow; Okta itself never refused them.`,
      evidence,
      fix: `If nothing else uses this org's API, raise this integration's share of the limits (now ${pct(f.share)}); otherwise the wait is what keeps the other integrations working.`,
    };
  }
  return {
    status: "pass",
    summary: `No 429s${h ? ` in the last ${h.days} days of syncs` : ""} or during these checks; the console stays below ${pct(f.share)} of each bucket.`,
    evidence,
  };
}
