// Okta-style rate limits: org-wide buckets per endpoint family, each client capped at a share of
// every bucket, an org-wide concurrency limit, and X-Rate-Limit-* headers on every response.

export interface BucketDef {
  key: string;
  limit: number;
}

/** Workforce defaults from Okta's historical rate-limit table (requests per minute). */
export function bucketFor(method: string, path: string): BucketDef {
  const p = path.replace(/\/+$/, "");
  if (p === "/oauth2/v1/token") return { key: "POST /oauth2/v1/token", limit: 600 };
  if (p.startsWith("/api/v1/logs")) return { key: "/api/v1/logs", limit: 120 };
  if (/^\/api\/v1\/apps\/[^/]+$/.test(p)) return { key: "/api/v1/apps/{id}", limit: 500 };
  if (p.startsWith("/api/v1/apps")) return { key: "/api/v1/apps", limit: 100 };
  if (p === "/api/v1/groups") return { key: "/api/v1/groups", limit: 500 };
  if (p.startsWith("/api/v1/groups/")) return { key: "/api/v1/groups/{id}", limit: 1000 };
  if (p === "/api/v1/users") return { key: "/api/v1/users", limit: 600 };
  if (p.startsWith("/api/v1/users/"))
    return method === "GET" ? { key: "GET /api/v1/users/{idOrLogin}", limit: 2000 } : { key: "/api/v1/users/{id} (write)", limit: 600 };
  return { key: "/api/v1 (other)", limit: 1200 };
}

interface Window {
  start: number;
  org: number;
  clients: Map<string, number>;
}

export interface RateDecision {
  allowed: boolean;
  headers: Record<string, string>;
  concurrency?: boolean;
}

export class RateLimiter {
  private windows = new Map<string, Window>();
  inflight = 0;
  stats = { requests: 0, limited: 0, concurrencyLimited: 0, byBucket: {} as Record<string, { requests: number; limited: number }> };

  constructor(
    public enabled: boolean,
    public windowMs: number,
    public concurrencyLimit = 75,
    public limitOverrides: Record<string, number> = {},
  ) {}

  check(b: BucketDef, clientKey: string, share: number, now: number): RateDecision {
    const limit = this.limitOverrides[b.key] ?? b.limit;
    this.stats.byBucket[b.key] ??= { requests: 0, limited: 0 };
    const s = this.stats.byBucket[b.key];
    this.stats.requests++;
    s.requests++;
    let w = this.windows.get(b.key);
    if (!w || now >= w.start + this.windowMs) {
      w = { start: now, org: 0, clients: new Map() };
      this.windows.set(b.key, w);
    }
    const cap = Math.max(1, Math.floor(limit * share));
    const used = w.clients.get(clientKey) ?? 0;
    const reset = String(Math.ceil((w.start + this.windowMs) / 1000));
    if (!this.enabled)
      return {
        allowed: true,
        headers: { "x-rate-limit-limit": String(cap), "x-rate-limit-remaining": String(cap), "x-rate-limit-reset": reset },
      };
    if (used >= cap || w.org >= limit) {
      this.stats.limited++;
      s.limited++;
      return { allowed: false, headers: { "x-rate-limit-limit": String(cap), "x-rate-limit-remaining": "0", "x-rate-limit-reset": reset } };
    }
    w.clients.set(clientKey, used + 1);
    w.org++;
    return {
      allowed: true,
      headers: {
        "x-rate-limit-limit": String(cap),
        "x-rate-limit-remaining": String(Math.max(0, Math.min(cap - used - 1, limit - w.org))),
        "x-rate-limit-reset": reset,
      },
    };
  }

  /** Okta answers a concurrency violation with Limit and Remaining both 0. */
  enter(now: number): RateDecision {
    if (this.enabled && this.inflight >= this.concurrencyLimit) {
      this.stats.concurrencyLimited++;
      return {
        allowed: false,
        concurrency: true,
        headers: { "x-rate-limit-limit": "0", "x-rate-limit-remaining": "0", "x-rate-limit-reset": String(Math.ceil(now / 1000) + 1) },
      };
    }
    this.inflight++;
    return { allowed: true, headers: {} };
  }

  leave() {
    this.inflight = Math.max(0, this.inflight - 1);
  }

  reset() {
    this.windows.clear();
  }
}
