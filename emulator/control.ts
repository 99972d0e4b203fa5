// Test-only control plane under /__emulator/: credentials, ground truth, mutations, faults.
// It has no authentication by design; never expose an emulator beyond localhost.
import type http from "node:http";
import { z } from "zod";
import { ActionError } from "./actions";
import type { ApiCtx } from "./api";
import { ADMIN_ROLE_TYPES, type AuthStore, KNOWN_SCOPES } from "./auth";
import type { GenerateOptions } from "./generate";
import type { HookDelivery } from "./hooks";
import { adminActor, applyMutations, KINDS } from "./mutations";
import { plantInput, plantObjects } from "./plant";
import type { RateLimiter } from "./ratelimit";
import { appGroupJson, appJson, appUserJson, eventHookJson, groupJson, logJson, roleJson, userJson } from "./serialize";
import { EVERYONE, groupMembers, type RoleRec, type Tenant } from "./state";
import { makeRng, type Rng, writeJson } from "./util";

/** A request to handle (and apply) as usual, then answer by destroying the connection before any byte. */
export interface DropRule {
  path: string | null;
  method: string | null;
  remaining: number;
  re: RegExp | null;
}

export interface Faults {
  errorRate: number;
  errorStatus: number;
  /** the next N requests in scope get errorStatus (without being applied) */
  errorCount: number;
  resetRate: number;
  latencyMs: number;
  jitterMs: number;
  rateLimitBurst: number;
  /** prefix of the paths the transient faults apply to */
  path: string | null;
  /** the HTTP method the transient faults apply to */
  method: string | null;
  dropResponseAfterApply: DropRule[];
  /** responses dropped after the request was applied, since the faults were last cleared */
  dropped: number;
  rng: Rng;
  /** undo steps for credential faults, applied by DELETE /__emulator/faults */
  undo: (() => void)[];
  applied: string[];
}

const INDEX = {
  name: "Okta org emulator control plane",
  warning: "Test-only and unauthenticated: never expose it beyond localhost.",
  endpoints: {
    "GET /__emulator": "this index",
    "GET /__emulator/credentials": "apps (client ids, keys, secrets, scopes, roles, DPoP) and SSWS API tokens",
    "POST /__emulator/apps":
      "register an app: { name, kind: service|oin, publicJwk?, scopes?, roles?, dpopRequired?, clientSecret?, rateLimitPercent? }",
    "PATCH /__emulator/apps/{clientId}": "change an app: { scopes?, roles?, dpopRequired?, status?, rateLimitPercent?, publicJwk? }",
    "POST /__emulator/tokens": "create an SSWS API token: { name, roles? }",
    "GET /__emulator/truth":
      "the whole tenant as Okta API objects (users, groups, memberships, apps, appUsers, appGroups, roles, idps, eventHooks, log summary)",
    "GET /__emulator/truth/{resource}": "one part: summary|users|groups|memberships|apps|appUsers|appGroups|roles|idps|eventHooks|logs",
    "POST /__emulator/mutations":
      "apply N random realistic changes: { count, seed?, wait?, kinds? } (System Log + event hooks); each change says when it was made (at)",
    "POST /__emulator/objects":
      "plant exact field values (verbatim, any JSON, NUL and lone surrogates included): { users?: [{ id?, status?, profile? }], groups?: [{ id?, profile? }], apps?: [{ id, label?, name?, status? }], wait? }; no id creates the object",
    "GET /__emulator/faults": "current faults",
    "POST /__emulator/faults":
      "add faults: { errorRate?, errorStatus? (500|502|503|504), errorCount? (the next N requests get errorStatus), resetRate?, latencyMs?, jitterMs?, rateLimitBurst?, path? (prefix), method?, seed?, revokeApp?, revokeToken?, expireTokens?, removeScope?: {app, scope}, removeRole?: {app|token, role}, requireDpop?, dropResponseAfterApply?: { path? (regex), method?, count? (default 1) } }. errorRate/errorCount/resetRate/rateLimitBurst answer before the request is handled: nothing is applied. dropResponseAfterApply handles the request as usual (a write is applied, logged and sent to event hooks), then destroys the connection without writing a byte of the response",
    "DELETE /__emulator/faults": "clear all faults and undo credential faults",
    "GET /__emulator/config": "rate limits, window, concurrency, token lifetime",
    "PATCH /__emulator/config": "{ rateLimits?, rateWindowMs?, concurrencyLimit?, bucketLimits?: {bucket: n}, tokenLifetimeSec? }",
    "GET /__emulator/stats": "request, rate-limit and event-hook delivery counters",
    "POST /__emulator/reset": "regenerate the tenant: { seed?, users?, groups?, apps?, logDays? } (credentials are kept)",
    "GET /__emulator/oidc":
      "sign-in with Okta: OIDC apps, the default password, auto-approve, ID token tampering, recent authorize requests",
    "POST /__emulator/oidc/clients":
      "register an OIDC web app: { name?, redirectUris, groupsClaimRegex? (default '.*', null: no groups claim), assignedGroups? (names or ids; default everyone) }",
    "PATCH /__emulator/oidc/clients/{clientId}": "change it: { redirectUris?, groupsClaimRegex?, assignedGroups?, status? }",
    "PATCH /__emulator/oidc":
      "{ autoApprove?: login | null (signed in at /authorize without the form), tamper?: { nonce?, aud?, iss?, foreignKey? } | null (the next ID tokens) }",
    "PUT /__emulator/oidc/passwords": "{ login, password }: that user's password on the sign-in page (others use the default)",
  },
};

const scopeSchema = z.string().refine((s) => KNOWN_SCOPES.has(s), { message: "unknown Okta scope" });
const roleSchema = z.string().refine((r) => ADMIN_ROLE_TYPES.includes(r), { message: `must be one of ${ADMIN_ROLE_TYPES.join(", ")}` });
const jwkSchema = z
  .object({ kty: z.enum(["RSA", "EC"]) })
  .passthrough()
  .refine((k) => !("d" in k), { message: "must be a public key (no 'd')" });
const appInput = z
  .object({
    name: z.string().min(1).max(100),
    kind: z.enum(["service", "oin"]),
    publicJwk: jwkSchema.optional(),
    scopes: z.array(scopeSchema).optional(),
    roles: z.array(roleSchema).optional(),
    dpopRequired: z.boolean().optional(),
    clientSecret: z.string().min(8).optional(),
    rateLimitPercent: z.number().int().min(1).max(100).optional(),
  })
  .strict();
const appPatch = z
  .object({
    scopes: z.array(scopeSchema).optional(),
    roles: z.array(roleSchema).optional(),
    dpopRequired: z.boolean().optional(),
    status: z.enum(["ACTIVE", "INACTIVE"]).optional(),
    rateLimitPercent: z.number().int().min(1).max(100).optional(),
    publicJwk: jwkSchema.optional(),
  })
  .strict();
const tokenInput = z.object({ name: z.string().min(1).max(100), roles: z.array(roleSchema).default(["SUPER_ADMIN"]) }).strict();
const mutationInput = z
  .object({
    count: z.number().int().min(1).max(100_000),
    seed: z.number().int().optional(),
    wait: z.boolean().optional(),
    kinds: z
      .array(z.enum(KINDS.map(([k]) => k) as [string, ...string[]]))
      .min(1)
      .optional(),
  })
  .strict();
const HTTP_METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;
function compiles(p: string) {
  try {
    new RegExp(p);
    return true;
  } catch {
    return false;
  }
}
const faultInput = z
  .object({
    errorRate: z.number().min(0).max(1).optional(),
    errorStatus: z.union([z.literal(500), z.literal(502), z.literal(503), z.literal(504)]).optional(),
    errorCount: z.number().int().min(0).max(1_000_000).optional(),
    method: z.enum(HTTP_METHODS).nullable().optional(),
    dropResponseAfterApply: z
      .object({
        path: z
          .string()
          .min(1)
          .refine((p) => compiles(p), { message: "not a valid regular expression" })
          .optional(),
        method: z.enum(HTTP_METHODS).optional(),
        count: z.number().int().min(1).max(1_000_000).default(1),
      })
      .strict()
      .optional(),
    resetRate: z.number().min(0).max(1).optional(),
    latencyMs: z.number().int().min(0).max(120_000).optional(),
    jitterMs: z.number().int().min(0).max(120_000).optional(),
    rateLimitBurst: z.number().int().min(0).max(1_000_000).optional(),
    path: z.string().startsWith("/").nullable().optional(),
    seed: z.number().int().optional(),
    revokeApp: z.string().optional(),
    revokeToken: z.string().optional(),
    expireTokens: z.literal(true).optional(),
    removeScope: z.object({ app: z.string(), scope: z.string() }).strict().optional(),
    removeRole: z.object({ app: z.string().optional(), token: z.string().optional(), role: z.string() }).strict().optional(),
    requireDpop: z.string().optional(),
  })
  .strict();
const configInput = z
  .object({
    rateLimits: z.boolean().optional(),
    rateWindowMs: z.number().int().min(100).max(3_600_000).optional(),
    concurrencyLimit: z.number().int().min(1).max(10_000).optional(),
    bucketLimits: z.record(z.string(), z.number().int().min(1)).optional(),
    tokenLifetimeSec: z.number().int().min(1).max(86_400).optional(),
  })
  .strict();
const resetInput = z
  .object({
    seed: z.number().int().optional(),
    users: z.number().int().min(1).max(1_000_000).optional(),
    groups: z.number().int().min(1).max(100_000).optional(),
    apps: z.number().int().min(1).max(10_000).optional(),
    logDays: z.number().int().min(0).max(90).optional(),
  })
  .strict();

const oidcClientInput = z
  .object({
    name: z.string().min(1).max(100).default("Okta Sync Console"),
    redirectUris: z.array(z.url()).min(1),
    groupsClaimRegex: z.string().max(200).nullable().optional(),
    assignedGroups: z.array(z.string().min(1)).optional(),
  })
  .strict();
const oidcClientPatch = z
  .object({
    redirectUris: z.array(z.url()).min(1).optional(),
    groupsClaimRegex: z.string().max(200).nullable().optional(),
    assignedGroups: z.array(z.string().min(1)).nullable().optional(),
    status: z.enum(["ACTIVE", "INACTIVE"]).optional(),
  })
  .strict();
const oidcPatch = z
  .object({
    autoApprove: z.string().min(1).nullable().optional(),
    tamper: z
      .object({ nonce: z.string().optional(), aud: z.string().optional(), iss: z.string().optional(), foreignKey: z.boolean().optional() })
      .strict()
      .nullable()
      .optional(),
  })
  .strict();
const oidcPassword = z.object({ login: z.string().min(1), password: z.string().min(1).max(256) }).strict();

/** Group names or ids to ids; an unknown one is an error naming it. */
function groupIds(t: Tenant, refs: string[]): string[] | string {
  const ids: string[] = [];
  for (const ref of refs) {
    const g = t.groups.find((x) => !x.deleted && (x.id === ref || x.profile.name === ref));
    if (!g) return ref;
    ids.push(g.id);
  }
  return ids;
}

async function handleOidcControl(
  emu: Emulator,
  method: string,
  sub: string | undefined,
  id: string | undefined,
  raw: string,
  res: http.ServerResponse,
) {
  const oidc = emu.auth.oidc;
  const route = `${method} ${sub ?? ""}`;
  if (route === "GET ") return writeJson(res, 200, oidc.summary());
  if (route === "PATCH ") {
    const b = parse(oidcPatch, raw, res);
    if (!b) return;
    if (b.autoApprove !== undefined) oidc.autoApprove = b.autoApprove;
    if (b.tamper !== undefined) oidc.tamper = b.tamper;
    return writeJson(res, 200, oidc.summary());
  }
  if (route === "PUT passwords") {
    const b = parse(oidcPassword, raw, res);
    if (!b) return;
    oidc.passwords.set(b.login.toLowerCase(), b.password);
    return writeJson(res, 200, { login: b.login });
  }
  if (route === "POST clients" && !id) {
    const b = parse(oidcClientInput, raw, res);
    if (!b) return;
    const assigned = b.assignedGroups ? groupIds(emu.tenant, b.assignedGroups) : null;
    if (typeof assigned === "string") return problem(res, 400, "VALIDATION", `assignedGroups: no group ${assigned}`);
    return writeJson(res, 201, oidc.addClient({ ...b, assignedGroupIds: assigned }));
  }
  if (route === "PATCH clients" && id) {
    const c = oidc.clients.get(decodeURIComponent(id));
    if (!c) return problem(res, 404, "NOT_FOUND", `clientId: no OIDC app ${id}`);
    const b = parse(oidcClientPatch, raw, res);
    if (!b) return;
    if (b.assignedGroups !== undefined) {
      const assigned = b.assignedGroups ? groupIds(emu.tenant, b.assignedGroups) : null;
      if (typeof assigned === "string") return problem(res, 400, "VALIDATION", `assignedGroups: no group ${assigned}`);
      c.assignedGroupIds = assigned;
    }
    if (b.redirectUris) c.redirectUris = b.redirectUris;
    if (b.groupsClaimRegex !== undefined) c.groupsClaimRegex = b.groupsClaimRegex;
    if (b.status) c.status = b.status;
    return writeJson(res, 200, c);
  }
  return problem(res, 404, "NOT_FOUND", `no control endpoint ${method} /__emulator/oidc/${sub ?? ""}`);
}

const problem = (res: http.ServerResponse, status: number, code: string, message: string, details?: unknown) =>
  writeJson(res, status, { error: { code, message, ...(details ? { details } : {}) } });

function parse<T>(schema: z.ZodType<T>, raw: string, res: http.ServerResponse): T | undefined {
  let data: unknown = {};
  if (raw.trim()) {
    try {
      data = JSON.parse(raw);
    } catch {
      problem(res, 400, "VALIDATION", "body: not valid JSON");
      return undefined;
    }
  }
  const r = schema.safeParse(data);
  if (!r.success) {
    const first = r.error.issues[0];
    problem(
      res,
      400,
      "VALIDATION",
      `${first.path.join(".") || "body"}: ${first.message}`,
      r.error.issues.map((i) => ({ field: i.path.join("."), message: i.message })),
    );
    return undefined;
  }
  return r.data;
}

/** What the control API needs of the emulator; declared here so control.ts does not import server.ts. */
export interface Emulator {
  tenant: Tenant;
  auth: AuthStore;
  limiter: RateLimiter;
  hooks: HookDelivery;
  faults: Faults;
  genOptions: GenerateOptions;
  generationMs: number;
  now(): number;
  actionCtx(base: string, requestUri?: string): ApiCtx;
  regenerate(g: GenerateOptions): void;
}

export async function handleControl(
  emu: Emulator,
  method: string,
  path: string,
  url: URL,
  raw: string,
  base: string,
  res: http.ServerResponse,
) {
  const parts = path.replace(/\/+$/, "").split("/").slice(2); // after "__emulator"
  const [section, sub] = parts;
  if (section === "oidc") return handleOidcControl(emu, method, sub, parts[2], raw, res);
  const route = `${method} ${section ?? ""}`;
  const findApp = (ref: string) => emu.auth.apps.get(ref) ?? emu.auth.appByName(ref);

  switch (route) {
    case "GET ":
      return writeJson(res, 200, { ...INDEX, domain: base, tenant: summary(emu) });
    case "GET credentials":
      return writeJson(res, 200, emu.auth.credentialsJson(base));
    case "POST apps": {
      const b = parse(appInput, raw, res);
      if (!b) return;
      const app = emu.auth.addApp({
        name: b.name,
        kind: b.kind,
        scopes: b.scopes ?? [],
        roles: b.roles ?? [],
        dpopRequired: b.dpopRequired,
        publicJwk: b.publicJwk as never,
        clientSecret: b.clientSecret,
        rateLimitPercent: b.rateLimitPercent,
        key: !b.publicJwk && !b.clientSecret && b.kind === "service",
        secret: b.kind === "oin" && !b.publicJwk,
      });
      return writeJson(
        res,
        201,
        emu.auth.credentialsJson(base).apps.find((a) => a.clientId === app.clientId),
      );
    }
    case "PATCH apps": {
      const app = sub ? emu.auth.apps.get(decodeURIComponent(sub)) : undefined;
      if (!app) return problem(res, 404, "NOT_FOUND", `clientId: no app ${sub ?? ""}`);
      const b = parse(appPatch, raw, res);
      if (!b) return;
      if (b.scopes) app.scopes = b.scopes;
      if (b.roles) app.roles = b.roles;
      if (b.dpopRequired !== undefined) app.dpopRequired = b.dpopRequired;
      if (b.rateLimitPercent !== undefined) app.rateLimitPercent = b.rateLimitPercent;
      if (b.publicJwk)
        app.jwks.push({ ...(b.publicJwk as object), kid: (b.publicJwk as { kid?: string }).kid ?? `k${app.jwks.length + 1}` } as never);
      if (b.status) {
        app.status = b.status;
        if (b.status === "INACTIVE") emu.auth.revokeTokensOf(app.clientId);
      }
      return writeJson(
        res,
        200,
        emu.auth.credentialsJson(base).apps.find((a) => a.clientId === app.clientId),
      );
    }
    case "POST tokens": {
      const b = parse(tokenInput, raw, res);
      if (!b) return;
      const t = emu.auth.addApiToken(b.name, b.roles, adminActor(emu.tenant));
      return writeJson(res, 201, { name: t.name, token: t.token, roles: t.roles, status: t.status });
    }
    case "GET truth":
      return streamTruth(emu, base, sub ?? null, url, res);
    case "POST mutations": {
      const b = parse(mutationInput, raw, res);
      if (!b) return;
      const before = emu.tenant.logs.length;
      const rng = makeRng(b.seed ?? Date.now() & 0x7fffffff);
      const changes = applyMutations(emu.actionCtx(base), rng, b.count, adminActor(emu.tenant), b.kinds);
      if (b.wait) await emu.hooks.drain();
      return writeJson(res, 200, { applied: changes.length, changes, logEvents: emu.tenant.logs.length - before });
    }
    case "POST objects": {
      const b = parse(plantInput, raw, res);
      if (!b) return;
      try {
        const planted = plantObjects(emu.actionCtx(base), adminActor(emu.tenant), b);
        if (b.wait) await emu.hooks.drain();
        return writeJson(res, 200, planted);
      } catch (e) {
        if (e instanceof ActionError) return problem(res, e.status, e.code, e.summary);
        throw e;
      }
    }
    case "GET faults":
      return writeJson(res, 200, faultsJson(emu.faults));
    case "DELETE faults": {
      for (const u of emu.faults.undo.reverse()) u();
      emu.faults = {
        ...emu.faults,
        errorRate: 0,
        errorCount: 0,
        resetRate: 0,
        latencyMs: 0,
        jitterMs: 0,
        rateLimitBurst: 0,
        path: null,
        method: null,
        dropResponseAfterApply: [],
        dropped: 0,
        undo: [],
        applied: [],
      };
      return writeJson(res, 200, faultsJson(emu.faults));
    }
    case "POST faults": {
      const b = parse(faultInput, raw, res);
      if (!b) return;
      const f = emu.faults;
      for (const k of ["errorRate", "errorStatus", "errorCount", "resetRate", "latencyMs", "jitterMs", "rateLimitBurst"] as const)
        if (b[k] !== undefined) f[k] = b[k]!;
      if (b.path !== undefined) f.path = b.path;
      if (b.method !== undefined) f.method = b.method;
      if (b.dropResponseAfterApply) {
        const d = b.dropResponseAfterApply;
        f.dropResponseAfterApply.push({
          path: d.path ?? null,
          method: d.method ?? null,
          remaining: d.count,
          re: d.path ? new RegExp(d.path) : null,
        });
      }
      if (b.seed !== undefined) f.rng = makeRng(b.seed);
      if (b.revokeApp) {
        const app = findApp(b.revokeApp);
        if (!app) return problem(res, 404, "NOT_FOUND", `revokeApp: no app ${b.revokeApp}`);
        const was = app.status;
        app.status = "INACTIVE";
        emu.auth.revokeTokensOf(app.clientId);
        f.undo.push(() => (app.status = was));
        f.applied.push(`revokeApp ${app.name}`);
      }
      if (b.revokeToken) {
        const api = emu.auth.apiTokens.get(b.revokeToken) ?? [...emu.auth.apiTokens.values()].find((t) => t.name === b.revokeToken);
        const access = emu.auth.access.get(b.revokeToken);
        if (!api && !access) return problem(res, 404, "NOT_FOUND", "revokeToken: no such API token or access token");
        if (api) {
          api.status = "REVOKED";
          f.undo.push(() => (api.status = "ACTIVE"));
        }
        if (access) access.revoked = true;
        f.applied.push(`revokeToken ${api?.name ?? "access token"}`);
      }
      if (b.expireTokens) {
        for (const t of emu.auth.access.values()) t.exp = Math.min(t.exp, emu.now() - 1);
        f.applied.push("expireTokens");
      }
      if (b.removeScope) {
        const app = findApp(b.removeScope.app);
        if (!app) return problem(res, 404, "NOT_FOUND", `removeScope.app: no app ${b.removeScope.app}`);
        const before = [...app.scopes];
        app.scopes = app.scopes.filter((s) => s !== b.removeScope!.scope);
        f.undo.push(() => (app.scopes = before));
        f.applied.push(`removeScope ${app.name} ${b.removeScope.scope}`);
      }
      if (b.removeRole) {
        const holder = b.removeRole.app
          ? findApp(b.removeRole.app)
          : b.removeRole.token
            ? [...emu.auth.apiTokens.values()].find((t) => t.name === b.removeRole!.token || t.token === b.removeRole!.token)
            : undefined;
        if (!holder) return problem(res, 404, "NOT_FOUND", "removeRole: give an existing app or token");
        const before = [...holder.roles];
        holder.roles = holder.roles.filter((r) => r !== b.removeRole!.role);
        f.undo.push(() => (holder.roles = before));
        f.applied.push(`removeRole ${holder.name} ${b.removeRole.role}`);
      }
      if (b.requireDpop) {
        const app = findApp(b.requireDpop);
        if (!app) return problem(res, 404, "NOT_FOUND", `requireDpop: no app ${b.requireDpop}`);
        const was = app.dpopRequired;
        app.dpopRequired = true;
        for (const t of emu.auth.access.values()) if (t.clientId === app.clientId && !t.jkt) t.revoked = true;
        f.undo.push(() => (app.dpopRequired = was));
        f.applied.push(`requireDpop ${app.name}`);
      }
      return writeJson(res, 200, faultsJson(f));
    }
    case "GET config":
      return writeJson(res, 200, configJson(emu));
    case "PATCH config": {
      const b = parse(configInput, raw, res);
      if (!b) return;
      if (b.rateLimits !== undefined) emu.limiter.enabled = b.rateLimits;
      if (b.rateWindowMs !== undefined) emu.limiter.windowMs = b.rateWindowMs;
      if (b.concurrencyLimit !== undefined) emu.limiter.concurrencyLimit = b.concurrencyLimit;
      if (b.bucketLimits) Object.assign(emu.limiter.limitOverrides, b.bucketLimits);
      if (b.tokenLifetimeSec !== undefined) emu.auth.tokenLifetimeSec = b.tokenLifetimeSec;
      emu.limiter.reset();
      return writeJson(res, 200, configJson(emu));
    }
    case "GET stats":
      return writeJson(res, 200, {
        rateLimits: emu.limiter.stats,
        inflight: emu.limiter.inflight,
        eventHooks: emu.hooks.stats,
        tenant: summary(emu),
      });
    case "POST reset": {
      const b = parse(resetInput, raw, res);
      if (!b) return;
      emu.regenerate({ ...emu.genOptions, ...b });
      emu.limiter.reset();
      return writeJson(res, 200, { tenant: summary(emu), generationMs: emu.generationMs });
    }
  }
  return problem(res, 404, "NOT_FOUND", `No control-plane endpoint ${method} ${path}; see GET /__emulator`);
}

function faultsJson(f: Faults) {
  const { rng: _rng, undo: _undo, dropResponseAfterApply, ...rest } = f;
  return { ...rest, dropResponseAfterApply: dropResponseAfterApply.map(({ re: _re, ...d }) => d) };
}

function configJson(emu: Emulator) {
  return {
    rateLimits: emu.limiter.enabled,
    rateWindowMs: emu.limiter.windowMs,
    concurrencyLimit: emu.limiter.concurrencyLimit,
    bucketLimits: emu.limiter.limitOverrides,
    tokenLifetimeSec: emu.auth.tokenLifetimeSec,
  };
}

function summary(emu: Emulator) {
  const t = emu.tenant;
  let users = 0;
  const byStatus: Record<string, number> = {};
  for (const u of t.users)
    if (!u.deleted) {
      users++;
      byStatus[u.status] = (byStatus[u.status] ?? 0) + 1;
    }
  const groups = t.groups.filter((g) => !g.deleted);
  const apps = t.apps.filter((a) => !a.deleted);
  return {
    orgId: t.orgId,
    orgName: t.orgName,
    seed: t.seed,
    generatedAt: new Date(t.generatedAt).toISOString(),
    generationMs: emu.generationMs,
    users,
    usersByStatus: byStatus,
    groups: groups.length,
    memberships: groups.reduce((n, g) => n + groupMembers(t, g).length, 0),
    apps: apps.length,
    appUsers: apps.reduce((n, a) => n + a.users.size, 0),
    appGroups: apps.reduce((n, a) => n + a.groups.size, 0),
    roleAssignments: [...t.rolesByUser.values(), ...t.rolesByGroup.values()].reduce((n, r) => n + r.length, 0),
    idps: t.idps.length,
    logEvents: t.logs.length,
    eventHooks: t.eventHooks.length,
  };
}

/** Streams JSON so a 100k-user tenant's truth never sits in memory as one string. */
async function streamTruth(emu: Emulator, base: string, part: string | null, url: URL, res: http.ServerResponse) {
  const t = emu.tenant;
  const parts = ["summary", "users", "groups", "memberships", "apps", "appUsers", "appGroups", "roles", "idps", "eventHooks", "logs"];
  if (part && !parts.includes(part)) return problem(res, 404, "NOT_FOUND", `resource: one of ${parts.join(", ")}`);
  res.statusCode = 200;
  res.setHeader("content-type", "application/json");
  let buf = "";
  const write = async (s: string) => {
    buf += s;
    if (buf.length > 1 << 16) {
      const ok = res.write(buf);
      buf = "";
      if (!ok) await new Promise((r) => res.once("drain", r));
    }
  };
  const liveUsers = () => t.users.filter((u) => !u.deleted);
  const liveGroups = () => t.groups.filter((g) => !g.deleted);
  const liveApps = () => t.apps.filter((a) => !a.deleted);
  const rolesFor = (list: RoleRec[]) => list.map((r) => roleJson(t, r, base));
  const sections: Record<string, () => Generator<string>> = {
    *summary() {
      yield JSON.stringify(summary(emu));
    },
    *users() {
      yield* arr(liveUsers(), (u) => JSON.stringify(userJson(t, u, base)));
    },
    *groups() {
      yield* arr(liveGroups(), (g) => JSON.stringify(groupJson(t, g, base)));
    },
    *memberships() {
      yield* arr(liveGroups(), (g) => {
        const m = groupMembers(t, g);
        const ids: string[] = [];
        for (let i = 0; i < m.length; i++) if (!t.users[m[i]].deleted) ids.push(t.users[m[i]].id);
        return JSON.stringify({ groupId: g.id, userIds: ids });
      });
    },
    *apps() {
      yield* arr(liveApps(), (a) => JSON.stringify(appJson(t, a, base)));
    },
    *appUsers() {
      yield* obj(
        liveApps(),
        (a) => a.id,
        function* (a) {
          yield* arr(a.userOrder, (s) => JSON.stringify(appUserJson(t, a, t.users[s], a.users.get(s)!, base, false)));
        },
      );
    },
    *appGroups() {
      yield* obj(
        liveApps(),
        (a) => a.id,
        function* (a) {
          yield* arr(a.groupOrder, (s) => JSON.stringify(appGroupJson(t, a, t.groups[s], base)));
        },
      );
    },
    *roles() {
      const userRoles = liveUsers().filter((u) => t.rolesByUser.has(u.seq) || u.groups.some((g) => t.rolesByGroup.has(g)));
      yield `{"users":`;
      yield* obj(
        userRoles,
        (u) => u.id,
        function* (u) {
          yield JSON.stringify(rolesFor([...(t.rolesByUser.get(u.seq) ?? []), ...u.groups.flatMap((g) => t.rolesByGroup.get(g) ?? [])]));
        },
      );
      yield `,"groups":`;
      yield* obj(
        liveGroups().filter((g) => t.rolesByGroup.has(g.seq)),
        (g) => g.id,
        function* (g) {
          yield JSON.stringify(rolesFor(t.rolesByGroup.get(g.seq)!));
        },
      );
      yield `}`;
    },
    *idps() {
      yield JSON.stringify(t.idps);
    },
    *eventHooks() {
      yield JSON.stringify(t.eventHooks.map((h) => ({ ...eventHookJson(h, base), deliveries: h.deliveries })));
    },
    *logs() {
      if (part !== "logs") {
        yield JSON.stringify({
          count: t.logs.length,
          oldest: t.logs[0] ? new Date(t.logs[0].t).toISOString() : null,
          newest: t.logs.length ? new Date(t.logs[t.logs.length - 1].t).toISOString() : null,
        });
        return;
      }
      const since = Date.parse(url.searchParams.get("since") ?? "") || 0;
      const until = Date.parse(url.searchParams.get("until") ?? "") || Infinity;
      const idx: number[] = [];
      t.logs.forEach((r, i) => {
        if (r.t >= since && r.t < until) idx.push(i);
      });
      yield* arr(idx, (i) => JSON.stringify(logJson(t, t.logs[i], i)));
    },
  };
  if (part) {
    for (const chunk of sections[part]()) await write(chunk);
  } else {
    await write("{");
    let first = true;
    for (const p of parts) {
      await write(`${first ? "" : ","}${JSON.stringify(p)}:`);
      first = false;
      for (const chunk of sections[p]()) await write(chunk);
    }
    await write("}");
  }
  res.end(buf);
}

function* arr<T>(items: ArrayLike<T>, f: (x: T) => string): Generator<string> {
  yield "[";
  for (let i = 0; i < items.length; i++) yield (i ? "," : "") + f(items[i]);
  yield "]";
}

function* obj<T>(items: T[], key: (x: T) => string, val: (x: T) => Generator<string>): Generator<string> {
  yield "{";
  for (let i = 0; i < items.length; i++) {
    yield `${i ? "," : ""}${JSON.stringify(key(items[i]))}:`;
    yield* val(items[i]);
  }
  yield "}";
}

export { EVERYONE };
