// One app: its settings, how many people reach it directly or through groups, and the groups assigned.
import { and, eq, isNull, sql } from "drizzle-orm";
import { oktaApps as a, oktaAppGroups as ag, oktaGroups as g } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import { groupMemberCount, maintainedCount } from "./counts";
import { oktaAdminUrls } from "./okta-admin-url";
import { integrationRef } from "./scope";

export async function getApp({ ctx, input }: { ctx: WorkspaceCtx; input: { integrationId: string; appId: string } }) {
  const db = ctx.db;
  const { integrationId, appId } = input;
  const [integration, [app]] = await Promise.all([
    integrationRef(ctx, integrationId),
    db
      .select({
        id: a.id,
        name: a.name,
        label: a.label,
        status: a.status,
        signOnMode: a.signOnMode,
        created: a.created,
        lastUpdated: a.lastUpdated,
      })
      .from(a)
      .where(and(eq(a.workspaceId, ctx.workspaceId), eq(a.integrationId, integrationId), eq(a.id, appId), isNull(a.deletedAt))),
  ]);
  if (!integration || !app) throw notFound("App");

  const [[counts], groups] = await Promise.all([
    // Maintained counts (lib/directory/counts.ts): the largest app's million assignments are not counted per view.
    db
      .execute<{
        users: number;
        viaGroup: number;
      }>(sql`select ${maintainedCount("app_assignees", sql`${integrationId}::uuid`, sql`${appId}`)} as users,
        ${maintainedCount("app_group_assignees", sql`${integrationId}::uuid`, sql`${appId}`)} as "viaGroup"`)
      .then((r) => r.map(({ users, viaGroup }) => ({ users, direct: users - viaGroup, viaGroup }))),
    db
      .select({ id: g.id, name: g.name, type: g.type, priority: ag.priority, memberCount: groupMemberCount })
      .from(ag)
      .innerJoin(g, and(eq(g.integrationId, ag.integrationId), eq(g.id, ag.groupId), isNull(g.deletedAt)))
      .where(and(eq(ag.integrationId, integrationId), eq(ag.appId, appId), isNull(ag.deletedAt)))
      .orderBy(sql`${ag.priority} asc nulls last`, sql`lower(${g.name})`),
  ]);

  return {
    integration: { id: integration.id, name: integration.name, domain: integration.domain },
    app,
    adminUrl: oktaAdminUrls.app(integration.domain, app.name, app.id),
    counts,
    groups,
  };
}

export type AppDetail = Awaited<ReturnType<typeof getApp>>;
