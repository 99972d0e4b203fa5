// The emulator's HTTP server: plain node:http, one in-memory tenant, Okta's wire behaviour.
import { randomBytes } from "node:crypto";
import http from "node:http";
import type { AddressInfo, Socket } from "node:net";
import { type ApiCtx, type ApiReq, err, matchRoute } from "./api";
import { AuthStore, hasScope, oktaError, type Principal, type Reply, rolesAllow } from "./auth";
import { type Faults, handleControl } from "./control";
import { type GenerateOptions, generateTenant } from "./generate";
import { HookDelivery } from "./hooks";
import { adminActor } from "./mutations";
import { bucketFor, RateLimiter } from "./ratelimit";
import type { LogRec, Tenant } from "./state";
import { makeRng, writeJson } from "./util";

export interface EmulatorOptions {
  port?: number;
  host?: string;
  seed?: number;
  users?: number;
  groups?: number;
  apps?: number;
  logDays?: number;
  rateLimits?: boolean;
  rateWindowMs?: number;
  /** print one line per request to stdout */
  verbose?: boolean;
}

export class Emulator {
  tenant!: Tenant;
  auth!: AuthStore;
  limiter: RateLimiter;
  hooks: HookDelivery;
  faults: Faults = emptyFaults();
  genOptions: GenerateOptions;
  /** base URL of the most recent request (used for hook payload sources) */
  lastBase = "";
  generationMs = 0;
  lastViolation = new Map<string, number>();

  constructor(public opts: EmulatorOptions) {
    this.genOptions = {
      seed: opts.seed ?? 42,
      users: opts.users ?? 5000,
      groups: opts.groups ?? 300,
      apps: opts.apps ?? 60,
      logDays: opts.logDays ?? 30,
    };
    this.limiter = new RateLimiter(opts.rateLimits !== false, opts.rateWindowMs ?? 60_000);
    this.hooks = new HookDelivery(
      () => this.tenant,
      () => this.lastBase,
      (h, status) =>
        this.log({
          e: "event_hook.delivery",
          a: -1,
          x: 0,
          o: "FAILURE",
          r: `Delivery failed: ${status}`,
          d: { hookId: h.id, hookName: h.name },
        }),
    );
    this.regenerate(this.genOptions);
  }

  regenerate(g: GenerateOptions) {
    const started = performance.now();
    this.genOptions = g;
    const hooks = this.tenant?.eventHooks ?? [];
    this.tenant = generateTenant(g);
    this.tenant.eventHooks = hooks;
    this.generationMs = Math.round(performance.now() - started);
    const admin = adminActor(this.tenant);
    if (!this.auth) this.auth = new AuthStore(g.seed ?? 42, admin);
    else for (const t of this.auth.apiTokens.values()) t.userSeq = admin;
  }

  now() {
    return Date.now();
  }

  log(r: Omit<LogRec, "t" | "c" | "s" | "o" | "r" | "y"> & Partial<LogRec>) {
    const logs = this.tenant.logs;
    const last = logs.length ? logs[logs.length - 1].t : 0;
    const a = r.a;
    const c = typeof a === "number" && a >= 0 ? (a % 6) + 24 * (a % 18) : 0;
    const rec: LogRec = { t: Math.max(this.now(), last), c, s: 0, o: "", r: null, y: 0, ...r, u: r.u ?? randomUuid() };
    logs.push(rec);
    this.hooks.enqueue(rec, logs.length - 1);
  }

  /** The context of a write; with `requestUri` (an API request) its events carry it in debugData, as Okta's do. */
  actionCtx(base: string, requestUri?: string): ApiCtx {
    const log: ApiCtx["log"] = requestUri
      ? (r) => this.log({ ...r, d: { requestUri: requestUri.split("?")[0], url: requestUri, ...r.d } })
      : (r) => this.log(r);
    return { t: this.tenant, base, now: () => this.now(), log, auth: this.auth, hooks: this.hooks };
  }
}

// Random bytes drawn from a pool refilled 4 KB at a time: a burst makes a log event (uuid) and answers
// a request (request id) thousands of times a second, and one randomBytes call each was a hot path.
let pool = Buffer.alloc(0);
let poolAt = 0;
function pooledRandom(n: number): Buffer {
  if (poolAt + n > pool.length) {
    pool = randomBytes(4096);
    poolAt = 0;
  }
  const b = Buffer.from(pool.subarray(poolAt, poolAt + n));
  poolAt += n;
  return b;
}

function randomUuid() {
  const b = pooledRandom(16);
  b[6] = (b[6] & 0x0f) | 0x10;
  b[8] = (b[8] & 0x3f) | 0x80;
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}

export function emptyFaults(): Faults {
  return {
    errorRate: 0,
    errorStatus: 500,
    errorCount: 0,
    resetRate: 0,
    latencyMs: 0,
    jitterMs: 0,
    rateLimitBurst: 0,
    path: null,
    method: null,
    dropResponseAfterApply: [],
    dropped: 0,
    rng: makeRng(1),
    undo: [],
    applied: [],
  };
}

function send(res: http.ServerResponse, status: number, body: unknown, headers: Record<string, string | string[]> = {}) {
  if (res.headersSent || res.destroyed) return;
  for (const [k, v] of Object.entries(headers)) res.setHeader(k, v);
  if (body === undefined) {
    res.statusCode = status;
    res.end();
    return;
  }
  writeJson(res, status, body);
}

function readBody(req: http.IncomingMessage, max = 1 << 20): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let n = 0;
    req.on("data", (c: Buffer) => {
      n += c.length;
      if (n > max) {
        reject(new Error("too large"));
        req.destroy();
      } else chunks.push(c);
    });
    req.on("end", () => resolve(Buffer.concat(chunks).toString("utf8")));
    req.on("error", reject);
  });
}

/** Who a request counts against for rate limiting (cheap; full authentication comes later). */
function rateKey(emu: Emulator, authz: string): { key: string; share: number } {
  const m = /^(SSWS|Bearer|DPoP)\s+(.+)$/i.exec(authz.trim());
  if (m) {
    if (m[1].toUpperCase() === "SSWS") {
      const t = emu.auth.apiTokens.get(m[2].trim());
      if (t) return { key: `token:${t.name}`, share: t.rateLimitPercent / 100 };
    } else {
      const a = emu.auth.access.get(m[2].trim());
      const app = a && emu.auth.apps.get(a.clientId);
      if (app) return { key: `app:${app.clientId}`, share: app.rateLimitPercent / 100 };
    }
  }
  return { key: "anonymous", share: 1 };
}

async function handle(emu: Emulator, req: http.IncomingMessage, res: http.ServerResponse, fallbackHost: string) {
  const requestId = pooledRandom(12).toString("base64url");
  res.setHeader("x-okta-request-id", requestId);
  const host = req.headers.host ?? fallbackHost;
  const base = `http://${host}`;
  emu.lastBase = base;
  const url = new URL(req.url ?? "/", base);
  let path: string;
  try {
    path = decodeURIComponent(url.pathname);
  } catch {
    return send(res, 400, oktaError("E0000003", "The request body was not well-formed."));
  }
  const method = (req.method ?? "GET").toUpperCase();
  if (emu.opts.verbose) console.log(`${method} ${req.url}`);

  if (path === "/__emulator" || path.startsWith("/__emulator/")) {
    let raw = "";
    try {
      raw = await readBody(req, 8 << 20);
    } catch {
      return send(res, 413, { error: { code: "VALIDATION", message: "body too large" } });
    }
    return handleControl(emu, method, path, url, raw, base, res);
  }

  if (path === "/.well-known/okta-organization" && method === "GET")
    return send(res, 200, { id: emu.tenant.orgId, pipeline: "idx", _links: { organization: { href: base } } });
  if (path === "/.well-known/openid-configuration" && method === "GET")
    return send(res, 200, {
      issuer: base,
      authorization_endpoint: `${base}/oauth2/v1/authorize`,
      token_endpoint: `${base}/oauth2/v1/token`,
      userinfo_endpoint: `${base}/oauth2/v1/userinfo`,
      jwks_uri: `${base}/oauth2/v1/keys`,
      response_types_supported: ["code", "token", "id_token"],
      response_modes_supported: ["query", "fragment", "form_post", "okta_post_message"],
      code_challenge_methods_supported: ["S256"],
      claims_supported: [
        "iss",
        "ver",
        "sub",
        "aud",
        "iat",
        "exp",
        "jti",
        "auth_time",
        "amr",
        "idp",
        "nonce",
        "name",
        "preferred_username",
        "given_name",
        "family_name",
        "email",
        "email_verified",
        "groups",
      ],
      grant_types_supported: ["authorization_code", "client_credentials", "refresh_token"],
      subject_types_supported: ["public"],
      id_token_signing_alg_values_supported: ["RS256"],
      token_endpoint_auth_methods_supported: ["client_secret_basic", "client_secret_post", "client_secret_jwt", "private_key_jwt", "none"],
      dpop_signing_alg_values_supported: ["RS256", "RS384", "RS512", "ES256", "ES384", "ES512"],
      scopes_supported: [
        "openid",
        "profile",
        "email",
        "groups",
        "offline_access",
        "okta.users.read",
        "okta.users.manage",
        "okta.groups.read",
        "okta.groups.manage",
        "okta.apps.read",
        "okta.apps.manage",
        "okta.roles.read",
        "okta.idps.read",
        "okta.logs.read",
        "okta.eventHooks.read",
        "okta.eventHooks.manage",
      ],
    });
  if (path === "/oauth2/v1/keys" && method === "GET") return send(res, 200, emu.auth.jwks());
  // Sign-in with Okta (emulator/oidc.ts): the browser's authorize request, the emulator's sign-in page, userinfo.
  if (path === "/oauth2/v1/authorize" || path === "/login/emulator") {
    if (method !== "GET" && method !== "POST")
      return send(res, 405, oktaError("E0000022", "The endpoint does not support the provided HTTP method"));
    let form: URLSearchParams;
    try {
      form = method === "POST" ? new URLSearchParams(await readBody(req, 64 << 10)) : url.searchParams;
    } catch {
      return send(res, 400, oktaError("E0000003", "The request body was not well-formed."));
    }
    const out =
      path === "/login/emulator" ? emu.auth.oidc.signIn(emu.tenant, form, emu.now()) : emu.auth.oidc.authorize(emu.tenant, form, emu.now());
    for (const [k, v] of Object.entries(out.headers)) res.setHeader(k, v);
    res.statusCode = out.status;
    res.end(out.body);
    return;
  }
  if (path === "/oauth2/v1/userinfo" && (method === "GET" || method === "POST")) {
    const r = emu.auth.oidc.userinfo(emu.tenant, req.headers, base, emu.now());
    return send(res, r.status, r.body, r.headers);
  }

  const isApi = path.startsWith("/api/v1/");
  const isToken = path === "/oauth2/v1/token";
  if (!isApi && !isToken) return send(res, 404, oktaError("E0000007", `Not found: Resource not found: ${path} (Path)`));

  // ---- concurrency, then faults (a slow response holds its concurrency slot, as in Okta) ----
  const enter = emu.limiter.enter(emu.now());
  if (!enter.allowed) return send(res, 429, oktaError("E0000047", "API call exceeded rate limit due to too many requests."), enter.headers);
  try {
    const f = emu.faults;
    // The transient faults (latency, resets, 429 bursts, 5xx) answer before the request is handled.
    const inScope = (!f.path || path.startsWith(f.path)) && (!f.method || f.method === method);
    if (inScope) {
      if (f.latencyMs || f.jitterMs) await new Promise((r) => setTimeout(r, f.latencyMs + f.rng() * f.jitterMs));
      if (f.resetRate && f.rng() < f.resetRate) {
        req.socket.destroy();
        return;
      }
    }
    const now = emu.now();
    const who = rateKey(emu, String(req.headers.authorization ?? ""));
    const decision = emu.limiter.check(bucketFor(method, path), who.key, who.share, now);
    const rl = decision.headers;
    const tooMany = () =>
      send(
        res,
        429,
        isToken
          ? oktaError("E0000047", "You exceeded the maximum number of requests. Try again in a while.")
          : oktaError("E0000047", "API call exceeded rate limit due to too many requests."),
        { ...rl, "x-rate-limit-remaining": "0" },
      );
    if (!decision.allowed) {
      violation(emu, who.key, bucketFor(method, path).key);
      return tooMany();
    }
    if (inScope) {
      if (f.rateLimitBurst > 0) {
        f.rateLimitBurst--;
        return tooMany();
      }
      if (f.errorCount > 0) {
        f.errorCount--;
        return send(res, f.errorStatus, oktaError("E0000009", "Internal Server Error"), rl);
      }
      if (f.errorRate && f.rng() < f.errorRate) return send(res, f.errorStatus, oktaError("E0000009", "Internal Server Error"), rl);
    }

    let raw = "";
    try {
      raw = await readBody(req);
    } catch {
      return send(res, 400, oktaError("E0000003", "The request body was not well-formed."), rl);
    }

    if (isToken) {
      if (method !== "POST")
        return send(res, 405, oktaError("E0000022", "The endpoint does not support the provided HTTP method"), { ...rl, allow: "POST" });
      const ct = String(req.headers["content-type"] ?? "");
      if (!ct.toLowerCase().startsWith("application/x-www-form-urlencoded"))
        return send(
          res,
          400,
          { error: "invalid_request", error_description: "The request must have a Content-Type of application/x-www-form-urlencoded." },
          rl,
        );
      const reply = await emu.auth.token(new URLSearchParams(raw), req.headers, base, now, emu.tenant);
      return send(res, reply.status, reply.body, { ...rl, ...(reply.headers ?? {}) });
    }

    const auth = await emu.auth.authenticate(req.headers, method, base, path, now);
    if (isReply(auth)) return send(res, auth.status, auth.body, { ...rl, ...(auth.headers ?? {}) });
    const principal = auth as Principal;

    const m = matchRoute(method, path);
    if (m === "method") return send(res, 405, oktaError("E0000022", "The endpoint does not support the provided HTTP method"), rl);
    if (!m) return send(res, 404, oktaError("E0000007", `Not found: Resource not found: ${path} (Path)`), rl);
    const { route, params } = m;
    if (!hasScope(principal, route.scope)) {
      const r = emu.auth.insufficientScope(principal, base, route.scope, path);
      return send(res, r.status, undefined, { ...rl, ...(r.headers ?? {}) });
    }
    if (!rolesAllow(principal.roles, route.perm)) {
      // Okta quirk: a service app with no admin role at all gets an empty user list, not an error.
      if (route.emptyWithoutRole && principal.roles.length === 0 && method === "GET")
        return send(res, 200, [], { ...rl, link: `<${base}${url.pathname}${url.search}>; rel="self"` });
      return send(res, 403, oktaError("E0000006", "You do not have permission to perform the requested action"), rl);
    }
    let body: unknown = null;
    if (raw.trim()) {
      try {
        body = JSON.parse(raw);
      } catch {
        return send(res, 400, oktaError("E0000003", "The request body was not well-formed."), rl);
      }
    }
    const apiReq: ApiReq = { method, path, rawPath: url.pathname, query: url.searchParams, headers: req.headers, body, principal };
    const out = await route.h(emu.actionCtx(base, `${url.pathname}${url.search}`), apiReq, params);
    if (dropAfterApply(f, method, path)) {
      // Handled (and applied) as usual; the answer is lost: the connection goes before any byte of it.
      req.socket.destroy();
      return;
    }
    return send(res, out.status, method === "HEAD" ? undefined : out.body, { ...rl, ...(out.headers ?? {}) });
  } finally {
    emu.limiter.leave();
  }
}

/** Whether a dropResponseAfterApply rule takes this request (and uses one of its count). */
function dropAfterApply(f: Faults, method: string, path: string): boolean {
  const i = f.dropResponseAfterApply.findIndex((d) => d.remaining > 0 && (!d.method || d.method === method) && (!d.re || d.re.test(path)));
  if (i < 0) return false;
  const d = f.dropResponseAfterApply[i];
  if (--d.remaining <= 0) f.dropResponseAfterApply.splice(i, 1);
  f.dropped++;
  return true;
}

/** One system.rate_limit.violation event per client, bucket and window, as Okta logs them. */
function violation(emu: Emulator, who: string, bucket: string) {
  const k = `${who}|${bucket}`;
  const now = emu.now();
  if ((emu.lastViolation.get(k) ?? 0) > now - emu.limiter.windowMs) return;
  emu.lastViolation.set(k, now);
  emu.log({
    e: "system.rate_limit.violation",
    a: who.startsWith("app:") ? who.slice(4) : -1,
    x: 0,
    o: "DENY",
    r: "Rate limit exceeded",
    d: { bucket, rateLimitKey: who },
  });
}

const isReply = (x: unknown): x is Reply => !!x && typeof x === "object" && "status" in x;

export async function startEmulator(
  opts: EmulatorOptions = {},
): Promise<{ url: string; port: number; close(): Promise<void>; emulator: Emulator }> {
  const emu = new Emulator(opts);
  const host = opts.host ?? "127.0.0.1";
  const sockets = new Set<Socket>();
  let listening = "";
  const server = http.createServer((req, res) => {
    listening ||= `${host}:${(server.address() as AddressInfo).port}`;
    handle(emu, req, res, listening).catch((e) => {
      console.error("[emulator] unexpected error", e);
      if (!res.headersSent) send(res, 500, oktaError("E0000009", "Internal Server Error"));
    });
  });
  server.keepAliveTimeout = 5000;
  server.on("connection", (s) => {
    sockets.add(s);
    s.on("close", () => sockets.delete(s));
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(opts.port ?? 8787, host, () => resolve());
  });
  const port = (server.address() as AddressInfo).port;
  const shownHost = host === "0.0.0.0" || host === "::" ? "127.0.0.1" : host;
  return {
    url: `http://${shownHost}:${port}`,
    port,
    emulator: emu,
    close: () =>
      new Promise<void>((resolve) => {
        for (const s of sockets) s.destroy();
        server.close(() => resolve());
      }),
  };
}

export { err };
