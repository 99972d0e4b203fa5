// The values the directory filters offer, with how many live rows carry each: statuses, departments,
// user types, locations, managers, admin roles, group types, app statuses and sign-on modes, and the
// workspace's integrations.
import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { oktaApps as a, oktaGroups as g } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { workspaceIntegrations } from "./scope";

export interface Facet {
  value: string;
  count: number;
}

function facet(table: typeof g | typeof a, column: PgColumn, ctx: WorkspaceCtx, integrationId?: string): Promise<Facet[]> {
  const where: SQL = and(
    eq(table.workspaceId, ctx.workspaceId),
    integrationId ? eq(table.integrationId, integrationId) : undefined,
    isNull(table.deletedAt),
    sql`${column} is not null and ${column} <> ''`,
  )!;
  return ctx.db
    .select({ value: sql<string>`${column}`, count: sql<number>`count(*)::int` })
    .from(table)
    .where(where)
    .groupBy(column)
    .orderBy(sql`count(*) desc`, column);
}

/** Managers offered by the filter: the most named ones (a large org has thousands). */
export const MANAGER_FACET_LIMIT = 200;

/**
 * Statuses, departments, user types, locations and managers of people, from the maintained counts
 * (okta_counts' users by status, user_departments, user_types, user_locations, user_managers: kept by
 * the people's statement trigger, drizzle/0025_directory_counts.sql): a few thousand delta rows instead
 * of a grouping-sets pass over every person (1.1 s at 1M). A manager's key is `<id>\x1f<name>`; the
 * facet names each id by the greatest name among live reports, as max(manager) did.
 */
async function peopleFacets(ctx: WorkspaceCtx, integrationId?: string) {
  const rows = await ctx.db.execute<{ subject: string; value: string; label: string | null; count: number }>(sql`
    with c as (
      select c.subject, c.key, sum(c.n)::int as n from okta_counts c
      join integrations i on i.id = c.integration_id and i.workspace_id = ${ctx.workspaceId}::uuid
      where c.subject in ('users', 'user_departments', 'user_types', 'user_locations', 'user_managers')
        ${integrationId ? sql`and c.integration_id = ${integrationId}::uuid` : sql``}
      group by 1, 2 having sum(c.n) > 0)
    select subject, key as value, null as label, n as count from c where subject <> 'user_managers'
    union all
    select 'user_managers', split_part(key, chr(31), 1), max(nullif(substr(key, strpos(key, chr(31)) + 1), '')), sum(n)::int
    from c where subject = 'user_managers' group by 2`);
  const sorted = <T extends Facet>(xs: T[]) => xs.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  const of = (subject: string) =>
    sorted(rows.filter((r) => r.subject === subject && r.value).map((r) => ({ value: r.value, count: r.count })));
  return {
    userStatuses: of("users"),
    departments: of("user_departments"),
    userTypes: of("user_types"),
    locations: of("user_locations"),
    managers: sorted(
      rows
        .filter((r) => r.subject === "user_managers" && r.value)
        .map((r) => ({ value: r.value, label: r.label || r.value, count: r.count })),
    ).slice(0, MANAGER_FACET_LIMIT),
  };
}

/**
 * Admin roles held by live people, directly or through a group: standard roles by type, custom roles by
 * id. The holders come from the maintained okta_admin_role_holders (a person holds a role while their
 * rows for it sum above zero: drizzle/0029_admin_role_holders.sql), not from expanding each role-granting
 * group and probing its members in okta_users (734 ms at 1M people); the labels from the assignments.
 */
async function roleFacets(ctx: WorkspaceCtx, integrationId?: string) {
  const ofIntegration = (alias: string) => (integrationId ? sql` and ${sql.raw(alias)}.integration_id = ${integrationId}::uuid` : sql``);
  const rows = await ctx.db.execute<{ value: string; role_type: string; label: string | null; count: number }>(sql`
    with held as (
      select x.role_key, count(*)::int as n from (
        select h.integration_id, h.user_id, h.role_key from okta_admin_role_holders h
        join integrations i on i.id = h.integration_id and i.workspace_id = ${ctx.workspaceId}::uuid
        where true${ofIntegration("h")}
        group by 1, 2, 3 having sum(h.n) > 0) x
      group by 1),
    roles as (
      select okta_role_key(ra.role_type, ra.custom_role_id) as value, min(ra.role_type) as role_type, max(ra.label) as label
      from okta_role_assignments ra
      where ra.workspace_id = ${ctx.workspaceId}::uuid and ra.deleted_at is null${ofIntegration("ra")}
      group by 1)
    select r.value, r.role_type, r.label, held.n as count from held join roles r on r.value = held.role_key`);
  return rows
    .map((r) => ({ value: r.value, roleType: r.role_type, label: r.label ?? r.role_type, count: r.count }))
    .sort((a, b) => b.count - a.count || a.label.localeCompare(b.label));
}

export async function getFacets({ ctx, input = {} }: { ctx: WorkspaceCtx; input?: { integrationId?: string } }) {
  const [integrations, people, adminRoles, groupTypes, appStatuses, signOnModes] = await Promise.all([
    workspaceIntegrations(ctx),
    peopleFacets(ctx, input.integrationId),
    roleFacets(ctx, input.integrationId),
    facet(g, g.type, ctx, input.integrationId),
    facet(a, a.status, ctx, input.integrationId),
    facet(a, a.signOnMode, ctx, input.integrationId),
  ]);
  const total = (xs: Facet[]) => xs.reduce((s, x) => s + x.count, 0);
  return {
    integrations,
    totals: { users: total(people.userStatuses), groups: total(groupTypes), apps: total(appStatuses) },
    ...people,
    adminRoles,
    groupTypes,
    appStatuses,
    signOnModes,
  };
}

export type DirectoryFacets = Awaited<ReturnType<typeof getFacets>>;
