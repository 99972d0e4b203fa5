// The people of one group (members) or one app (assigned users), by name, searchable, in keyset pages.
// An app's people also say when each last signed in to it (okta_app_usage), and can be narrowed to
// those who have not for N days.
import { and, eq, inArray, isNull, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import {
  oktaApps as a,
  oktaAppUsers as au,
  oktaGroups as g,
  directoryKeys as K,
  oktaGroupMembers as m,
  oktaUsers as u,
  oktaAppUsage as usage,
} from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import { daysAgo, type ListAppUsersInput, type ListMembersInput } from "./contracts";
import { maintainedCount } from "./counts";
import {
  afterCursor,
  decodeCursor,
  keyColumns,
  matchesSearch,
  orderBy,
  SORT_MATCHES_LIMIT,
  type SortKey,
  sortAfterFiltering,
  toPage,
  WALK_SAMPLE,
  walkOrSort,
} from "./keyset";

const BY_NAME: SortKey[] = [
  { expr: K.userName(u), type: "text" },
  { expr: sql`${u.integrationId}`, type: "uuid" },
  { expr: sql`${u.id}`, type: "text" },
];
const person = {
  integrationId: u.integrationId,
  id: u.id,
  login: u.login,
  email: u.email,
  firstName: u.firstName,
  lastName: u.lastName,
  displayName: u.displayName,
  status: u.status,
  department: u.department,
  title: u.title,
  lastLogin: u.lastLogin,
};

async function requireLive(what: "Group" | "App", where: SQL) {
  const table = what === "Group" ? g : a;
  const [row] = await getDb().select({ id: table.id }).from(table).where(where);
  if (!row) throw notFound(what);
}

/** What a select of these columns returns (drizzle's own inference does not see through the generic). */
type Fields<T extends Record<string, PgColumn>> = {
  [K in keyof T]: T[K]["_"]["notNull"] extends true ? T[K]["_"]["data"] : T[K]["_"]["data"] | null;
};
type Link = typeof au; // okta_group_members has the same integration_id / user_id / deleted_at columns
const personOf = (link: Link, ctx: WorkspaceCtx) =>
  and(eq(u.integrationId, link.integrationId), eq(u.id, link.userId), isNull(u.deletedAt), eq(u.workspaceId, ctx.workspaceId));

/**
 * One page by name of the people behind a group's or an app's rows (`link`), with the caller's
 * `extra` columns of those rows. Two shapes, picked by size:
 * - up to SORT_MATCHES_LIMIT rows: each person is fetched by primary key (LATERAL … LIMIT 1, which the
 *   planner cannot turn into a hash join over every person of the org), then sorted;
 * - more ("Everyone"): a join that walks the people name index, or the trigram index when searching.
 */
async function pageByName<E extends Record<string, PgColumn>>(
  input: { q?: string; cursor?: string; limit?: number },
  ctx: WorkspaceCtx,
  link: Link,
  linkWhere: SQL | undefined,
  extra: E,
  personWhere?: SQL,
  /** How many rows `linkWhere` matches, when the maintained counts know it (lib/directory/counts.ts). */
  known?: SQL<number>,
) {
  type Row = Fields<typeof person> & Fields<E> & { keys: Record<string, unknown> };
  const db = ctx.db;
  const limit = input.limit ?? 50;
  const after = decodeCursor(input.cursor, "name", "asc", BY_NAME);
  const search = and(matchesSearch(sql`${u.searchText}`, input.q, true), personWhere);
  const [{ n }] = await db.execute<{ n: number }>(
    known
      ? sql`select ${known} as n`
      : sql`select count(*)::int as n from (select 1 from ${link} where ${linkWhere} limit ${SORT_MATCHES_LIMIT + 1}) x`,
  );
  if (n <= SORT_MATCHES_LIMIT) {
    const p = db
      .select({ ...person, nameKey: sql<string>`${K.userName(u)}`.as("name_key") })
      .from(u)
      .where(and(personOf(link, ctx), search))
      .limit(1)
      .as("p");
    const keys = sortAfterFiltering([
      { expr: sql`${p.nameKey}`, type: "text" },
      { expr: sql`${p.integrationId}`, type: "uuid" },
      { expr: sql`${p.id}`, type: "text" },
    ]);
    const { nameKey: _n, ...fields } = p._.selectedFields;
    const rows = await db
      .select({ ...(fields as unknown as typeof person), ...extra, keys: keyColumns(keys) })
      .from(link)
      .innerJoinLateral(p, sql`true`)
      .where(and(linkWhere, after ? afterCursor(keys, after, "asc") : undefined))
      .orderBy(...orderBy(keys, "asc"))
      .limit(limit + 1);
    return toPage(rows as unknown as Row[], limit, "name", "asc");
  }
  const where = (keys: SortKey[]) => and(linkWhere, search, after ? afterCursor(keys, after, "asc") : undefined);
  // As the people list: walk the name index when the next rows by name hold a page of matches (walkOrSort).
  const keys = search
    ? await walkOrSort(
        BY_NAME,
        sql`select (${search}) as m from ${link} inner join ${u} on ${personOf(link, ctx)}
          where ${and(linkWhere, after ? afterCursor(BY_NAME, after, "asc") : undefined)}
          order by ${sql.join(orderBy(BY_NAME, "asc"), sql`, `)} limit ${WALK_SAMPLE}`,
        limit + 1,
      )
    : BY_NAME;
  const rows = await db
    .select({ ...person, ...extra, keys: keyColumns(keys) })
    .from(link)
    .innerJoin(u, personOf(link, ctx))
    .where(where(keys))
    .orderBy(...orderBy(keys, "asc"))
    .limit(limit + 1);
  return toPage(rows as unknown as Row[], limit, "name", "asc");
}

export async function listGroupMembers({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: ListMembersInput & { integrationId: string; groupId: string };
}) {
  await requireLive(
    "Group",
    and(eq(g.workspaceId, ctx.workspaceId), eq(g.integrationId, input.integrationId), eq(g.id, input.groupId), isNull(g.deletedAt))!,
  );
  const members = and(eq(m.integrationId, input.integrationId), eq(m.groupId, input.groupId), isNull(m.deletedAt));
  const known = maintainedCount("group_members", sql`${input.integrationId}::uuid`, sql`${input.groupId}`);
  return pageByName(input, ctx, m as unknown as Link, members, {}, undefined, known);
}

/** How many people an app has (through a group: scope GROUP; directly: USER), from the maintained counts. */
function assignedCount(integrationId: string, appId: string, scope: ListAppUsersInput["scope"]) {
  const [integration, key] = [sql`${integrationId}::uuid`, sql`${appId}`];
  const all = maintainedCount("app_assignees", integration, key);
  const viaGroup = maintainedCount("app_group_assignees", integration, key);
  return scope === "GROUP" ? viaGroup : scope === "USER" ? sql<number>`(${all} - ${viaGroup})` : all;
}

export async function listAppUsers({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: ListAppUsersInput & { integrationId: string; appId: string; now?: Date };
}) {
  await requireLive(
    "App",
    and(eq(a.workspaceId, ctx.workspaceId), eq(a.integrationId, input.integrationId), eq(a.id, input.appId), isNull(a.deletedAt))!,
  );
  const assigned = and(
    eq(au.integrationId, input.integrationId),
    eq(au.appId, input.appId),
    isNull(au.deletedAt),
    input.scope === "GROUP" ? eq(au.scope, "GROUP") : input.scope === "USER" ? sql`${au.scope} is distinct from 'GROUP'` : undefined,
    input.unusedDays ? unusedSince(daysAgo(input.unusedDays, input.now)) : undefined,
  );
  const page = await pageByName(
    input,
    ctx,
    au,
    assigned,
    { scope: au.scope, assignmentStatus: au.status, syncState: au.syncState, userName: au.userName },
    input.status ? inArray(u.status, input.status) : undefined,
    input.unusedDays ? undefined : assignedCount(input.integrationId, input.appId, input.scope),
  );
  // Name the groups through which each person on the page reaches the app, and when each last used it.
  const ids = page.items.map((p) => p.id);
  const used = ids.length
    ? await ctx.db
        .select({ userId: usage.userId, at: usage.lastUsedAt })
        .from(usage)
        .where(and(eq(usage.integrationId, input.integrationId), eq(usage.appId, input.appId), inArray(usage.userId, ids)))
    : [];
  const lastUsed = new Map(used.map((x) => [x.userId, x.at]));
  // Each person of the page probed in each of the app's groups by primary key: filtering a group's
  // members by the page's ids walked all million members of Everyone (240 ms).
  const via = ids.length
    ? await ctx.db.execute<{ userId: string; id: string; name: string }>(sql`
        select gm.user_id as "userId", xg.id, xg.name from okta_app_groups xag
        join okta_groups xg on xg.integration_id = xag.integration_id and xg.id = xag.group_id and xg.deleted_at is null
        cross join lateral (select xgm.user_id from unnest(array[${sql.join(
          ids.map((id) => sql`${id}`),
          sql`, `,
        )}]::text[]) as p(user_id)
          join okta_group_members xgm on xgm.integration_id = xag.integration_id and xgm.group_id = xag.group_id
            and xgm.user_id = p.user_id and xgm.deleted_at is null offset 0) gm
        where xag.integration_id = ${input.integrationId}::uuid and xag.app_id = ${input.appId} and xag.deleted_at is null
        order by lower(xg.name)`)
    : [];
  return {
    items: page.items.map((p) => ({
      ...p,
      direct: p.scope !== "GROUP",
      viaGroups: via.filter((v) => v.userId === p.id).map(({ id, name }) => ({ id, name })),
      lastUsedAt: lastUsed.get(p.id) ?? null,
    })),
    nextCursor: page.nextCursor,
  };
}

/**
 * The assignment (a row of okta_app_users, by that name) has no sign-in to its app since `since`:
 * one primary-key probe of okta_app_usage per assignment.
 */
export function unusedSince(since: Date): SQL {
  return sql`not exists (select 1 from okta_app_usage xus where xus.integration_id = "okta_app_users"."integration_id"
    and xus.app_id = "okta_app_users"."app_id" and xus.user_id = "okta_app_users"."user_id" and xus.last_used_at >= ${since.toISOString()}::timestamptz)`;
}

export type MemberPage = Awaited<ReturnType<typeof listGroupMembers>>;
export type AppUserPage = Awaited<ReturnType<typeof listAppUsers>>;
