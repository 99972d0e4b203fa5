// One person: profile, lifecycle timestamps, groups, apps (direct or through which groups), admin roles
// (direct or through a group), when they last signed in to each app, and recent sign-ins, with a link
// to them in the Okta Admin Console.
import { and, asc, desc, eq, inArray, isNull, or, sql } from "drizzle-orm";
import {
  oktaApps as a,
  oktaAppGroups as ag,
  oktaAppUsers as au,
  oktaLogEvents as ev,
  oktaGroups as g,
  oktaGroupMembers as m,
  oktaRoleAssignments as ra,
  oktaUsers as u,
  oktaAppUsage as used,
} from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import { oktaAdminUrls } from "./okta-admin-url";
import { integrationRef } from "./scope";

export const SIGN_IN_EVENTS = sql`(${ev.eventType} = 'user.session.start' or ${ev.eventType} like 'user.authentication.%')`;

export async function getUser({ ctx, input }: { ctx: WorkspaceCtx; input: { integrationId: string; userId: string } }) {
  const db = ctx.db;
  const { integrationId, userId } = input;
  const [integration, [user]] = await Promise.all([
    integrationRef(ctx, integrationId),
    db
      .select()
      .from(u)
      .where(and(eq(u.workspaceId, ctx.workspaceId), eq(u.integrationId, integrationId), eq(u.id, userId), isNull(u.deletedAt))),
  ]);
  if (!integration || !user) throw notFound("Person");

  const groups = await db
    .select({ id: g.id, name: g.name, type: g.type, description: g.description })
    .from(m)
    .innerJoin(g, and(eq(g.integrationId, m.integrationId), eq(g.id, m.groupId), isNull(g.deletedAt)))
    .where(and(eq(m.integrationId, integrationId), eq(m.userId, userId), isNull(m.deletedAt)))
    .orderBy(sql`lower(${g.name})`);
  const groupIds = groups.map((x) => x.id);
  const groupName = new Map(groups.map((x) => [x.id, x.name]));

  const [assignments, grants, roles, signIns, manager] = await Promise.all([
    // What Okta reports per app user: scope USER is a direct assignment, GROUP came through a group.
    db
      .select({ appId: au.appId, scope: au.scope, status: au.status, syncState: au.syncState, userName: au.userName })
      .from(au)
      .where(and(eq(au.integrationId, integrationId), eq(au.userId, userId), isNull(au.deletedAt))),
    // Which of the person's groups grant which apps: names the group behind a GROUP-scoped assignment.
    groupIds.length
      ? db
          .select({ appId: ag.appId, groupId: ag.groupId })
          .from(ag)
          .where(and(eq(ag.integrationId, integrationId), inArray(ag.groupId, groupIds), isNull(ag.deletedAt)))
      : Promise.resolve([]),
    db
      .select({
        id: ra.id,
        principalType: ra.principalType,
        principalId: ra.principalId,
        roleType: ra.roleType,
        label: ra.label,
        status: ra.status,
      })
      .from(ra)
      .where(
        and(
          eq(ra.integrationId, integrationId),
          isNull(ra.deletedAt),
          or(
            and(eq(ra.principalType, "USER"), eq(ra.principalId, userId)),
            groupIds.length ? and(eq(ra.principalType, "GROUP"), inArray(ra.principalId, groupIds)) : undefined,
          ),
        ),
      )
      .orderBy(asc(ra.roleType)),
    db
      .select({
        uuid: ev.uuid,
        published: ev.published,
        eventType: ev.eventType,
        outcomeResult: ev.outcomeResult,
        outcomeReason: ev.outcomeReason,
        displayMessage: ev.displayMessage,
        appName: ev.targetAppName,
        clientIp: ev.clientIp,
        city: ev.city,
        state: ev.state,
        country: ev.country,
        userAgent: ev.userAgent,
      })
      .from(ev)
      .where(and(eq(ev.workspaceId, ctx.workspaceId), eq(ev.integrationId, integrationId), eq(ev.actorId, userId), SIGN_IN_EVENTS))
      .orderBy(desc(ev.published))
      .limit(20),
    user.managerId
      ? db
          .select({ id: u.id, firstName: u.firstName, lastName: u.lastName, displayName: u.displayName, login: u.login })
          .from(u)
          .where(and(eq(u.integrationId, integrationId), eq(u.id, user.managerId), isNull(u.deletedAt)))
          .then((r) => r[0] ?? null)
      : Promise.resolve(null),
  ]);

  const appIds = [...new Set([...assignments.map((x) => x.appId), ...grants.map((x) => x.appId)])];
  const [appRows, usage] = appIds.length
    ? await Promise.all([
        db
          .select({ id: a.id, name: a.name, label: a.label, status: a.status, signOnMode: a.signOnMode })
          .from(a)
          .where(and(eq(a.integrationId, integrationId), inArray(a.id, appIds), isNull(a.deletedAt))),
        db
          .select({ appId: used.appId, at: used.lastUsedAt })
          .from(used)
          .where(and(eq(used.integrationId, integrationId), inArray(used.appId, appIds), eq(used.userId, userId))),
      ])
    : [[], []];
  const lastUsed = new Map(usage.map((x) => [x.appId, x.at]));
  const apps = appRows
    .map((app) => {
      const assignment = assignments.find((x) => x.appId === app.id) ?? null;
      const viaGroups = grants
        .filter((x) => x.appId === app.id)
        .map((x) => ({ id: x.groupId, name: groupName.get(x.groupId) ?? x.groupId }));
      // An app user without a scope predates Okta's scope field; treat it as direct, as Okta's UI does.
      const direct = assignment ? assignment.scope !== "GROUP" : false;
      return { ...app, direct, viaGroups, assignment, lastUsedAt: lastUsed.get(app.id) ?? null };
    })
    .sort((x, y) => x.label.localeCompare(y.label));

  const { contentHash: _h, seenRunId: _s, searchText: _t, workspaceId: _w, ...rest } = user;
  // Okta profiles are JSON objects (the sync stores them as received).
  const profile = { ...rest, profile: rest.profile as Record<string, unknown> };
  return {
    integration: { id: integration.id, name: integration.name, domain: integration.domain },
    user: profile,
    manager,
    adminUrl: oktaAdminUrls.user(integration.domain, user.id),
    groups,
    apps,
    roles: roles.map((r) => ({
      ...r,
      via: r.principalType === "GROUP" ? { id: r.principalId, name: groupName.get(r.principalId) ?? r.principalId } : null,
    })),
    signIns,
  };
}

export type UserDetail = Awaited<ReturnType<typeof getUser>>;
