// What every directory query shares: the workspace boundary, live rows only, and the names of the
// workspace's integrations (a handful of rows) so list items can say which org they come from.
import { and, eq, isNull, type SQL, sql } from "drizzle-orm";
import type { PgColumn } from "drizzle-orm/pg-core";
import { integrations } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";

/** Rows of this workspace (and integration, when asked) that the last sync did not mark deleted. */
export function liveRows(
  t: { workspaceId: PgColumn; integrationId: PgColumn; deletedAt: PgColumn },
  ctx: WorkspaceCtx,
  integrationId?: string,
): SQL {
  return and(eq(t.workspaceId, ctx.workspaceId), integrationId ? eq(t.integrationId, integrationId) : undefined, isNull(t.deletedAt))!;
}

export interface IntegrationRef {
  id: string;
  name: string;
  domain: string;
  state: string;
}

export async function workspaceIntegrations(ctx: WorkspaceCtx): Promise<IntegrationRef[]> {
  return ctx.db
    .select({ id: integrations.id, name: integrations.name, domain: integrations.domain, state: integrations.state })
    .from(integrations)
    .where(eq(integrations.workspaceId, ctx.workspaceId))
    .orderBy(sql`lower(${integrations.name})`);
}

/** Adds `integrationName` to each item. */
export async function withIntegrationNames<T extends { integrationId: string }>(ctx: WorkspaceCtx, items: T[]) {
  if (items.length === 0) return [];
  const names = new Map((await workspaceIntegrations(ctx)).map((i) => [i.id, i.name]));
  return items.map((item) => ({ ...item, integrationName: names.get(item.integrationId) ?? "" }));
}

/** The name and domain a detail page shows, or undefined when the integration is not this workspace's (the page answers 404). */
export async function integrationRef(ctx: WorkspaceCtx, integrationId: string) {
  const [row] = await ctx.db
    .select({ id: integrations.id, name: integrations.name, domain: integrations.domain, state: integrations.state })
    .from(integrations)
    .where(and(eq(integrations.id, integrationId), eq(integrations.workspaceId, ctx.workspaceId)));
  return row;
}
