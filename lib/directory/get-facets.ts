// The values the directory filters offer, with how many live rows carry each: statuses, departments,
// group types, app statuses and sign-on modes, and the workspace's integrations.
import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { oktaApps as a, oktaGroups as g, oktaUsers as u } from "@/db/schema";
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

/** Statuses and departments of people in one pass over okta_users (grouping sets). */
async function peopleFacets(ctx: WorkspaceCtx, integrationId?: string) {
  const rows = await ctx.db
    .select({
      status: u.status,
      department: u.department,
      byStatus: sql<number>`grouping(${u.department})`,
      count: sql<number>`count(*)::int`,
    })
    .from(u)
    .where(and(eq(u.workspaceId, ctx.workspaceId), integrationId ? eq(u.integrationId, integrationId) : undefined, isNull(u.deletedAt)))
    .groupBy(sql`grouping sets ((${u.status}), (${u.department}))`);
  const sorted = (xs: Facet[]) => xs.sort((a, b) => b.count - a.count || a.value.localeCompare(b.value));
  return {
    userStatuses: sorted(rows.filter((r) => r.byStatus === 1).map((r) => ({ value: r.status!, count: r.count }))),
    departments: sorted(rows.filter((r) => r.byStatus === 0 && r.department).map((r) => ({ value: r.department!, count: r.count }))),
  };
}

export async function getFacets({ ctx, input = {} }: { ctx: WorkspaceCtx; input?: { integrationId?: string } }) {
  const [integrations, { userStatuses, departments }, groupTypes, appStatuses, signOnModes] = await Promise.all([
    workspaceIntegrations(ctx),
    peopleFacets(ctx, input.integrationId),
    facet(g, g.type, ctx, input.integrationId),
    facet(a, a.status, ctx, input.integrationId),
    facet(a, a.signOnMode, ctx, input.integrationId),
  ]);
  const total = (xs: Facet[]) => xs.reduce((s, x) => s + x.count, 0);
  return {
    integrations,
    totals: { users: total(userStatuses), groups: total(groupTypes), apps: total(appStatuses) },
    userStatuses,
    departments,
    groupTypes,
    appStatuses,
    signOnModes,
  };
}

export type DirectoryFacets = Awaited<ReturnType<typeof getFacets>>;
