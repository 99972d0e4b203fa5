// The Okta Management API endpoints the console reads and acts on.
import {
  type ActionCtx,
  ActionError,
  type Actor,
  activateUser,
  addMember,
  assignGroup,
  assignUserToApp,
  type CreateUserInput,
  clearSessions,
  createUser,
  deactivateUser,
  deleteUser,
  expirePassword,
  reactivateUser,
  removeMember,
  resetFactors,
  resetPassword,
  suspendUser,
  type UpdateUserInput,
  unassignGroup,
  unassignUserFromApp,
  unlockUser,
  unsuspendUser,
  updateUser,
  who,
} from "./actions";
import { type AuthStore, oktaError, type Principal } from "./auth";
import { comparisons, type Expr, eqValues, evaluate, FilterError, hasNot, jsonPath, type Op, parseFilter } from "./filter";
import {
  appGroupJson,
  appJson,
  appUserJson,
  eventHookJson,
  groupJson,
  groupStats,
  logField,
  logJson,
  roleJson,
  userJson,
} from "./serialize";
import {
  EVERYONE,
  type EventHookRec,
  type GroupRec,
  groupMembers,
  liveApp,
  liveGroup,
  liveUser,
  type RoleRec,
  type UserRec,
} from "./state";
import { iso, lowerBound, lowerBoundBy, makeRng, oktaId } from "./util";

export interface HookApi {
  verify(h: EventHookRec): Promise<boolean>;
}

export interface ApiCtx extends ActionCtx {
  auth: AuthStore;
  hooks: HookApi;
}

export interface ApiReq {
  method: string;
  /** decoded path */
  path: string;
  rawPath: string;
  query: URLSearchParams;
  headers: Record<string, string | string[] | undefined>;
  body: unknown;
  principal: Principal;
}

export interface ApiRes {
  status: number;
  body?: unknown;
  headers?: Record<string, string | string[]>;
}

type Handler = (c: ApiCtx, r: ApiReq, p: string[]) => ApiRes | Promise<ApiRes>;
interface Route {
  method: string;
  re: RegExp;
  scope: string;
  perm: string;
  h: Handler;
  /** Okta answers an app without any admin role 200 [] here instead of 403 */
  emptyWithoutRole?: boolean;
}

const routes: Route[] = [];
function on(method: string, pattern: string, scope: string, perm: string, h: Handler, o: { emptyWithoutRole?: boolean } = {}) {
  routes.push({ method, re: new RegExp(`^${pattern.replace(/:[a-zA-Z]+/g, "([^/]+)")}/?$`), scope, perm, h, ...o });
}

export function matchRoute(method: string, path: string): { route: Route; params: string[] } | "method" | null {
  let pathMatched = false;
  for (const route of routes) {
    const m = route.re.exec(path);
    if (!m) continue;
    pathMatched = true;
    if (route.method === method || (method === "HEAD" && route.method === "GET")) return { route, params: m.slice(1) };
  }
  return pathMatched ? "method" : null;
}

export const err = (status: number, code: string, summary: string, causes: string[] = []): ApiRes => ({
  status,
  body: oktaError(code, summary, causes),
});
const notFound = (id: string, kind: string) => err(404, "E0000007", `Not found: Resource not found: ${id} (${kind})`);
const ok = (body: unknown, headers?: Record<string, string | string[]>): ApiRes => ({ status: 200, body, headers });
const noContent: ApiRes = { status: 204 };

function fail(e: unknown): ApiRes {
  if (e instanceof ActionError) return err(e.status, e.code, e.summary, e.causes);
  if (e instanceof FilterError) return err(400, "E0000031", "Invalid search criteria.", [e.message]);
  throw e;
}

function links(c: ApiCtx, r: ApiReq, nextAfter: string | null): Record<string, string[]> {
  const qs = r.query.toString();
  const out = [`<${c.base}${r.rawPath}${qs ? `?${qs}` : ""}>; rel="self"`];
  if (nextAfter !== null) {
    const q = new URLSearchParams(r.query);
    q.set("after", nextAfter);
    out.push(`<${c.base}${r.rawPath}?${q.toString()}>; rel="next"`);
  }
  return { link: out };
}

function parseLimit(r: ApiReq, def: number, max: number, min = 1): number | ApiRes {
  const raw = r.query.get("limit");
  if (raw === null || raw === "") return def;
  if (!/^-?\d+$/.test(raw.trim())) return err(400, "E0000001", "Api validation failed: limit", ["limit: The value must be an integer."]);
  const n = Number(raw);
  if (n < 0) return def;
  return Math.max(min, Math.min(max, n));
}

type Cmp = Extract<Expr, { k: "cmp" }>;
function parseExpr(src: string, allowed: (c: Cmp) => boolean, allowNot: boolean, kind: "filter" | "search"): Expr | ApiRes {
  let e: Expr;
  try {
    e = parseFilter(src);
  } catch (x) {
    return err(400, "E0000031", "Invalid search criteria.", [
      x instanceof Error ? `Invalid ${kind} syntax: ${x.message}` : "Invalid search syntax.",
    ]);
  }
  if (!allowNot && hasNot(e)) return err(400, "E0000031", "Invalid search criteria.", [`The 'not' operator isn't supported in ${kind}.`]);
  for (const cmp of comparisons(e))
    if (!allowed(cmp)) return err(400, "E0000031", "Invalid search criteria.", [`Unsupported ${kind} expression: ${cmp.path} ${cmp.op}`]);
  return e;
}
const isRes = (x: unknown): x is ApiRes =>
  !!x && typeof x === "object" && "status" in x && typeof (x as ApiRes).status === "number" && !("k" in x);

const DATE_OPS = new Set<Op>(["eq", "gt", "ge", "lt", "le"]);
const USER_DATES = new Set(["created", "activated", "statusChanged", "lastUpdated", "lastLogin", "passwordChanged"]);
const CO_ATTRS = new Set(["profile.firstName", "profile.lastName", "profile.email", "profile.login"]);

function userGetter(c: ApiCtx, u: UserRec) {
  return (path: string): unknown => {
    if (USER_DATES.has(path)) return (u as unknown as Record<string, number | null>)[path];
    if (path === "id") return u.id;
    if (path === "status") return u.status;
    if (path === "type.id") return c.t.userTypeId;
    if (path.startsWith("profile.")) return u.profile[path.slice(8)] ?? null;
    return undefined;
  };
}

function groupGetter(c: ApiCtx, g: GroupRec) {
  return (path: string): unknown => {
    switch (path) {
      case "id":
        return g.id;
      case "type":
        return g.type;
      case "created":
        return g.created;
      case "lastUpdated":
        return g.lastUpdated;
      case "lastMembershipUpdated":
        return g.lastMembershipUpdated;
      case "source.id":
        return g.sourceApp === null ? null : c.t.apps[g.sourceApp].id;
    }
    if (path.startsWith("profile.")) return g.profile[path.slice(8)] ?? null;
    return undefined;
  };
}

/**
 * Walks `seqs` (in id-cursor order) from after the cursor, keeping matches, and reports whether
 * another match exists (so the last page carries no `next` link).
 */
function pageScan<T>(n: number, at: (i: number) => T | undefined, start: number, limit: number, match: (x: T) => boolean) {
  const items: T[] = [];
  let i = start;
  for (; i < n; i++) {
    const x = at(i);
    if (x === undefined || !match(x)) continue;
    if (items.length === limit) return { items, more: true };
    items.push(x);
  }
  return { items, more: false };
}

function sortSeqs<T>(list: T[], key: (x: T) => unknown, desc: boolean) {
  const val = (x: T) => {
    const v = key(x);
    return v === null || v === undefined ? "" : typeof v === "number" ? v : String(v).toLowerCase();
  };
  list.sort((a, b) => {
    const x = val(a);
    const y = val(b);
    return x < y ? (desc ? 1 : -1) : x > y ? (desc ? -1 : 1) : 0;
  });
  return list;
}

function okResponseFlags(r: ApiReq) {
  const raw = [r.headers["content-type"], r.headers["okta-response"]].flat().filter(Boolean).join(";");
  const m = /okta-response=([^;]+)/i.exec(raw);
  const v = (m ? m[1] : String(r.headers["okta-response"] ?? "")).split(",").map((s) => s.trim());
  return { omitCredentials: v.includes("omitCredentials"), omitCredentialsLinks: v.includes("omitCredentialsLinks") };
}

/** The System Log actor of a request: an SSWS token acts as its admin user, an OAuth token as its app. */
const actorOf = (p: Principal): Actor => (p.kind === "ssws" ? p.userSeq : { id: p.clientId, name: p.name });

// ---------------- users ----------------

on(
  "GET",
  "/api/v1/users",
  "okta.users.read",
  "users.read",
  (c, r) => {
    const q = r.query.get("q");
    const search = r.query.get("search");
    const filter = r.query.get("filter");
    const limit = parseLimit(r, q ? 10 : 200, 200);
    if (isRes(limit)) return limit;
    const flags = okResponseFlags(r);
    const users = c.t.users;
    if (q !== null && !search && !filter) {
      const needle = q.toLowerCase();
      const out: unknown[] = [];
      for (const u of users) {
        if (out.length >= limit) break;
        if (u.deleted || u.status === "DEPROVISIONED") continue;
        if (
          [u.profile.firstName, u.profile.lastName, u.profile.email].some((v) =>
            String(v ?? "")
              .toLowerCase()
              .startsWith(needle),
          )
        )
          out.push(userJson(c.t, u, c.base, flags));
      }
      return ok(out, links(c, r, null));
    }
    let match: (u: UserRec) => boolean = (u) => u.status !== "DEPROVISIONED";
    // A filter on ids (`id eq "…" or …`, as re-reads send it): only those users can match, looked up
    // by id instead of evaluating the filter on every user. Same answer, in the same (id-cursor) order.
    let only: number[] | null = null;
    if (search) {
      const e = parseExpr(
        search,
        (x) => {
          const attrOk =
            x.path.startsWith("profile.") ||
            ["id", "status", "created", "activated", "statusChanged", "lastUpdated", "type.id"].includes(x.path);
          if (!attrOk || x.op === "ne" || x.op === "ew") return false;
          if (x.op === "co") return CO_ATTRS.has(x.path);
          return true;
        },
        false,
        "search",
      );
      if (isRes(e)) return e;
      match = (u) => evaluate(e, userGetter(c, u), true);
    } else if (filter) {
      const e = parseExpr(
        filter,
        (x) => {
          if (x.path === "lastUpdated") return DATE_OPS.has(x.op);
          return (
            x.op === "eq" && ["status", "id", "profile.login", "profile.email", "profile.firstName", "profile.lastName"].includes(x.path)
          );
        },
        false,
        "filter",
      );
      if (isRes(e)) return e;
      match = (u) => evaluate(e, userGetter(c, u), false);
      const ids = eqValues(e, "id");
      if (ids) {
        only = [];
        for (const id of ids) {
          const seq = c.t.userSeqById.get(id);
          if (seq !== undefined && c.t.users[seq].id === id) only.push(seq);
        }
        only.sort((a, b) => a - b);
      }
    }
    const after = r.query.get("after");
    const sortBy = search ? r.query.get("sortBy") : null;
    try {
      if (sortBy) {
        const desc = (r.query.get("sortOrder") ?? "asc").toLowerCase().startsWith("desc");
        const all = sortSeqs(
          users.filter((u) => !u.deleted && match(u)),
          (u) => userGetter(c, u)(sortBy),
          desc,
        );
        const start = after ? all.findIndex((u) => u.id === after) + 1 : 0;
        const items = all.slice(start, start + limit);
        const more = start + limit < all.length;
        return ok(
          items.map((u) => userJson(c.t, u, c.base, flags)),
          links(c, r, more ? items[items.length - 1].id : null),
        );
      }
      const start = after ? (c.t.userSeqById.get(after) ?? users.length - 1) + 1 : 0;
      const seqs = only?.filter((s) => s >= start);
      const { items, more } = seqs
        ? pageScan(seqs.length, (i) => (users[seqs[i]].deleted ? undefined : users[seqs[i]]), 0, limit, match)
        : pageScan(users.length, (i) => (users[i].deleted ? undefined : users[i]), start, limit, match);
      return ok(
        items.map((u) => userJson(c.t, u, c.base, flags)),
        links(c, r, more ? items[items.length - 1].id : null),
      );
    } catch (e) {
      return fail(e);
    }
  },
  { emptyWithoutRole: true },
);

function withUser(h: (c: ApiCtx, r: ApiReq, u: UserRec, p: string[]) => ApiRes | Promise<ApiRes>): Handler {
  return (c, r, p) => {
    const u = liveUser(c.t, p[0]);
    if (!u) return notFound(p[0], "User");
    try {
      return h(c, r, u, p);
    } catch (e) {
      return fail(e);
    }
  };
}

on(
  "GET",
  "/api/v1/users/:id",
  "okta.users.read",
  "users.read",
  withUser((c, r, u) => ok(userJson(c.t, u, c.base, { single: true, ...okResponseFlags(r) }))),
);

on(
  "GET",
  "/api/v1/users/:id/groups",
  "okta.users.read",
  "users.read",
  withUser((c, r, u) => {
    const gs = [EVERYONE, ...u.groups].map((s) => c.t.groups[s]).filter((g) => !g.deleted);
    return ok(
      gs.map((g) => groupJson(c.t, g, c.base)),
      links(c, r, null),
    );
  }),
);

function rolesOfUser(c: ApiCtx, u: UserRec): RoleRec[] {
  const out = [...(c.t.rolesByUser.get(u.seq) ?? [])];
  for (const g of u.groups) out.push(...(c.t.rolesByGroup.get(g) ?? []));
  return out;
}

on(
  "GET",
  "/api/v1/users/:id/roles",
  "okta.roles.read",
  "roles.read",
  withUser((c, _r, u) => ok(rolesOfUser(c, u).map((x) => roleJson(c.t, x, c.base)))),
);

on(
  "GET",
  "/api/v1/users/:id/appLinks",
  "okta.users.read",
  "users.read",
  withUser((c, _r, u) =>
    ok(
      u.apps
        .map((a) => c.t.apps[a])
        .filter((a) => a.status === "ACTIVE")
        .map((a, i) => ({
          id: `00ub0oNGTSWTBKOLGLNR${i}`.slice(0, 20),
          label: a.label,
          linkUrl: `${c.base}/home/${a.name}/${a.id}/${a.seq}`,
          logoUrl: `${c.base}/assets/img/logos/default.png`,
          appName: a.name,
          appInstanceId: a.id,
          appAssignmentId: oktaId(makeRng(u.seq * 31 + a.seq), "0ua"),
          credentialsSetup: false,
          hidden: false,
          sortOrder: i,
        })),
    ),
  ),
);

/** A boolean query parameter as Okta reads it ("true"/"false"); anything else is 400 E0000001 naming it. */
function boolParam(r: ApiReq, name: string, def: boolean): boolean {
  const v = r.query.get(name);
  if (v === null || v === "") return def;
  if (v === "true" || v === "false") return v === "true";
  throw new ActionError(400, "E0000001", `Api validation failed: ${name}`, [`${name}: The value must be true or false.`]);
}

/** A JSON object body, or 400 E0000003 (what Okta answers to a body it cannot read as the resource). */
function objectBody<T>(r: ApiReq, required: boolean): T {
  const b = r.body;
  if (b === null || b === undefined) {
    if (required) throw new ActionError(400, "E0000003", "The request body was not well-formed.");
    return {} as T;
  }
  if (typeof b !== "object" || Array.isArray(b)) throw new ActionError(400, "E0000003", "The request body was not well-formed.");
  return b as T;
}

const lifecycle = (name: string, perm: string, h: (c: ApiCtx, r: ApiReq, u: UserRec) => ApiRes) =>
  on("POST", `/api/v1/users/:id/lifecycle/${name}`, "okta.users.manage", perm, withUser(h));
const empty: ApiRes = { status: 200 };

on("POST", "/api/v1/users", "okta.users.manage", "users.create", (c, r) => {
  try {
    const body = objectBody<CreateUserInput>(r, true);
    const activate = boolParam(r, "activate", true);
    boolParam(r, "provider", false);
    const { user, password } = createUser(c, actorOf(r.principal), body, { activate, nextLogin: r.query.get("nextLogin") });
    if (password !== undefined) c.auth.oidc.passwords.set(String(user.profile.login).toLowerCase(), password);
    return ok(userJson(c.t, user, c.base, { single: true }));
  } catch (e) {
    return fail(e);
  }
});

const update = (replace: boolean) =>
  withUser((c, r, u) => {
    const oldLogin = String(u.profile.login).toLowerCase();
    const { password } = updateUser(c, actorOf(r.principal), u, objectBody<UpdateUserInput>(r, true), replace);
    const login = String(u.profile.login).toLowerCase();
    if (login !== oldLogin && c.auth.oidc.passwords.has(oldLogin)) {
      c.auth.oidc.passwords.set(login, c.auth.oidc.passwords.get(oldLogin)!);
      c.auth.oidc.passwords.delete(oldLogin);
    }
    if (password !== undefined) c.auth.oidc.passwords.set(login, password);
    return ok(userJson(c.t, u, c.base, { single: true }));
  });
on("POST", "/api/v1/users/:id", "okta.users.manage", "users.profile", update(false));
on("PUT", "/api/v1/users/:id", "okta.users.manage", "users.profile", update(true));

lifecycle("activate", "users.lifecycle", (c, r, u) => ok(activateUser(c, actorOf(r.principal), u, boolParam(r, "sendEmail", true))));
lifecycle("reactivate", "users.lifecycle", (c, r, u) => ok(reactivateUser(c, actorOf(r.principal), u, boolParam(r, "sendEmail", false))));
lifecycle("deactivate", "users.lifecycle", (c, r, u) => {
  boolParam(r, "sendEmail", false);
  deactivateUser(c, actorOf(r.principal), u);
  return empty;
});
lifecycle("suspend", "users.lifecycle", (c, r, u) => {
  suspendUser(c, actorOf(r.principal), u);
  return empty;
});
lifecycle("unsuspend", "users.lifecycle", (c, r, u) => {
  unsuspendUser(c, actorOf(r.principal), u);
  return empty;
});
lifecycle("unlock", "users.unlock", (c, r, u) => {
  unlockUser(c, actorOf(r.principal), u);
  return empty;
});
lifecycle("reset_password", "users.credentials", (c, r, u) =>
  ok(resetPassword(c, actorOf(r.principal), u, boolParam(r, "sendEmail", true), boolParam(r, "revokeSessions", false))),
);
lifecycle("expire_password", "users.credentials", (c, r, u) => {
  if (boolParam(r, "tempPassword", false))
    return err(400, "E0000001", "Api validation failed: tempPassword", ["tempPassword: not emulated; use expire_password without it"]);
  expirePassword(c, actorOf(r.principal), u);
  return ok(userJson(c.t, u, c.base, { single: true }));
});
lifecycle("reset_factors", "users.credentials", (c, r, u) => {
  resetFactors(c, actorOf(r.principal), u);
  return empty;
});
on(
  "DELETE",
  "/api/v1/users/:id/sessions",
  "okta.users.manage",
  "users.sessions",
  withUser((c, r, u) => {
    const oauthTokens = boolParam(r, "oauthTokens", false);
    boolParam(r, "forgetDevices", true);
    clearSessions(c, actorOf(r.principal), u);
    if (oauthTokens) c.auth.oidc.revokeUserTokens(u.seq);
    return noContent;
  }),
);
on(
  "DELETE",
  "/api/v1/users/:id",
  "okta.users.manage",
  "users.lifecycle",
  withUser((c, r, u) => {
    boolParam(r, "sendEmail", false);
    deleteUser(c, actorOf(r.principal), u);
    return noContent;
  }),
);

// ---------------- groups ----------------

function groupExpand(c: ApiCtx, r: ApiReq, g: GroupRec) {
  const expand = (r.query.get("expand") ?? "").split(",");
  return {
    stats: expand.includes("stats") ? groupStats(c.t, g) : undefined,
    app: expand.includes("app") && g.sourceApp !== null ? appJson(c.t, c.t.apps[g.sourceApp], c.base) : undefined,
  };
}

on("GET", "/api/v1/groups", "okta.groups.read", "groups.read", (c, r) => {
  const q = r.query.get("q");
  const search = r.query.get("search");
  const filter = r.query.get("filter");
  const limit = parseLimit(r, q ? 300 : 10000, 10000);
  if (isRes(limit)) return limit;
  const groups = c.t.groups;
  if (q !== null && !search && !filter) {
    const needle = q.toLowerCase();
    const hits = groups.filter((g) => !g.deleted && String(g.profile.name).toLowerCase().startsWith(needle)).slice(0, limit);
    return ok(
      hits.map((g) => groupJson(c.t, g, c.base, groupExpand(c, r, g))),
      links(c, r, null),
    );
  }
  let match: (g: GroupRec) => boolean = () => true;
  if (search) {
    const e = parseExpr(
      search,
      (x) =>
        (x.path.startsWith("profile.") ||
          ["id", "created", "lastMembershipUpdated", "lastUpdated", "type", "source.id"].includes(x.path)) &&
        x.op !== "ne" &&
        x.op !== "ew",
      false,
      "search",
    );
    if (isRes(e)) return e;
    match = (g) => evaluate(e, groupGetter(c, g), true);
  } else if (filter) {
    const e = parseExpr(
      filter,
      (x) =>
        x.path === "lastUpdated" || x.path === "lastMembershipUpdated"
          ? DATE_OPS.has(x.op)
          : (x.path === "id" || x.path === "type") && x.op === "eq",
      false,
      "filter",
    );
    if (isRes(e)) return e;
    match = (g) => evaluate(e, groupGetter(c, g), false);
  }
  const after = r.query.get("after");
  try {
    const sortBy = search ? r.query.get("sortBy") : null;
    if (sortBy) {
      const desc = (r.query.get("sortOrder") ?? "asc").toLowerCase().startsWith("desc");
      const all = sortSeqs(
        groups.filter((g) => !g.deleted && match(g)),
        (g) => groupGetter(c, g)(sortBy),
        desc,
      );
      const start = after ? all.findIndex((g) => g.id === after) + 1 : 0;
      const items = all.slice(start, start + limit);
      return ok(
        items.map((g) => groupJson(c.t, g, c.base, groupExpand(c, r, g))),
        links(c, r, start + limit < all.length ? items[items.length - 1].id : null),
      );
    }
    const start = after ? (c.t.groupSeqById.get(after) ?? groups.length - 1) + 1 : 0;
    const { items, more } = pageScan(groups.length, (i) => (groups[i].deleted ? undefined : groups[i]), start, limit, match);
    return ok(
      items.map((g) => groupJson(c.t, g, c.base, groupExpand(c, r, g))),
      links(c, r, more ? items[items.length - 1].id : null),
    );
  } catch (e) {
    return fail(e);
  }
});

function withGroup(h: (c: ApiCtx, r: ApiReq, g: GroupRec, p: string[]) => ApiRes | Promise<ApiRes>): Handler {
  return (c, r, p) => {
    const g = liveGroup(c.t, p[0]);
    if (!g) return notFound(p[0], "UserGroup");
    try {
      return h(c, r, g, p);
    } catch (e) {
      return fail(e);
    }
  };
}

on(
  "GET",
  "/api/v1/groups/:id",
  "okta.groups.read",
  "groups.read",
  withGroup((c, r, g) => ok(groupJson(c.t, g, c.base, groupExpand(c, r, g)))),
);

on(
  "GET",
  "/api/v1/groups/:id/users",
  "okta.groups.read",
  "groups.read",
  withGroup((c, r, g) => {
    const limit = parseLimit(r, 1000, 1000);
    if (isRes(limit)) return limit;
    const members = groupMembers(c.t, g);
    const after = r.query.get("after");
    let start = 0;
    if (after) {
      const seq = c.t.userSeqById.get(after);
      start = seq === undefined ? members.length : lowerBound(members, seq + 1);
    }
    const { items, more } = pageScan(
      members.length,
      (i) => c.t.users[members[i]],
      start,
      limit,
      (u) => !u.deleted,
    );
    const flags = okResponseFlags(r);
    return ok(
      items.map((u) => userJson(c.t, u, c.base, flags)),
      links(c, r, more ? items[items.length - 1].id : null),
    );
  }),
);

on(
  "GET",
  "/api/v1/groups/:id/apps",
  "okta.groups.read",
  "groups.read",
  withGroup((c, r, g) => {
    const limit = parseLimit(r, 20, 200);
    if (isRes(limit)) return limit;
    const after = r.query.get("after");
    const seq = after ? c.t.appSeqById.get(after) : undefined;
    const start = after ? (seq === undefined ? g.apps.length : lowerBound(g.apps, seq + 1)) : 0;
    const { items, more } = pageScan(
      g.apps.length,
      (i) => c.t.apps[g.apps[i]],
      start,
      limit,
      (a) => !a.deleted,
    );
    return ok(
      items.map((a) => appJson(c.t, a, c.base)),
      links(c, r, more ? items[items.length - 1].id : null),
    );
  }),
);

on(
  "GET",
  "/api/v1/groups/:id/roles",
  "okta.roles.read",
  "roles.read",
  withGroup((c, _r, g) => ok((c.t.rolesByGroup.get(g.seq) ?? []).map((x) => roleJson(c.t, x, c.base)))),
);

on(
  "PUT",
  "/api/v1/groups/:gid/users/:uid",
  "okta.groups.manage",
  "groups.members",
  withGroup((c, r, g, p) => {
    const u = liveUser(c.t, p[1]);
    if (!u) return notFound(p[1], "User");
    addMember(c, actorOf(r.principal), g, u);
    return noContent;
  }),
);
on(
  "DELETE",
  "/api/v1/groups/:gid/users/:uid",
  "okta.groups.manage",
  "groups.members",
  withGroup((c, r, g, p) => {
    const u = liveUser(c.t, p[1]);
    if (!u) return notFound(p[1], "User");
    removeMember(c, actorOf(r.principal), g, u);
    return noContent;
  }),
);

// ---------------- apps ----------------

on("GET", "/api/v1/apps", "okta.apps.read", "apps.read", (c, r) => {
  const limit = parseLimit(r, 20, 200);
  if (isRes(limit)) return limit;
  const q = r.query.get("q")?.toLowerCase();
  const filter = r.query.get("filter");
  let match: (a: (typeof c.t.apps)[number]) => boolean = (a) => !a.deleted;
  if (filter) {
    const e = parseExpr(
      filter,
      (x) => x.op === "eq" && ["id", "status", "name", "user.id", "group.id", "credentials.signing.kid"].includes(x.path),
      false,
      "filter",
    );
    if (isRes(e)) return e;
    match = (a) =>
      !a.deleted &&
      evaluate(
        e,
        (path) => {
          if (path === "user.id") {
            const u = liveUser(c.t, String(comparisons(e).find((x) => x.path === "user.id")?.value ?? ""));
            return u && a.users.has(u.seq) ? u.id : null;
          }
          if (path === "group.id") return a.groupOrder.map((s) => c.t.groups[s].id);
          if (path === "credentials.signing.kid") return jsonPath(appJson(c.t, a, c.base), path);
          return (a as unknown as Record<string, unknown>)[path];
        },
        false,
      );
  }
  const base = match;
  if (q) match = (a) => base(a) && (a.name.toLowerCase().startsWith(q) || a.label.toLowerCase().startsWith(q));
  const after = r.query.get("after");
  const start = after ? (c.t.appSeqById.get(after) ?? c.t.apps.length - 1) + 1 : 0;
  const { items, more } = pageScan(c.t.apps.length, (i) => c.t.apps[i], start, limit, match);
  return ok(
    items.map((a) => appJson(c.t, a, c.base)),
    links(c, r, more ? items[items.length - 1].id : null),
  );
});

function withApp(h: (c: ApiCtx, r: ApiReq, a: NonNullable<ReturnType<typeof liveApp>>, p: string[]) => ApiRes | Promise<ApiRes>): Handler {
  return (c, r, p) => {
    const a = liveApp(c.t, p[0]);
    if (!a) return notFound(p[0], "AppInstance");
    try {
      return h(c, r, a, p);
    } catch (e) {
      return fail(e);
    }
  };
}

on(
  "GET",
  "/api/v1/apps/:id",
  "okta.apps.read",
  "apps.read",
  withApp((c, _r, a) => ok(appJson(c.t, a, c.base))),
);

on(
  "GET",
  "/api/v1/apps/:id/users",
  "okta.apps.read",
  "apps.read",
  withApp((c, r, a) => {
    const limit = parseLimit(r, 50, 500);
    if (isRes(limit)) return limit;
    const q = r.query.get("q")?.toLowerCase();
    const embed = r.query.get("expand") === "user";
    const after = r.query.get("after");
    const seq = after ? c.t.userSeqById.get(after) : undefined;
    const start = after ? (seq === undefined ? a.userOrder.length : lowerBound(a.userOrder, seq + 1)) : 0;
    const match = (s: number) => {
      if (!q) return true;
      const u = c.t.users[s];
      const au = a.users.get(s)!;
      return [au.userName, u.profile.firstName, u.profile.lastName, u.profile.email].some((v) =>
        String(v ?? "")
          .toLowerCase()
          .startsWith(q),
      );
    };
    const { items, more } = pageScan(a.userOrder.length, (i) => a.userOrder[i], start, limit, match);
    return ok(
      items.map((s) => appUserJson(c.t, a, c.t.users[s], a.users.get(s)!, c.base, embed)),
      links(c, r, more ? c.t.users[items[items.length - 1]].id : null),
    );
  }),
);

on(
  "GET",
  "/api/v1/apps/:id/users/:uid",
  "okta.apps.read",
  "apps.read",
  withApp((c, r, a, p) => {
    const u = liveUser(c.t, p[1]);
    const au = u && a.users.get(u.seq);
    if (!u || !au) return notFound(p[1], "AppUser");
    return ok(appUserJson(c.t, a, u, au, c.base, r.query.get("expand") === "user"));
  }),
);

on(
  "GET",
  "/api/v1/apps/:id/groups",
  "okta.apps.read",
  "apps.read",
  withApp((c, r, a) => {
    const limit = parseLimit(r, 20, 200, 20);
    if (isRes(limit)) return limit;
    const q = r.query.get("q")?.toLowerCase();
    const expand = r.query.get("expand");
    const after = r.query.get("after");
    const seq = after ? c.t.groupSeqById.get(after) : undefined;
    const start = after ? (seq === undefined ? a.groupOrder.length : lowerBound(a.groupOrder, seq + 1)) : 0;
    const { items, more } = pageScan(
      a.groupOrder.length,
      (i) => c.t.groups[a.groupOrder[i]],
      start,
      limit,
      (g) => !q || String(g.profile.name).toLowerCase().startsWith(q),
    );
    const embed = expand === "group" ? "group" : expand === "metadata" ? "metadata" : undefined;
    return ok(
      items.map((g) => appGroupJson(c.t, a, g, c.base, embed)),
      links(c, r, more ? items[items.length - 1].id : null),
    );
  }),
);

on(
  "GET",
  "/api/v1/apps/:id/groups/:gid",
  "okta.apps.read",
  "apps.read",
  withApp((c, _r, a, p) => {
    const g = liveGroup(c.t, p[1]);
    if (!g || !a.groups.has(g.seq)) return notFound(p[1], "ApplicationGroupAssignment");
    return ok(appGroupJson(c.t, a, g, c.base));
  }),
);

on(
  "POST",
  "/api/v1/apps/:id/users",
  "okta.apps.manage",
  "apps.assignments",
  withApp((c, r, a) => {
    const body = objectBody<{ id?: unknown; scope?: unknown; credentials?: { userName?: unknown } | null }>(r, true);
    if (typeof body.id !== "string" || !body.id)
      return err(400, "E0000001", "Api validation failed: id", ["id: The field cannot be left blank."]);
    if (body.scope !== undefined && body.scope !== "USER")
      return err(400, "E0000001", "Api validation failed: scope", ["scope: Only USER scope can be assigned directly."]);
    const userName = body.credentials?.userName;
    if (userName !== undefined && (typeof userName !== "string" || !userName.trim()))
      return err(400, "E0000001", "Api validation failed: userName", ["credentials.userName: The field cannot be left blank."]);
    const u = liveUser(c.t, body.id);
    if (!u) return notFound(body.id, "User");
    const au = assignUserToApp(c, actorOf(r.principal), a, u, userName);
    return ok(appUserJson(c.t, a, u, au, c.base, false));
  }),
);

on(
  "DELETE",
  "/api/v1/apps/:id/users/:uid",
  "okta.apps.manage",
  "apps.assignments",
  withApp((c, r, a, p) => {
    const u = liveUser(c.t, p[1]);
    if (!u) return notFound(p[1], "User");
    unassignUserFromApp(c, actorOf(r.principal), a, u);
    return noContent;
  }),
);

on(
  "PUT",
  "/api/v1/apps/:id/groups/:gid",
  "okta.apps.manage",
  "apps.assignments",
  withApp((c, r, a, p) => {
    const g = liveGroup(c.t, p[1]);
    if (!g) return notFound(p[1], "UserGroup");
    const body = objectBody<{ priority?: unknown }>(r, false);
    if (body.priority !== undefined && (typeof body.priority !== "number" || !Number.isInteger(body.priority) || body.priority < 0))
      return err(400, "E0000001", "Api validation failed: priority", ["priority: must be a non-negative integer."]);
    assignGroup(c, actorOf(r.principal), a, g, body.priority as number | undefined);
    return ok(appGroupJson(c.t, a, g, c.base));
  }),
);

on(
  "DELETE",
  "/api/v1/apps/:id/groups/:gid",
  "okta.apps.manage",
  "apps.assignments",
  withApp((c, r, a, p) => {
    const g = liveGroup(c.t, p[1]);
    if (!g) return notFound(p[1], "UserGroup");
    unassignGroup(c, actorOf(r.principal), a, g);
    return noContent;
  }),
);

// ---------------- roles ----------------

on("GET", "/api/v1/iam/assignees/users", "okta.roles.read", "roles.read", (c, r) => {
  const limit = parseLimit(r, 100, 1000);
  if (isRes(limit)) return limit;
  const holders = new Set<number>();
  for (const s of c.t.rolesByUser.keys()) if (!c.t.users[s].deleted) holders.add(s);
  for (const g of c.t.rolesByGroup.keys()) for (const s of c.t.groups[g].members) if (!c.t.users[s].deleted) holders.add(s);
  const seqs = [...holders].sort((a, b) => a - b);
  const after = r.query.get("after");
  const aseq = after ? c.t.userSeqById.get(after) : undefined;
  const start = after ? (aseq === undefined ? seqs.length : lowerBound(seqs, aseq + 1)) : 0;
  const page = seqs.slice(start, start + limit);
  const more = start + limit < seqs.length;
  const value = page.map((s) => {
    const id = c.t.users[s].id;
    return {
      id,
      orn: `orn:okta:directory:${c.t.orgId}:users:${id}`,
      _links: { self: { href: `${c.base}/api/v1/users/${id}` }, roles: { href: `${c.base}/api/v1/users/${id}/roles` } },
    };
  });
  const next = more ? c.t.users[page[page.length - 1]].id : null;
  const q = new URLSearchParams(r.query);
  if (next) q.set("after", next);
  return ok({ value, _links: next ? { next: { href: `${c.base}${r.rawPath}?${q.toString()}` } } : {} }, links(c, r, next));
});

// ---------------- identity providers ----------------

const idpLinks = (c: ApiCtx, idp: Record<string, unknown>) => ({
  ...idp,
  _links: {
    authorize: {
      href: `${c.base}/oauth2/v1/authorize?idp=${idp.id}&client_id={clientId}&response_type={responseType}&response_mode={responseMode}&scope={scopes}&redirect_uri={redirectUri}&state={state}&nonce={nonce}`,
      templated: true,
      hints: { allow: ["GET"] },
    },
    clientRedirectUri: { href: `${c.base}/oauth2/v1/authorize/callback`, hints: { allow: ["POST"] } },
  },
});

on("GET", "/api/v1/idps", "okta.idps.read", "idps.read", (c, r) => {
  const limit = parseLimit(r, 20, 200);
  if (isRes(limit)) return limit;
  const q = r.query.get("q")?.toLowerCase();
  const type = r.query.get("type");
  const list = c.t.idps.filter((i) => (!q || String(i.name).toLowerCase().includes(q)) && (!type || i.type === type));
  const after = r.query.get("after");
  const start = after ? list.findIndex((i) => i.id === after) + 1 : 0;
  const items = list.slice(start, start + limit);
  const more = start + limit < list.length;
  return ok(
    items.map((i) => idpLinks(c, i)),
    links(c, r, more ? String(items[items.length - 1].id) : null),
  );
});

on("GET", "/api/v1/idps/:id", "okta.idps.read", "idps.read", (c, _r, p) => {
  const idp = c.t.idps.find((i) => i.id === p[0]);
  return idp ? ok(idpLinks(c, idp)) : notFound(p[0], "IdentityProvider");
});

// ---------------- System Log ----------------

const DAY = 86_400_000;
const LOG_CURSOR = /^(\d+)_(\d+)$/;

on("GET", "/api/v1/logs", "okta.logs.read", "logs.read", (c, r) => {
  const limit = parseLimit(r, 100, 1000, 0);
  if (isRes(limit)) return limit;
  const now = c.now();
  const sortOrder = (r.query.get("sortOrder") ?? "ASCENDING").toUpperCase();
  if (sortOrder !== "ASCENDING" && sortOrder !== "DESCENDING")
    return err(400, "E0000001", "Api validation failed: sortOrder", ["sortOrder: must be ASCENDING or DESCENDING"]);
  const parseTime = (name: string): number | null | ApiRes => {
    const v = r.query.get(name);
    if (!v) return null;
    const ms = Date.parse(v);
    return Number.isNaN(ms)
      ? err(400, "E0000001", `Api validation failed: ${name}`, [`${name}: Invalid date. Use an ISO 8601 timestamp.`])
      : ms;
  };
  const since = parseTime("since");
  if (isRes(since)) return since;
  const until = parseTime("until");
  if (isRes(until)) return until;
  if (since !== null && since < now - 180 * DAY)
    return err(400, "E0000053", "Invalid parameter: since", ["since: The value must be within the last 180 days."]);
  const after = r.query.get("after");
  let afterIdx: number | null = null;
  if (after) {
    const m = LOG_CURSOR.exec(after);
    if (!m) return err(400, "E0000001", "Api validation failed: after", ["after: Invalid cursor."]);
    afterIdx = Number(m[2]);
  }
  let filter: Expr | null = null;
  const fsrc = r.query.get("filter");
  if (fsrc) {
    const e = parseExpr(
      fsrc,
      (x) => x.path !== "published" && !(x.op === "co" && /debugContext\.debugData\.(url|requestUri)/.test(x.path)),
      true,
      "filter",
    );
    if (isRes(e)) return e;
    filter = e;
  }
  const qwords = (r.query.get("q") ?? "")
    .split(/\s+/)
    .filter(Boolean)
    .map((w) => w.toLowerCase());
  if (qwords.length > 10 || qwords.some((w) => w.length > 40))
    return err(400, "E0000001", "Api validation failed: q", ["q: At most 10 keywords of up to 40 characters each."]);
  const logs = c.t.logs;
  const polling = sortOrder === "ASCENDING" && until === null;
  const hi = until ?? now + 1;
  const lo = since ?? hi - 7 * DAY;
  const matches = (idx: number) => {
    const rec = logs[idx];
    let json: Record<string, unknown> | null = null;
    const full = () => (json ??= logJson(c.t, rec, idx));
    if (filter) {
      const ok = evaluate(
        filter,
        (path) => {
          const fast = logField(c.t, rec, path);
          if (fast) return fast.v;
          return jsonPath(full(), path);
        },
        false,
      );
      if (!ok) return false;
    }
    if (qwords.length) {
      const text = JSON.stringify(full()).toLowerCase();
      if (!qwords.every((w) => text.includes(w))) return false;
    }
    return true;
  };
  const out: number[] = [];
  let cursor: number;
  let more = false;
  try {
    if (sortOrder === "ASCENDING") {
      let i = afterIdx !== null ? afterIdx + 1 : lowerBoundBy(logs.length, (k) => logs[k].t, lo);
      for (; i < logs.length && logs[i].t < hi; i++) {
        if (!matches(i)) continue;
        if (out.length === limit) {
          more = true;
          break;
        }
        out.push(i);
      }
      // Polling resumes after the last event it looked at, so empty pages don't rescan.
      cursor = out.length === limit && more ? out[out.length - 1] : polling ? Math.max(i - 1, afterIdx ?? -1) : (out[out.length - 1] ?? -1);
    } else {
      let i = afterIdx !== null ? afterIdx - 1 : lowerBoundBy(logs.length, (k) => logs[k].t, hi) - 1;
      for (; i >= 0 && logs[i].t >= lo; i--) {
        if (!matches(i)) continue;
        if (out.length === limit) {
          more = true;
          break;
        }
        out.push(i);
      }
      cursor = out[out.length - 1] ?? -1;
    }
  } catch (e) {
    return fail(e);
  }
  const body = out.map((i) => logJson(c.t, logs[i], i));
  const tokenFor = (idx: number) => `${idx >= 0 && logs[idx] ? logs[idx].t : 0}_${idx}`;
  const next = polling ? tokenFor(cursor) : more ? tokenFor(cursor) : null;
  if (next !== null && polling) {
    // A polling next link carries only the cursor (and the caller's limit/filter), never `since`.
    const q = new URLSearchParams(r.query);
    q.delete("since");
    q.set("after", next);
    const qs = r.query.toString();
    return ok(body, {
      link: [`<${c.base}${r.rawPath}${qs ? `?${qs}` : ""}>; rel="self"`, `<${c.base}${r.rawPath}?${q.toString()}>; rel="next"`],
    });
  }
  return ok(body, links(c, r, next));
});

// ---------------- event hooks ----------------

/** An event hook request body as sent: nothing in it is trusted until parseHookBody has checked it. */
interface HookBodyInput {
  name?: unknown;
  events?: { type?: unknown; items?: unknown };
  channel?: {
    type?: unknown;
    version?: unknown;
    config?: { uri?: unknown; headers?: unknown; authScheme?: { type?: unknown; key?: unknown; value?: unknown } | null };
  };
}

function parseHookBody(
  body: unknown,
):
  | { name: string; items: string[]; uri: string; headers: { key: string; value: string }[]; authScheme: EventHookRec["authScheme"] }
  | ApiRes {
  const b = (body ?? {}) as HookBodyInput;
  const causes: string[] = [];
  if (typeof b.name !== "string" || !b.name.trim()) causes.push("name: The field cannot be left blank.");
  const events = b.events ?? {};
  if (events.type !== "EVENT_TYPE") causes.push("events.type: must be EVENT_TYPE.");
  if (!Array.isArray(events.items) || !events.items.length || events.items.some((i: unknown) => typeof i !== "string"))
    causes.push("events.items: must be a non-empty list of event types.");
  else if (events.items.length > 300) causes.push("events.items: at most 300 event types per hook.");
  const ch = b.channel ?? {};
  if (ch.type !== "HTTP") causes.push("channel.type: must be HTTP.");
  if (ch.version !== "1.0.0") causes.push("channel.version: must be 1.0.0.");
  const cfg = ch.config ?? {};
  let uri: URL | null = null;
  try {
    uri = new URL(String(cfg.uri));
  } catch {
    causes.push("channel.config.uri: must be a valid URL.");
  }
  // Okta requires https; plain http is accepted here so a console on localhost can receive hooks.
  if (uri && uri.protocol !== "https:" && uri.protocol !== "http:") causes.push("channel.config.uri: must use https.");
  const headers = Array.isArray(cfg.headers) ? cfg.headers : [];
  if (headers.some((h: { key?: unknown; value?: unknown } | null) => typeof h?.key !== "string" || typeof h?.value !== "string"))
    causes.push("channel.config.headers: each header needs a key and a value.");
  const a = cfg.authScheme;
  if (a && (a.type !== "HEADER" || typeof a.key !== "string" || typeof a.value !== "string"))
    causes.push("channel.config.authScheme: type HEADER with key and value.");
  if (causes.length) return err(400, "E0000001", "Api validation failed: eventHook", causes);
  // Every field was checked above (a cause was recorded otherwise), so the casts below hold.
  return {
    name: b.name as string,
    items: events.items as string[],
    uri: uri!.toString(),
    headers: headers as { key: string; value: string }[],
    authScheme: a ? { type: "HEADER", key: a.key as string, value: a.value as string } : null,
  };
}

on("GET", "/api/v1/eventHooks", "okta.eventHooks.read", "hooks.read", (c) => ok(c.t.eventHooks.map((h) => eventHookJson(h, c.base))));
on("POST", "/api/v1/eventHooks", "okta.eventHooks.manage", "hooks.manage", (c, r) => {
  const p = parseHookBody(r.body);
  if (isRes(p)) return p;
  if (c.t.eventHooks.filter((h) => h.status === "ACTIVE").length >= 25)
    return err(400, "E0000001", "Api validation failed: eventHook", ["Your org has reached the limit of 25 active event hooks."]);
  const now = c.now();
  const h: EventHookRec = {
    id: oktaId(Math.random, "who"),
    name: p.name,
    status: "ACTIVE",
    verificationStatus: "UNVERIFIED",
    events: { type: "EVENT_TYPE", items: p.items },
    uri: p.uri,
    headers: p.headers,
    authScheme: p.authScheme,
    created: now,
    lastUpdated: now,
    createdBy: r.principal.kind === "ssws" ? c.t.users[r.principal.userSeq].id : r.principal.clientId,
    deliveries: [],
  };
  c.t.eventHooks.push(h);
  return ok(eventHookJson(h, c.base));
});

function withHook(h: (c: ApiCtx, r: ApiReq, hook: EventHookRec) => ApiRes | Promise<ApiRes>): Handler {
  return (c, r, p) => {
    const hook = c.t.eventHooks.find((x) => x.id === p[0]);
    return hook ? h(c, r, hook) : notFound(p[0], "EventHook");
  };
}

on(
  "GET",
  "/api/v1/eventHooks/:id",
  "okta.eventHooks.read",
  "hooks.read",
  withHook((c, _r, h) => ok(eventHookJson(h, c.base))),
);
on(
  "PUT",
  "/api/v1/eventHooks/:id",
  "okta.eventHooks.manage",
  "hooks.manage",
  withHook((c, r, h) => {
    const p = parseHookBody(r.body);
    if (isRes(p)) return p;
    const uriChanged = p.uri !== h.uri;
    Object.assign(h, {
      name: p.name,
      events: { type: "EVENT_TYPE", items: p.items },
      uri: p.uri,
      headers: p.headers,
      authScheme: p.authScheme ?? h.authScheme,
      lastUpdated: c.now(),
    });
    if (uriChanged) h.verificationStatus = "UNVERIFIED";
    return ok(eventHookJson(h, c.base));
  }),
);
on(
  "DELETE",
  "/api/v1/eventHooks/:id",
  "okta.eventHooks.manage",
  "hooks.manage",
  withHook((c, _r, h) => {
    if (h.status !== "INACTIVE")
      return err(400, "E0000001", "Api validation failed: eventHook", ["You can only delete event hooks with a status of INACTIVE."]);
    c.t.eventHooks.splice(c.t.eventHooks.indexOf(h), 1);
    return noContent;
  }),
);
on(
  "POST",
  "/api/v1/eventHooks/:id/lifecycle/activate",
  "okta.eventHooks.manage",
  "hooks.manage",
  withHook((c, _r, h) => {
    h.status = "ACTIVE";
    h.lastUpdated = c.now();
    return ok(eventHookJson(h, c.base));
  }),
);
on(
  "POST",
  "/api/v1/eventHooks/:id/lifecycle/deactivate",
  "okta.eventHooks.manage",
  "hooks.manage",
  withHook((c, _r, h) => {
    h.status = "INACTIVE";
    h.lastUpdated = c.now();
    return ok(eventHookJson(h, c.base));
  }),
);
on(
  "POST",
  "/api/v1/eventHooks/:id/lifecycle/verify",
  "okta.eventHooks.manage",
  "hooks.manage",
  withHook(async (c, r, h) => {
    if (h.status !== "ACTIVE")
      return err(400, "E0000001", "Api validation failed: eventHook", ["Only ACTIVE event hooks can be verified."]);
    const verified = await c.hooks.verify(h);
    if (!verified)
      return err(400, "E0000001", "Api validation failed: eventHook", [
        "Verification of the event hook failed: the endpoint did not return the verification value within 3 seconds.",
      ]);
    h.verificationStatus = "VERIFIED";
    h.lastUpdated = c.now();
    c.log({ e: "event_hook.verified", ...who(actorOf(r.principal)), x: 0, d: { hookId: h.id, hookName: h.name } });
    return ok(eventHookJson(h, c.base));
  }),
);

// ---------------- org ----------------

on("GET", "/api/v1/org", "okta.orgs.read", "org.read", (c) =>
  ok({
    id: c.t.orgId,
    companyName: c.t.orgName,
    subdomain: c.t.domainSuffix.split(".")[0],
    status: "ACTIVE",
    created: iso(c.t.generatedAt - 6 * 365 * DAY),
    lastUpdated: iso(c.t.generatedAt),
    website: `https://www.${c.t.domainSuffix}`,
    _links: { self: { href: `${c.base}/api/v1/org` } },
  }),
);
