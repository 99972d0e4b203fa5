// What the synced copy says around an action's target, for its preview: a person's app assignments
// and groups, the apps a group grants, a group's member count, and the names of ids a fresh read may
// no longer find. Only live rows (not swept); as current as the last sync.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import type { ActionKind } from "@/db/enums";
import { maintainedCount } from "@/lib/directory/counts";
import { ACTION_KIND_INFO, type ActionTarget } from "./kinds";

export interface Named {
  id: string;
  name: string;
}

export interface SyncedFacts {
  /** The person's login and status in the copy. */
  user?: { login: string; status: string } | null;
  groupName?: string | null;
  appLabel?: string | null;
  /** The person's app assignments (scope USER: direct; GROUP: through a group). */
  apps?: (Named & { scope: string | null })[];
  /** The person's groups. */
  groups?: Named[];
  /** group_member: apps the group grants that the person has no other way (add: does not have yet). */
  appsThroughGroup?: Named[];
  /** app_group / group kinds: the group's live member count. */
  memberCount?: number;
  /** new_user: the names of the groups to put the person in. */
  groupNames?: Named[];
}

type Row = Record<string, unknown>;
const named = (rows: Row[]): Named[] => rows.map((r) => ({ id: String(r.id), name: String(r.name) }));

async function userFacts(db: DbOrTx, integrationId: string, userId: string) {
  const [user] = await db.execute<Row>(
    sql`select login, status from okta_users where integration_id = ${integrationId} and id = ${userId} and deleted_at is null`,
  );
  return user ? { login: String(user.login), status: String(user.status) } : null;
}

async function nameOf(db: DbOrTx, table: "okta_groups" | "okta_apps", integrationId: string, id: string) {
  const column = table === "okta_groups" ? sql`name` : sql`label`;
  const [row] = await db.execute<Row>(
    sql`select ${column} as name from ${sql.identifier(table)} where integration_id = ${integrationId} and id = ${id} and deleted_at is null`,
  );
  return row ? String(row.name) : null;
}

async function appsOfUser(db: DbOrTx, integrationId: string, userId: string) {
  const rows = await db.execute<Row>(sql`
    select a.id, a.label as name, au.scope from okta_app_users au
    join okta_apps a on a.integration_id = au.integration_id and a.id = au.app_id and a.deleted_at is null
    where au.integration_id = ${integrationId} and au.user_id = ${userId} and au.deleted_at is null
    order by lower(a.label), a.id`);
  return rows.map((r) => ({ id: String(r.id), name: String(r.name), scope: (r.scope as string | null) ?? null }));
}

async function groupsOfUser(db: DbOrTx, integrationId: string, userId: string) {
  return named(
    await db.execute<Row>(sql`
      select g.id, g.name from okta_group_members gm
      join okta_groups g on g.integration_id = gm.integration_id and g.id = gm.group_id and g.deleted_at is null
      where gm.integration_id = ${integrationId} and gm.user_id = ${userId} and gm.deleted_at is null
      order by lower(g.name), g.id`),
  );
}

/** Apps the group grants that the person would gain (add) or lose (remove: no direct assignment, no other granting group). */
async function appsThroughGroup(db: DbOrTx, integrationId: string, groupId: string, userId: string, adding: boolean) {
  const other = adding
    ? sql`not exists (select 1 from okta_app_users au where au.integration_id = ag.integration_id and au.app_id = ag.app_id
          and au.user_id = ${userId} and au.deleted_at is null)`
    : sql`not exists (select 1 from okta_app_users au where au.integration_id = ag.integration_id and au.app_id = ag.app_id
          and au.user_id = ${userId} and au.scope = 'USER' and au.deleted_at is null)
        and not exists (select 1 from okta_app_groups ag2
          join okta_group_members gm on gm.integration_id = ag2.integration_id and gm.group_id = ag2.group_id
            and gm.user_id = ${userId} and gm.deleted_at is null
          where ag2.integration_id = ag.integration_id and ag2.app_id = ag.app_id and ag2.group_id <> ${groupId} and ag2.deleted_at is null)`;
  return named(
    await db.execute<Row>(sql`
      select a.id, a.label as name from okta_app_groups ag
      join okta_apps a on a.integration_id = ag.integration_id and a.id = ag.app_id and a.deleted_at is null
      where ag.integration_id = ${integrationId} and ag.group_id = ${groupId} and ag.deleted_at is null and ${other}
      order by lower(a.label), a.id`),
  );
}

/** The maintained count (okta_counts' group_members, lib/directory/counts.ts), not a count of the members. */
async function memberCount(db: DbOrTx, integrationId: string, groupId: string) {
  const [row] = await db.execute<Row>(sql`select ${maintainedCount("group_members", sql`${integrationId}::uuid`, sql`${groupId}`)} as n`);
  return Number(row?.n ?? 0);
}

export async function syncedFacts(
  db: DbOrTx,
  integrationId: string,
  kind: ActionKind,
  target: ActionTarget,
  params: Record<string, unknown>,
): Promise<SyncedFacts> {
  const { userId, groupId, appId } = target;
  switch (ACTION_KIND_INFO[kind].target) {
    case "user": {
      const [user, apps, groups] = await Promise.all([
        userFacts(db, integrationId, userId!),
        appsOfUser(db, integrationId, userId!),
        groupsOfUser(db, integrationId, userId!),
      ]);
      return { user, apps, groups };
    }
    case "group_member": {
      const [user, groupName, through] = await Promise.all([
        userFacts(db, integrationId, userId!),
        nameOf(db, "okta_groups", integrationId, groupId!),
        appsThroughGroup(db, integrationId, groupId!, userId!, kind === "group.add_member"),
      ]);
      return { user, groupName, appsThroughGroup: through };
    }
    case "app_user": {
      const [user, appLabel] = await Promise.all([userFacts(db, integrationId, userId!), nameOf(db, "okta_apps", integrationId, appId!)]);
      return { user, appLabel };
    }
    case "app_group": {
      const [groupName, appLabel, members] = await Promise.all([
        nameOf(db, "okta_groups", integrationId, groupId!),
        nameOf(db, "okta_apps", integrationId, appId!),
        memberCount(db, integrationId, groupId!),
      ]);
      return { groupName, appLabel, memberCount: members };
    }
    case "new_user": {
      const ids = ((params.groupIds as string[] | undefined) ?? []).slice(0, 50);
      if (!ids.length) return { groupNames: [] };
      const rows = await db.execute<Row>(
        sql`select id, name from okta_groups where integration_id = ${integrationId} and deleted_at is null
          and id in (${sql.join(
            ids.map((id) => sql`${id}`),
            sql`, `,
          )})`,
      );
      return { groupNames: named(rows) };
    }
  }
}
