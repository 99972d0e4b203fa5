// The Okta Management API client shared by verification and sync. One request path for everything:
// SSRF-guarded transport -> per-bucket governor -> retry on transient failures -> auth (with token
// refresh and DPoP) -> Okta's errors classified. It knows nothing about the database.

import { type CachedToken, createAuthorizer, type OktaCredentials, type TokenCache } from "./auth";
import { bucketFor } from "./buckets";
import { classifyOktaError, networkError, OktaApiError, parseWwwAuthenticate } from "./errors";
import { RateLimitGovernor } from "./governor";
import { nextLink } from "./pagination";
import { retryDecision } from "./retry";
import { type SafeResponse, safeFetch } from "./ssrf";

export type { CachedToken, OktaCredentials, TokenCache };

export interface OktaClientEvents {
  onRequest?(e: { method: string; url: string; status: number; durationMs: number; bucket: string }): void;
  onRateLimitWait?(e: { bucket: string; waitMs: number; reason: "429" | "pacing" | "concurrency"; resetAt?: Date }): void;
  onRetry?(e: { url: string; attempt: number; reason: string; delayMs: number }): void;
  onTokenRefresh?(e: { reason: "expired" | "401" | "initial" }): void;
}

export interface OktaClientOptions {
  /** Normalized origin, e.g. https://acme.okta.com or http://127.0.0.1:8787 */
  domain: string;
  credentials: OktaCredentials;
  /** 0..1 of each bucket's X-Rate-Limit-Limit we allow ourselves (default 0.5). */
  rateLimitShare?: number;
  /** For 5xx / timeouts / resets (default 4). */
  maxRetries?: number;
  /** Per request (default 30 s). */
  timeoutMs?: number;
  events?: OktaClientEvents;
  tokenCache?: TokenCache;
  /** Requests in flight per bucket (default 4). */
  maxConcurrency?: number;
  /** 429 waits tolerated for one request before it fails as rate limited (default 20). */
  maxRateLimitWaits?: number;
}

export interface OktaResponse<T> {
  status: number;
  headers: Headers;
  body: T;
  url: string;
}

type Query = Record<string, string | number | undefined>;

export interface OktaRequestInit {
  query?: Query;
  body?: unknown;
  headers?: Record<string, string>;
  /**
   * Safe to send twice: retried on 5xx, timeouts and resets. Defaults to every method but POST and
   * PATCH; a caller that knows Okta's semantics says so per call (a PUT membership is, a DELETE of a
   * user is not: Okta's first DELETE deactivates, the second deletes).
   */
  idempotent?: boolean;
}

export interface OktaClient {
  get<T = unknown>(pathOrUrl: string, query?: Query): Promise<OktaResponse<T>>;
  request<T = unknown>(method: string, pathOrUrl: string, init?: OktaRequestInit): Promise<OktaResponse<T>>;
  /** Follows Link rel="next" page by page; `pathOrUrl` may be a stored next link. Stops after an empty page. */
  pages<T = unknown>(pathOrUrl: string, query?: Query): AsyncGenerator<{ items: T[]; nextUrl: string | null; response: OktaResponse<T[]> }>;
  stats(): { requests: number; rateLimitWaits: number; retries: number };
  /** What authentication turned out to need: DPoP, scopes granted. */
  authInfo(): { usesDpop: boolean; grantedScopes: string[] | null; notGrantedScopes: string[]; dpopKey?: import("jose").JWK };
  /** Gets an access token (OAuth) without calling the API; null for API tokens. */
  token(): Promise<CachedToken | null>;
  readonly domain: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

// Users' credential blocks are never stored, so Okta is asked to leave them out of every user read.
const USER_READ_HEADER = "omitCredentials,omitCredentialsLinks,omitTransitioningToStatus";

export function createOktaClient(opts: OktaClientOptions): OktaClient {
  const domain = new URL(opts.domain).origin;
  const maxRetries = opts.maxRetries ?? 4;
  const maxRateLimitWaits = opts.maxRateLimitWaits ?? 20;
  const events = opts.events ?? {};
  const counters = { requests: 0, retries: 0 };
  const governor = new RateLimitGovernor({
    share: opts.rateLimitShare ?? 0.5,
    maxConcurrency: opts.maxConcurrency,
    onWait: (e) => events.onRateLimitWait?.(e),
  });

  /**
   * One logical call: governor slot, guarded exchange, 429 waits and transient retries. `build` runs
   * for every attempt so each gets a fresh DPoP proof / client assertion.
   */
  async function send(
    method: string,
    url: string,
    build: () => Promise<{ headers: Record<string, string>; body?: string }>,
    idempotent: boolean,
  ): Promise<SafeResponse> {
    const bucket = bucketFor(method, new URL(url).pathname);
    let attempt = 0;
    let rateWaits = 0;
    for (;;) {
      attempt++;
      await governor.acquire(bucket);
      let req: { headers: Record<string, string>; body?: string };
      try {
        // Failures here (getting a token) were already retried by their own call; never retry them again.
        req = await build();
      } catch (e) {
        governor.release(bucket);
        throw e;
      }
      const started = Date.now();
      let res: SafeResponse;
      try {
        res = await safeFetch({ method, url, headers: req.headers, body: req.body, timeoutMs: opts.timeoutMs ?? 30_000 });
      } catch (e) {
        governor.release(bucket);
        if (!(e instanceof OktaApiError) || e.kind !== "network") throw e;
        const d = retryDecision({ outcome: { type: "network", reason: e.networkReason ?? "other" }, attempt, maxRetries, idempotent });
        if (!d.retry) throw e;
        counters.retries++;
        events.onRetry?.({ url, attempt, reason: d.reason, delayMs: d.delayMs });
        await sleep(d.delayMs);
        continue;
      }
      counters.requests++;
      governor.release(bucket, res.headers, res.status);
      events.onRequest?.({ method, url, status: res.status, durationMs: Date.now() - started, bucket });
      if (res.status === 429) {
        if (++rateWaits > maxRateLimitWaits) return res;
        governor.on429(bucket, res.headers);
        attempt--; // a 429 is a wait, not a failed attempt
        continue;
      }
      if (res.status >= 500) {
        const d = retryDecision({ outcome: { type: "status", status: res.status }, attempt, maxRetries, idempotent });
        if (d.retry) {
          counters.retries++;
          events.onRetry?.({ url, attempt, reason: d.reason, delayMs: d.delayMs });
          await sleep(d.delayMs);
          continue;
        }
      }
      return res;
    }
  }

  const auth = createAuthorizer({
    domain,
    credentials: opts.credentials,
    tokenCache: opts.tokenCache,
    onTokenRefresh: (e) => events.onTokenRefresh?.(e),
    send: (build) => send("POST", `${domain}/oauth2/v1/token`, build, true),
  });

  function resolve(pathOrUrl: string, query?: Query): string {
    const url = /^https?:\/\//i.test(pathOrUrl)
      ? new URL(pathOrUrl)
      : new URL(pathOrUrl.startsWith("/") ? pathOrUrl : `/${pathOrUrl}`, domain);
    // Next links and stored cursors must stay on the org we were given.
    if (url.origin !== domain)
      throw networkError("blocked", url.toString(), "GET", `refusing to call ${url.host}, which is not the connected Okta org`);
    for (const [k, v] of Object.entries(query ?? {})) if (v !== undefined) url.searchParams.set(k, String(v));
    return url.toString();
  }

  function parseBody(res: SafeResponse): unknown {
    if (!res.text) return undefined;
    const type = res.headers.get("content-type") ?? "";
    if (/json/i.test(type) || /^\s*[[{]/.test(res.text)) {
      try {
        return JSON.parse(res.text);
      } catch {
        return res.text;
      }
    }
    return res.text;
  }

  async function request<T>(method: string, pathOrUrl: string, init: OktaRequestInit = {}): Promise<OktaResponse<T>> {
    const m = method.toUpperCase();
    const url = resolve(pathOrUrl, init.query);
    const path = new URL(url).pathname;
    const extra: Record<string, string> = {
      accept: "application/json",
      ...(path.startsWith("/api/v1/users") && m === "GET" ? { "okta-response": USER_READ_HEADER } : {}),
      ...init.headers,
    };
    const payload = init.body === undefined ? undefined : JSON.stringify(init.body);
    if (payload !== undefined) extra["content-type"] = "application/json";
    const idempotent = init.idempotent ?? (m !== "POST" && m !== "PATCH");
    let refreshed = false;
    let nonceRetried = false;
    for (;;) {
      const res = await send(
        m,
        url,
        async () => ({ headers: { ...extra, ...(await auth.headersFor(m, url)) }, body: payload }),
        idempotent,
      );
      const body = parseBody(res);
      if (res.status >= 200 && res.status < 300) {
        if (typeof body === "string") {
          throw new OktaApiError(`Okta answered ${res.status} to ${m} ${path} with something that is not JSON; is this an Okta org?`, {
            status: res.status,
            kind: "client",
            url,
            notJson: true,
          });
        }
        return { status: res.status, headers: res.headers, body: body as T, url };
      }
      const www = parseWwwAuthenticate(res.headers.get("www-authenticate"));
      const nonce = res.headers.get("dpop-nonce");
      if (!nonceRetried && nonce && (www?.params.error === "use_dpop_nonce" || (body as { error?: string })?.error === "use_dpop_nonce")) {
        nonceRetried = true;
        auth.setResourceNonce(nonce);
        continue;
      }
      if (res.status === 401 && !refreshed && opts.credentials.method !== "api_token") {
        refreshed = true;
        auth.invalidate();
        continue;
      }
      throw classifyOktaError({ status: res.status, headers: res.headers, body, url, method: m });
    }
  }

  async function* pages<T>(pathOrUrl: string, query?: Query) {
    let next: string | null = resolve(pathOrUrl, query);
    while (next) {
      const response: OktaResponse<T[]> = await request<T[]>("GET", next);
      if (!Array.isArray(response.body)) {
        throw new OktaApiError(`Okta answered a list request (${new URL(next).pathname}) with something that is not a list`, {
          status: response.status,
          kind: "client",
          url: next,
        });
      }
      const link = nextLink(response.headers.get("link"), next);
      const nextUrl: string | null = link && link !== next ? link : null;
      yield { items: response.body, nextUrl: response.body.length ? nextUrl : link, response };
      // An empty page ends the walk; the System Log always sends a next link, which the caller keeps.
      if (!response.body.length) return;
      next = nextUrl;
    }
  }

  return {
    domain,
    get: (p, query) => request("GET", p, { query }),
    request: (method, p, init) => request(method, p, init),
    pages,
    stats: () => ({ requests: counters.requests, rateLimitWaits: governor.waits, retries: counters.retries }),
    authInfo: () => auth.info(),
    token: () => auth.token(),
  };
}
