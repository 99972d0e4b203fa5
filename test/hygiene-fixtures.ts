// A small synced org, written straight into the directory tables, in which every identity-hygiene
// number is known by construction (see the table below): admin roles held directly, through a group
// and custom; dormant, never-used, deactivated-with-access, locked-out and expired accounts; and app
// sign-ins (SSO events, which the database folds into okta_app_usage as they are inserted).
// Sign-in times are relative to today's cut-off days (midnight UTC, N days ago): "dormant" people sit
// 12 hours before a cut-off, "recent" ones at least 36 hours after it, so a test that runs across
// midnight still sees the same numbers.
//
//   handle  status         last sign-in      type        location  manager  groups                    roles
//   alice   ACTIVE         2 days ago        Employee    Berlin    -        Everyone, Engineering     SUPER_ADMIN
//   bob     ACTIVE         cut30 - 12h       Contractor  Berlin    alice    Everyone, Engineering     -
//   carol   ACTIVE         cut60 - 12h       Employee    London    alice    Everyone, AD Users        -
//   dave    ACTIVE         cut90 - 12h       Employee    London    -        Everyone, Helpdesk        HELP_DESK_ADMIN via Helpdesk
//   erin    ACTIVE         never             Intern      Remote    -        Everyone                  custom "Access Auditor"
//   frank   DEPROVISIONED  100 days ago      Employee    Berlin    -        Everyone, Engineering     -
//   grace   DEPROVISIONED  never             Employee    London    -        Everyone, AD Users        -
//   heidi   DEPROVISIONED  200 days ago      Employee    Remote    -        Everyone                  -
//   ivan    LOCKED_OUT     5 days ago        Employee    Berlin    -        Everyone                  -
//   judy    PASSWORD_EXP.  40 days ago       Employee    London    -        Everyone                  -
//   ken     ACTIVE         1 day ago         Employee    Berlin    -        Everyone, Helpdesk        ORG_ADMIN, HELP_DESK_ADMIN via Helpdesk
//   lara    ACTIVE         10 days ago       Employee    Berlin    -        (deleted by the sync)     SUPER_ADMIN (ignored: deleted)
//   mike    STAGED         never             Employee    Remote    -        Everyone                  -
//
//   apps: Slack  (direct: alice, bob, carol, frank, ken)   SSO: alice 3d and 20d, bob 45d (and a failure 1d),
//                                                          ken 10d (then an older one, 15d), frank 100d, ivan 1d (not assigned)
//         Zoom   (direct: alice, heidi)                    SSO: alice 2d
//         Jira   (group Engineering: alice, bob, frank)    SSO: alice 1d
import { randomUUID } from "node:crypto";
import { getDb } from "@/db";
import {
  integrations,
  oktaAppGroups,
  oktaApps,
  oktaAppUsers,
  oktaGroupMembers,
  oktaGroups,
  oktaLogEvents,
  oktaRoleAssignments,
  oktaUsers,
} from "@/db/schema";
import { daysAgo } from "@/lib/directory/contracts";
import { createWorkspace } from "./factories";

const HOUR = 3_600_000;
const DAY = 24 * HOUR;

export const HANDLES = ["alice", "bob", "carol", "dave", "erin", "frank", "grace", "heidi", "ivan", "judy", "ken", "lara", "mike"] as const;
export type Handle = (typeof HANDLES)[number];

export async function seedHygieneOrg(opts: { workspaceId?: string; name?: string; now?: Date } = {}) {
  const db = getDb();
  const now = opts.now ?? new Date();
  const ago = (days: number) => new Date(now.getTime() - days * DAY);
  const cut = (days: number) => daysAgo(days, now);
  const workspaceId = opts.workspaceId ?? (await createWorkspace()).id;
  const suffix = randomUUID().slice(0, 6);
  const [integration] = await db
    .insert(integrations)
    .values({
      workspaceId,
      name: opts.name ?? `Hygiene Okta ${suffix}`,
      domain: `https://hygiene-${suffix}.okta.com`,
      authMethod: "private_key_jwt",
      clientId: "0oa-fixture",
    })
    .returning();
  const base = { workspaceId, integrationId: integration.id, contentHash: "fixture" };
  // Okta ids: unique per org, the same in every org this seeds (as two orgs may share ids).
  const id = (h: Handle) => `00u${h}${"0".repeat(17 - h.length)}`;
  const ids = Object.fromEntries(HANDLES.map((h) => [h, id(h)])) as Record<Handle, string>;

  const person = (
    h: Handle,
    status: string,
    lastLogin: Date | null,
    extra: { userType?: string; location?: string; managerId?: Handle; deleted?: boolean } = {},
  ) => {
    const first = h[0].toUpperCase() + h.slice(1);
    const manager = extra.managerId ? `${extra.managerId[0].toUpperCase()}${extra.managerId.slice(1)} Test` : null;
    return {
      ...base,
      id: ids[h],
      status,
      login: `${h}@hygiene.example`,
      email: `${h}@hygiene.example`,
      firstName: first,
      lastName: "Test",
      department: "Engineering",
      userType: extra.userType ?? "Employee",
      location: extra.location ?? "Berlin",
      manager,
      managerId: extra.managerId ? ids[extra.managerId] : null,
      created: ago(400),
      lastLogin,
      deletedAt: extra.deleted ? ago(1) : null,
      profile: { login: `${h}@hygiene.example`, firstName: first, lastName: "Test" },
    };
  };
  const users = [
    person("alice", "ACTIVE", ago(2)),
    person("bob", "ACTIVE", new Date(cut(30).getTime() - 12 * HOUR), { userType: "Contractor", managerId: "alice" }),
    person("carol", "ACTIVE", new Date(cut(60).getTime() - 12 * HOUR), { location: "London", managerId: "alice" }),
    person("dave", "ACTIVE", new Date(cut(90).getTime() - 12 * HOUR), { location: "London" }),
    person("erin", "ACTIVE", null, { userType: "Intern", location: "Remote" }),
    person("frank", "DEPROVISIONED", ago(100)),
    person("grace", "DEPROVISIONED", null, { location: "London" }),
    person("heidi", "DEPROVISIONED", ago(200), { location: "Remote" }),
    person("ivan", "LOCKED_OUT", ago(5)),
    person("judy", "PASSWORD_EXPIRED", ago(40), { location: "London" }),
    person("ken", "ACTIVE", ago(1)),
    person("lara", "ACTIVE", ago(10), { deleted: true }),
    person("mike", "STAGED", null, { location: "Remote" }),
  ];
  await db.insert(oktaUsers).values(users);

  const group = (gid: string, type: string, name: string) => ({ ...base, id: gid, type, name, profile: { name } });
  const groups = {
    everyone: group("00gEveryone000000000", "BUILT_IN", "Everyone"),
    engineering: group("00gEngineering000000", "OKTA_GROUP", "Engineering"),
    helpdesk: group("00gHelpdesk000000000", "OKTA_GROUP", "Helpdesk"),
    ad: group("00gADUsers0000000000", "APP_GROUP", "AD Users"),
  };
  await db.insert(oktaGroups).values(Object.values(groups));
  const members: [keyof typeof groups, Handle[]][] = [
    ["everyone", HANDLES.filter((h) => h !== "lara")],
    ["engineering", ["alice", "bob", "frank"]],
    ["helpdesk", ["dave", "ken"]],
    ["ad", ["carol", "grace"]],
  ];
  await db
    .insert(oktaGroupMembers)
    .values(
      members.flatMap(([g, hs]) => hs.map((h) => ({ workspaceId, integrationId: integration.id, groupId: groups[g].id, userId: ids[h] }))),
    );

  const app = (aid: string, label: string) => ({
    ...base,
    id: aid,
    name: label.toLowerCase(),
    label,
    status: "ACTIVE",
    signOnMode: "SAML_2_0",
  });
  const apps = {
    slack: app("0oaSlack000000000000", "Slack"),
    zoom: app("0oaZoom0000000000000", "Zoom"),
    jira: app("0oaJira0000000000000", "Jira"),
  };
  await db.insert(oktaApps).values(Object.values(apps));
  await db.insert(oktaAppGroups).values({ ...base, appId: apps.jira.id, groupId: groups.engineering.id, priority: 0 });
  const assigned: [keyof typeof apps, Handle, "USER" | "GROUP"][] = [
    ...(["alice", "bob", "carol", "frank", "ken"] as const).map((h) => ["slack", h, "USER"] as [keyof typeof apps, Handle, "USER"]),
    ["zoom", "alice", "USER"],
    ["zoom", "heidi", "USER"],
    ...(["alice", "bob", "frank"] as const).map((h) => ["jira", h, "GROUP"] as [keyof typeof apps, Handle, "GROUP"]),
  ];
  await db.insert(oktaAppUsers).values(
    assigned.map(([a, h, scope]) => ({
      ...base,
      appId: apps[a].id,
      userId: ids[h],
      scope,
      status: "PROVISIONED",
      syncState: "SYNCHRONIZED",
      userName: `${h}@hygiene.example`,
    })),
  );

  const role = (
    rid: string,
    principalType: "USER" | "GROUP",
    principalId: string,
    roleType: string,
    label: string,
    customRoleId?: string,
  ) => ({
    ...base,
    id: rid,
    principalType,
    principalId,
    roleType,
    label,
    status: "ACTIVE",
    assignmentType: principalType,
    customRoleId: customRoleId ?? null,
  });
  await db
    .insert(oktaRoleAssignments)
    .values([
      role("ra1alice", "USER", ids.alice, "SUPER_ADMIN", "Super Administrator"),
      role("ra1helpdesk", "GROUP", groups.helpdesk.id, "HELP_DESK_ADMIN", "Help Desk Administrator"),
      role("irberin", "USER", ids.erin, "CUSTOM", "Access Auditor", "cr0auditor"),
      role("ra1ken", "USER", ids.ken, "ORG_ADMIN", "Organization Administrator"),
      role("ra1lara", "USER", ids.lara, "SUPER_ADMIN", "Super Administrator"),
    ]);

  // App sign-ins, in two statements so the second (an older event, delivered late) must not move ken's last use back.
  const sso = (h: Handle, a: keyof typeof apps, published: Date, outcome = "SUCCESS") => ({
    workspaceId,
    integrationId: integration.id,
    uuid: randomUUID(),
    published,
    eventType: "user.authentication.sso",
    outcomeResult: outcome,
    displayMessage: "User single sign on to app",
    actorId: ids[h],
    actorType: "User",
    actorAlternateId: `${h}@hygiene.example`,
    targetAppId: apps[a].id,
    targetAppName: apps[a].label,
  });
  await db.insert(oktaLogEvents).values([
    sso("alice", "slack", ago(3)),
    sso("alice", "slack", ago(20)),
    sso("bob", "slack", ago(45)),
    sso("bob", "slack", ago(1), "FAILURE"),
    sso("ken", "slack", ago(10)),
    sso("frank", "slack", ago(100)),
    sso("ivan", "slack", ago(1)),
    sso("alice", "zoom", ago(2)),
    sso("alice", "jira", ago(1)),
    // Not an app sign-in: never counts as use.
    { ...sso("carol", "slack", ago(1)), eventType: "user.session.start" },
  ]);
  await db.insert(oktaLogEvents).values([sso("ken", "slack", ago(15))]);

  return { workspaceId, integration, ids, groups, apps, now, ago, cut };
}

export type HygieneOrg = Awaited<ReturnType<typeof seedHygieneOrg>>;
