// Who is assigned to each app: users (scope USER = direct, GROUP = through a group; 500 per page)
// and groups (with priority; 200 per page). Apps are walked in id order, several at a time.

import type { ZodType } from "zod";
import { getDb } from "@/db";
import { inParallel } from "@/lib/in-parallel";
import { idOnlySchema, oktaAppGroupSchema, oktaAppUserSchema } from "@/lib/okta/schemas";
import { deleteRows } from "../incremental/delete-rows";
import { APP_GROUP, APP_USER, eventsSince, MEMBERSHIP, targetId, USER_CREATED, USER_STATUS } from "../incremental/events";
import { oktaDate, sinceOf } from "../incremental/window";
import type { ResourceContext } from "../run-context";
import { liveIds, pruneOutOfScope, scopeFilter } from "../scope";
import { appGroupRow, appGroupsTable, appUserRow, appUsersTable, type TableSpec } from "../tables";
import { deletedGroupIds } from "./groups";
import { deletedUserIds } from "./users";
import { InvalidObjects, isNotFound, liveParents, parseItems, type Row, throwIfAborted, walkParents } from "./walk";

type AppState = { users?: string; groups?: string } | undefined;
type Keep = Awaited<ReturnType<typeof scopeFilter>>;

/** Scoped: assignments of users and groups the scope keeps (the users and groups steps ran first). */
function keepRow(keep: Keep) {
  return (r: Row) =>
    (r.user_id === undefined || !keep.users || keep.users.has(r.user_id as string)) &&
    (r.group_id === undefined || !keep.groups || keep.groups.has(r.group_id as string));
}

export async function syncAppAssignments(ctx: ResourceContext): Promise<"full" | "incremental"> {
  const since = sinceOf(ctx, "app_assignments");
  if (since) {
    await syncAppAssignmentsIncremental(ctx, since);
    return "incremental";
  }
  await syncAppAssignmentsFull(ctx);
  return "full";
}

async function syncAppAssignmentsFull(ctx: ResourceContext) {
  const invalid = new InvalidObjects();
  const lists = [
    {
      key: "users",
      path: "users",
      limit: 500,
      schema: oktaAppUserSchema as ZodType<unknown>,
      toRow: appUserRow as (appId: string, x: unknown) => Row,
      spec: appUsersTable as TableSpec,
    },
    {
      key: "groups",
      path: "groups",
      limit: 200,
      schema: oktaAppGroupSchema as ZodType<unknown>,
      toRow: appGroupRow as (appId: string, x: unknown) => Row,
      spec: appGroupsTable as TableSpec,
    },
  ] as const;
  const keep = await scopeFilter(ctx);
  const scoped = !!(keep.users || keep.groups);
  const ok = keepRow(keep);
  await walkParents<{ id: string }>(ctx, {
    parents: (after) => liveParents("okta_apps", ctx.lease.integrationId, after),
    concurrency: 4,
    work: async (app, raw) => {
      const state = (raw ?? {}) as NonNullable<AppState>;
      try {
        for (const list of lists) {
          const at = state[list.key];
          if (at === "done") continue;
          const pages = at
            ? ctx.client.pages<unknown>(at)
            : ctx.client.pages<unknown>(`/api/v1/apps/${encodeURIComponent(app.id)}/${list.path}`, { limit: list.limit });
          for await (const page of pages) {
            throwIfAborted(ctx);
            const parsed = parseItems(page.items, list.schema, (x) => list.toRow(app.id, x));
            invalid.add(parsed.invalid);
            const rows = scoped ? parsed.rows.filter(ok) : parsed.rows;
            await ctx.commit({
              writes: [{ spec: list.spec, rows }],
              pages: 1,
              objects: rows.length,
              outOfScope: scoped ? parsed.rows.length - rows.length : undefined,
              checkpoint: { setPath: ["inflight", app.id, list.key], value: page.nextUrl ?? "done" },
            });
          }
        }
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    },
  });
  await invalid.report(ctx, "app assignments");
}

/**
 * Incremental: which (app, user) assignments may have changed since the mark, from the System Log
 * and our own tables: direct assignment events; membership events, crossed with the apps assigned
 * to that group; lifecycle events (a deactivated user holds no assignments, a reactivated one gets
 * back those of their groups, a new user those of Everyone and their groups). Apps whose own
 * lastUpdated moved, that are new, that gained or lost a group assignment or lost an assigned group
 * are re-read in full (users and groups, then what Okta no longer lists is deleted). For the rest,
 * each changed pair is re-read on its own (GET /apps/{id}/users/{uid}; 404 = gone), unless that
 * costs more requests than re-reading the app.
 */
export async function syncAppAssignmentsIncremental(ctx: ResourceContext, since: Date) {
  const integrationId = ctx.lease.integrationId;
  const sql = getDb().$client;
  const events = await eventsSince(integrationId, since, [...APP_USER, ...APP_GROUP, ...MEMBERSHIP, ...USER_CREATED, ...USER_STATUS]);
  const fullApps = new Set<string>(
    (
      await sql`
      select id from okta_apps where integration_id = ${integrationId} and deleted_at is null
        and (last_updated > ${oktaDate(since)}::timestamptz or first_seen_at >= ${ctx.runStartedAt.toISOString()}::timestamptz)`
    ).map((r) => r.id as string),
  );
  const keep = await scopeFilter(ctx);
  const goneGroups = await deletedGroupIds(integrationId, since);
  if (goneGroups.length) {
    for (const r of await sql`select distinct app_id from okta_app_groups where integration_id = ${integrationId} and group_id = any(${goneGroups}::text[])`)
      fullApps.add(r.app_id);
  }
  const pairs = new Map<string, Set<string>>();
  const addPair = (app: string, user: string) => {
    if (keep.users && !keep.users.has(user)) return; // out of scope
    let s = pairs.get(app);
    if (!s) {
      s = new Set();
      pairs.set(app, s);
    }
    s.add(user);
  };
  const viaGroups = new Map<string, string[]>(); // group -> users whose membership changed
  const lifecycleUsers = new Set<string>();
  for (const e of events) {
    if (APP_GROUP.includes(e.eventType)) {
      const app = targetId(e, "AppInstance");
      if (app) fullApps.add(app);
    } else if (APP_USER.includes(e.eventType)) {
      const app = targetId(e, "AppInstance");
      const user = targetId(e, "AppUser", "User");
      if (app && user) addPair(app, user);
    } else if (MEMBERSHIP.includes(e.eventType)) {
      const group = targetId(e, "UserGroup");
      const user = targetId(e, "User");
      if (group && user) viaGroups.set(group, [...(viaGroups.get(group) ?? []), user]);
    } else {
      const user = targetId(e, "User");
      if (user) lifecycleUsers.add(user);
    }
  }
  if (viaGroups.size) {
    const groups = [...viaGroups.keys()];
    for (const r of await sql`select app_id, group_id from okta_app_groups where integration_id = ${integrationId} and deleted_at is null and group_id = any(${groups}::text[])`) {
      for (const u of viaGroups.get(r.group_id) ?? []) addPair(r.app_id, u);
    }
  }
  // Users who entered the scope in this run: every app Okta lists for them (direct or through a group).
  for (const user of [...ctx.enteredScope].sort()) {
    throwIfAborted(ctx);
    for await (const page of ctx.client.pages<unknown>("/api/v1/apps", { filter: `user.id eq "${user}"`, limit: 200 })) {
      for (const a of parseItems(page.items, idOnlySchema, (x) => x.id).rows) addPair(a, user);
    }
  }
  const goneUsers = new Set(await deletedUserIds(integrationId, since));
  if (lifecycleUsers.size) {
    const ids = [...lifecycleUsers].filter((u) => !goneUsers.has(u));
    const deprovisioned = (
      await sql`select id from okta_users where integration_id = ${integrationId} and id = any(${ids}::text[]) and status = 'DEPROVISIONED'`
    ).map((r) => r.id as string);
    // Okta removes every assignment of a deactivated user: nothing to ask.
    if (deprovisioned.length)
      await deleteRows(ctx.lease, "app_assignments", "okta_app_users", "user_id = any($2::text[])", [deprovisioned]);
    const active = ids.filter((u) => !deprovisioned.includes(u));
    if (active.length) {
      const rows = await sql`
        select app_id, user_id from okta_app_users where integration_id = ${integrationId} and deleted_at is null and user_id = any(${active}::text[])
        union
        select ag.app_id, m.user_id from okta_group_members m join okta_app_groups ag on ag.integration_id = m.integration_id and ag.group_id = m.group_id and ag.deleted_at is null
        where m.integration_id = ${integrationId} and m.deleted_at is null and m.user_id = any(${active}::text[])`;
      for (const r of rows) addPair(r.app_id, r.user_id);
    }
  }
  if (goneUsers.size) await deleteRows(ctx.lease, "app_assignments", "okta_app_users", "user_id = any($2::text[])", [[...goneUsers]]);
  if (goneGroups.length) await deleteRows(ctx.lease, "app_assignments", "okta_app_groups", "group_id = any($2::text[])", [goneGroups]);
  // Apps the apps step found gone take their assignments with them.
  const deadApps = "app_id in (select id from okta_apps where integration_id = $1::uuid and deleted_at is not null)";
  await deleteRows(ctx.lease, "app_assignments", "okta_app_users", deadApps, []);
  await deleteRows(ctx.lease, "app_assignments", "okta_app_groups", deadApps, []);

  // Per app: pairs one by one, or the whole app when that is cheaper.
  const sizes = new Map(
    (
      await sql`
      select a.id, (select count(*) from okta_app_users u where u.integration_id = a.integration_id and u.app_id = a.id and u.deleted_at is null)::int as users,
        (select count(*) from okta_app_groups g where g.integration_id = a.integration_id and g.app_id = a.id and g.deleted_at is null)::int as groups
      from okta_apps a where a.integration_id = ${integrationId} and a.deleted_at is null and a.id = any(${[...pairs.keys()]}::text[])`
    ).map((r) => [r.id as string, Math.ceil((r.users + 1) / 500) + Math.ceil((r.groups + 1) / 200)]),
  );
  const single: [string, string][] = [];
  for (const [app, users] of pairs) {
    if (fullApps.has(app)) continue;
    const cost = sizes.get(app);
    if (cost === undefined) continue; // the app is gone; the apps step deleted it
    const live = [...users].filter((u) => !goneUsers.has(u));
    if (live.length >= cost) fullApps.add(app);
    else for (const u of live) single.push([app, u]);
  }
  // Scoped to chosen apps: the System Log names other apps too.
  if (ctx.scope?.appIds) {
    const apps = await liveIds("okta_apps", integrationId);
    for (const a of [...fullApps]) if (!apps.has(a)) fullApps.delete(a);
  }
  await pruneOutOfScope(ctx.lease, ctx.scope, "app_assignments", "okta_app_users", { user: "user_id" });
  await pruneOutOfScope(ctx.lease, ctx.scope, "app_assignments", "okta_app_groups", { group: "group_id" });
  const invalid = new InvalidObjects();
  const ok = keepRow(keep);
  await inParallel([...fullApps].sort(), 4, (app) => rereadApp(ctx, app, invalid, ok));
  await inParallel(single, 6, ([app, user]) => rereadPair(ctx, app, user, invalid));
  await invalid.report(ctx, "app assignments");
  return { fullApps: fullApps.size, pairs: single.length };
}

async function rereadApp(ctx: ResourceContext, app: string, invalid: InvalidObjects, ok: (r: Row) => boolean) {
  const users: string[] = [];
  const groups: string[] = [];
  try {
    for await (const page of ctx.client.pages<unknown>(`/api/v1/apps/${encodeURIComponent(app)}/users`, { limit: 500 })) {
      throwIfAborted(ctx);
      const parsed = parseItems(page.items, oktaAppUserSchema, (x) => appUserRow(app, x));
      invalid.add(parsed.invalid);
      const rows = parsed.rows.filter(ok);
      for (const r of rows) users.push(r.user_id);
      await ctx.commit({ writes: [{ spec: appUsersTable, rows }], pages: 1, objects: rows.length });
    }
    for await (const page of ctx.client.pages<unknown>(`/api/v1/apps/${encodeURIComponent(app)}/groups`, { limit: 200 })) {
      throwIfAborted(ctx);
      const parsed = parseItems(page.items, oktaAppGroupSchema, (x) => appGroupRow(app, x));
      invalid.add(parsed.invalid);
      const rows = parsed.rows.filter(ok);
      for (const r of rows) groups.push(r.group_id);
      await ctx.commit({ writes: [{ spec: appGroupsTable, rows }], pages: 1, objects: rows.length });
    }
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  await deleteRows(ctx.lease, "app_assignments", "okta_app_users", "app_id = $2 and not (user_id = any($3::text[]))", [app, users]);
  await deleteRows(ctx.lease, "app_assignments", "okta_app_groups", "app_id = $2 and not (group_id = any($3::text[]))", [app, groups]);
}

async function rereadPair(ctx: ResourceContext, app: string, user: string, invalid: InvalidObjects) {
  throwIfAborted(ctx);
  try {
    const res = await ctx.client.get<unknown>(`/api/v1/apps/${encodeURIComponent(app)}/users/${encodeURIComponent(user)}`);
    const { rows, invalid: bad } = parseItems([res.body], oktaAppUserSchema, (x) => appUserRow(app, x));
    invalid.add(bad);
    await ctx.commit({ writes: [{ spec: appUsersTable, rows }], pages: 1, objects: rows.length });
  } catch (e) {
    if (!isNotFound(e)) throw e;
    await deleteRows(ctx.lease, "app_assignments", "okta_app_users", "app_id = $2 and user_id = $3", [app, user]);
  }
}
