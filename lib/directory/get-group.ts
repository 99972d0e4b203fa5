// One group: what it is, how many live members it has, the apps it grants and the admin roles it carries.
import { and, asc, eq, isNull, sql } from "drizzle-orm";
import { oktaApps as a, oktaAppGroups as ag, oktaGroups as g, oktaRoleAssignments as ra } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import { groupMemberCount } from "./counts";
import { oktaAdminUrls } from "./okta-admin-url";
import { integrationRef } from "./scope";

export async function getGroup({ ctx, input }: { ctx: WorkspaceCtx; input: { integrationId: string; groupId: string } }) {
  const db = ctx.db;
  const { integrationId, groupId } = input;
  const [integration, [group]] = await Promise.all([
    integrationRef(ctx, integrationId),
    db
      .select({
        id: g.id,
        name: g.name,
        type: g.type,
        description: g.description,
        sourceAppId: g.sourceAppId,
        created: g.created,
        lastUpdated: g.lastUpdated,
        lastMembershipUpdated: g.lastMembershipUpdated,
        oktaMemberCount: g.oktaMemberCount,
        profile: g.profile,
        memberCount: groupMemberCount,
      })
      .from(g)
      .where(and(eq(g.workspaceId, ctx.workspaceId), eq(g.integrationId, integrationId), eq(g.id, groupId), isNull(g.deletedAt))),
  ]);
  if (!integration || !group) throw notFound("Group");

  const [apps, roles, sourceApp] = await Promise.all([
    db
      .select({ id: a.id, name: a.name, label: a.label, status: a.status, signOnMode: a.signOnMode, priority: ag.priority })
      .from(ag)
      .innerJoin(a, and(eq(a.integrationId, ag.integrationId), eq(a.id, ag.appId), isNull(a.deletedAt)))
      .where(and(eq(ag.integrationId, integrationId), eq(ag.groupId, groupId), isNull(ag.deletedAt)))
      .orderBy(sql`lower(${a.label})`),
    db
      .select({ id: ra.id, roleType: ra.roleType, label: ra.label, status: ra.status })
      .from(ra)
      .where(and(eq(ra.integrationId, integrationId), eq(ra.principalType, "GROUP"), eq(ra.principalId, groupId), isNull(ra.deletedAt)))
      .orderBy(asc(ra.roleType)),
    group.sourceAppId
      ? db
          .select({ id: a.id, label: a.label })
          .from(a)
          .where(and(eq(a.integrationId, integrationId), eq(a.id, group.sourceAppId), isNull(a.deletedAt)))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
  ]);

  return {
    integration: { id: integration.id, name: integration.name, domain: integration.domain },
    group: { ...group, profile: group.profile as Record<string, unknown> },
    adminUrl: oktaAdminUrls.group(integration.domain, group.id),
    apps,
    roles,
    sourceApp,
  };
}

export type GroupDetail = Awaited<ReturnType<typeof getGroup>>;
