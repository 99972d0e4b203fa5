// Identity hygiene through the API against real Postgres: the people filters (admin roles, dormant,
// never signed in, deactivated with access, user type, manager, location, sign-in range), the
// hygiene counts (each equal to the list it opens), app usage from SSO events (last used per person
// and app, "not used in N days", the unused-access view) and their CSVs, bad input, and workspace
// isolation. The data (test/hygiene-fixtures.ts) is built so that every expected value is known.
import { and, eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as appUsersRoute } from "@/app/api/directory/apps/[integrationId]/[appId]/users/route";
import { GET as appUsersCsv } from "@/app/api/directory/apps/[integrationId]/[appId]/users.csv/route";
import { GET as facetsRoute } from "@/app/api/directory/facets/route";
import { GET as hygieneRoute } from "@/app/api/directory/hygiene/route";
import { GET as unusedRoute } from "@/app/api/directory/unused-access/route";
import { GET as unusedCsv } from "@/app/api/directory/unused-access.csv/route";
import { GET as userRoute } from "@/app/api/directory/users/[integrationId]/[userId]/route";
import { GET as usersRoute } from "@/app/api/directory/users/route";
import { GET as usersCsv } from "@/app/api/directory/users.csv/route";
import { getDb } from "@/db";
import { oktaAppUsage, oktaAppUsers } from "@/db/schema";
import { callRoute, type RouteHandler } from "@/test/call-route";
import { createApiKey, createUser } from "@/test/factories";
import { type Handle, seedHygieneOrg } from "@/test/hygiene-fixtures";
import { daysAgo, isoDay } from "./contracts";
import * as contract from "./responses";

async function call(handler: RouteHandler, path: string, key: string | null, params?: Record<string, string>) {
  const res = await callRoute(handler, path, { key, params });
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, headers: res.headers, body: type.includes("json") ? await res.json() : await res.text() };
}

/** An org of test/hygiene-fixtures.ts and a viewer's API key in its workspace. */
async function org() {
  const o = await seedHygieneOrg();
  const viewer = await createUser(o.workspaceId, "viewer");
  const key = await createApiKey(o.workspaceId, viewer.id);
  const handleOf = new Map(Object.entries(o.ids).map(([h, id]) => [id, h as Handle]));
  /** The handles a people list answered, sorted (every list is one page here). */
  const people = async (qs: string) => {
    const r = await call(usersRoute, `/api/directory/users?limit=500&integrationId=${o.integration.id}${qs ? `&${qs}` : ""}`, key);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    expect(r.body.nextCursor).toBeNull();
    return r.body.items.map((p: { id: string }) => handleOf.get(p.id)).sort();
  };
  const appPeople = async (app: keyof typeof o.apps, qs = "") => {
    const r = await call(appUsersRoute, `/x?limit=500${qs ? `&${qs}` : ""}`, key, {
      integrationId: o.integration.id,
      appId: o.apps[app].id,
    });
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    return r.body.items as { id: string; lastUsedAt: string | null; status: string; direct: boolean }[];
  };
  return { ...o, key, handleOf, people, appPeople };
}
const day = (d: Date) => isoDay(d);

describe("people filters", () => {
  it("finds admin role holders, direct and through a group, by any role, role type or custom role", async () => {
    const o = await org();
    expect(await o.people("adminRole=any")).toEqual(["alice", "dave", "erin", "ken"]);
    expect(await o.people("adminRole=SUPER_ADMIN")).toEqual(["alice"]);
    expect(await o.people("adminRole=HELP_DESK_ADMIN")).toEqual(["dave", "ken"]);
    expect(await o.people("adminRole=ORG_ADMIN")).toEqual(["ken"]);
    expect(await o.people("adminRole=CUSTOM")).toEqual(["erin"]);
    expect(await o.people("adminRole=cr0auditor")).toEqual(["erin"]);
    expect(await o.people("adminRole=READ_ONLY_ADMIN")).toEqual([]);
    // Each person says which roles and how: direct first, then through which group.
    const r = await call(usersRoute, `/api/directory/users?adminRole=any&integrationId=${o.integration.id}`, o.key);
    const ken = r.body.items.find((p: { id: string }) => p.id === o.ids.ken);
    expect(ken.adminRoles).toEqual([
      { roleType: "ORG_ADMIN", label: "Organization Administrator", customRoleId: null, via: null },
      {
        roleType: "HELP_DESK_ADMIN",
        label: "Help Desk Administrator",
        customRoleId: null,
        via: { id: o.groups.helpdesk.id, name: "Helpdesk" },
      },
    ]);
    const erin = r.body.items.find((p: { id: string }) => p.id === o.ids.erin);
    expect(erin.adminRoles).toEqual([{ roleType: "CUSTOM", label: "Access Auditor", customRoleId: "cr0auditor", via: null }]);
    const everyone = await call(usersRoute, `/api/directory/users?limit=500&integrationId=${o.integration.id}`, o.key);
    expect(everyone.body.items.find((p: { id: string }) => p.id === o.ids.bob).adminRoles).toEqual([]);
  });

  it("finds dormant and never-used accounts by last sign-in, before a day (or never), after a day, or in a range", async () => {
    const o = await org();
    const [c30, c60, c90] = [30, 60, 90].map((d) => day(daysAgo(d)));
    expect(await o.people(`status=ACTIVE&signedInBefore=${c30}`)).toEqual(["bob", "carol", "dave", "erin"]);
    expect(await o.people(`status=ACTIVE&signedInBefore=${c60}`)).toEqual(["carol", "dave", "erin"]);
    expect(await o.people(`status=ACTIVE&signedInBefore=${c90}`)).toEqual(["dave", "erin"]);
    // Any status: "before" includes never.
    expect(await o.people(`signedInBefore=${c30}`)).toEqual(["bob", "carol", "dave", "erin", "frank", "grace", "heidi", "judy", "mike"]);
    expect(await o.people("neverSignedIn=true")).toEqual(["erin", "grace", "mike"]);
    expect(await o.people("neverSignedIn=false")).toEqual(["alice", "bob", "carol", "dave", "frank", "heidi", "ivan", "judy", "ken"]);
    expect(await o.people(`signedInAfter=${day(daysAgo(7))}`)).toEqual(["alice", "ivan", "ken"]);
    expect(await o.people(`signedInAfter=${c60}&signedInBefore=${c30}`)).toEqual(["bob", "judy"]);
    // An instant works as well as a day.
    expect(await o.people(`signedInAfter=${encodeURIComponent(o.ago(3).toISOString())}`)).toEqual(["alice", "ken"]);
    expect(await o.people(`adminRole=any&signedInBefore=${c30}`)).toEqual(["dave", "erin"]);
  });

  it("finds deactivated people still in Okta groups or still assigned apps (not app or built-in groups)", async () => {
    const o = await org();
    expect(await o.people("status=DEPROVISIONED&inOktaGroups=true")).toEqual(["frank"]);
    expect(await o.people("status=DEPROVISIONED&inOktaGroups=false")).toEqual(["grace", "heidi"]);
    expect(await o.people("status=DEPROVISIONED&hasApps=true")).toEqual(["frank", "heidi"]);
    expect(await o.people("status=LOCKED_OUT")).toEqual(["ivan"]);
    expect(await o.people("status=PASSWORD_EXPIRED")).toEqual(["judy"]);
    // An assignment the sync removed is no access.
    await getDb()
      .update(oktaAppUsers)
      .set({ deletedAt: new Date() })
      .where(and(eq(oktaAppUsers.integrationId, o.integration.id), eq(oktaAppUsers.userId, o.ids.heidi)));
    expect(await o.people("status=DEPROVISIONED&hasApps=true")).toEqual(["frank"]);
  });

  it("filters by user type, manager and location, and combines every filter", async () => {
    const o = await org();
    expect(await o.people("userType=Contractor")).toEqual(["bob"]);
    expect(await o.people("userType=Intern")).toEqual(["erin"]);
    expect(await o.people(`managerId=${o.ids.alice}`)).toEqual(["bob", "carol"]);
    expect(await o.people("location=London")).toEqual(["carol", "dave", "grace", "judy"]);
    expect(await o.people(`location=London&status=ACTIVE&signedInBefore=${day(daysAgo(60))}`)).toEqual(["carol", "dave"]);
    expect(await o.people("location=Nowhere")).toEqual([]);
    // The filters are offered with their counts, and the admin roles with their holders.
    const f = (await call(facetsRoute, `/api/directory/facets?integrationId=${o.integration.id}`, o.key)).body;
    expect(f.userTypes).toEqual([
      { value: "Employee", count: 10 },
      { value: "Contractor", count: 1 },
      { value: "Intern", count: 1 },
    ]);
    expect(f.locations).toEqual([
      { value: "Berlin", count: 5 },
      { value: "London", count: 4 },
      { value: "Remote", count: 3 },
    ]);
    expect(f.managers).toEqual([{ value: o.ids.alice, label: "Alice Test", count: 2 }]);
    expect(f.adminRoles).toEqual([
      { value: "HELP_DESK_ADMIN", roleType: "HELP_DESK_ADMIN", label: "Help Desk Administrator", count: 2 },
      { value: "cr0auditor", roleType: "CUSTOM", label: "Access Auditor", count: 1 },
      { value: "ORG_ADMIN", roleType: "ORG_ADMIN", label: "Organization Administrator", count: 1 },
      { value: "SUPER_ADMIN", roleType: "SUPER_ADMIN", label: "Super Administrator", count: 1 },
    ]);
  });

  it.each([
    ["adminRole=super admin", "adminRole"],
    ["adminRole=SUPER-ADMIN", "adminRole"],
    ["signedInBefore=2026-13-01", "signedInBefore"],
    ["signedInBefore=yesterday", "signedInBefore"],
    ["signedInAfter=0000-01-01", "signedInAfter"],
    ["neverSignedIn=yes", "neverSignedIn"],
    ["inOktaGroups=1", "inOktaGroups"],
    ["hasApps=maybe", "hasApps"],
    ["managerId=a%20b", "managerId"],
    ["location=a%0Ab", "location"],
    [`userType=${"x".repeat(201)}`, "userType"],
  ])("answers 400 naming the field for %s (list and CSV)", async (qs, field) => {
    const o = await org();
    for (const [handler, path] of [
      [usersRoute, "/api/directory/users"],
      [usersCsv, "/api/directory/users.csv"],
    ] as const) {
      const r = await call(handler, `${path}?${qs}`, o.key);
      expect(r.status).toBe(400);
      expect(r.body.error.code).toBe("VALIDATION");
      expect(r.body.error.message).toContain(field);
    }
  });
});

describe("GET /api/directory/hygiene", () => {
  it("counts each hygiene check exactly as the people list it opens", async () => {
    const o = await org();
    const r = await call(hygieneRoute, `/api/directory/hygiene?integrationId=${o.integration.id}`, o.key);
    expect(r.status).toBe(200);
    const h = r.body;
    expect(h).toMatchObject({
      integrationId: o.integration.id,
      days: { d30: day(daysAgo(30)), d60: day(daysAgo(60)), d90: day(daysAgo(90)), admin: day(daysAgo(30)) },
      admins: { holders: 4, noRecentSignIn: 2 },
      dormant: { d30: 4, d60: 3, d90: 2, never: 1 },
      deactivated: { inOktaGroups: 1, withApps: 2 },
      lockedOut: 1,
      passwordExpired: 1,
    });
    // The lists the overview links to, with the days it names.
    expect(await o.people("adminRole=any")).toHaveLength(h.admins.holders);
    expect(await o.people(`adminRole=any&signedInBefore=${h.days.admin}`)).toHaveLength(h.admins.noRecentSignIn);
    expect(await o.people(`status=ACTIVE&signedInBefore=${h.days.d30}`)).toHaveLength(h.dormant.d30);
    expect(await o.people(`status=ACTIVE&signedInBefore=${h.days.d60}`)).toHaveLength(h.dormant.d60);
    expect(await o.people(`status=ACTIVE&signedInBefore=${h.days.d90}`)).toHaveLength(h.dormant.d90);
    expect(await o.people("status=ACTIVE&neverSignedIn=true")).toHaveLength(h.dormant.never);
    expect(await o.people("status=DEPROVISIONED&inOktaGroups=true")).toHaveLength(h.deactivated.inOktaGroups);
    expect(await o.people("status=DEPROVISIONED&hasApps=true")).toHaveLength(h.deactivated.withApps);
  });

  it("adds up the workspace's integrations, and never another workspace's", async () => {
    const o = await org();
    // A second org in the same workspace: the same people again.
    const twin = await seedHygieneOrg({ workspaceId: o.workspaceId });
    // Another workspace's org must not count.
    await seedHygieneOrg();
    const all = (await call(hygieneRoute, "/api/directory/hygiene", o.key)).body;
    expect(all).toMatchObject({
      integrationId: null,
      admins: { holders: 8, noRecentSignIn: 4 },
      dormant: { d30: 8, d60: 6, d90: 4, never: 2 },
      deactivated: { inOktaGroups: 2, withApps: 4 },
      lockedOut: 2,
      passwordExpired: 2,
    });
    const one = (await call(hygieneRoute, `/api/directory/hygiene?integrationId=${twin.integration.id}`, o.key)).body;
    expect(one.admins.holders).toBe(4);
    expect((await call(hygieneRoute, "/api/directory/hygiene?integrationId=nope", o.key)).status).toBe(400);
    expect((await call(hygieneRoute, "/api/directory/hygiene", null)).status).toBe(401);
  });
});

describe("app usage", () => {
  it("keeps the last successful SSO sign-in per person and app, moving only forward", async () => {
    const o = await org();
    const rows = await getDb().select().from(oktaAppUsage).where(eq(oktaAppUsage.integrationId, o.integration.id));
    const got = Object.fromEntries(rows.map((r) => [`${o.handleOf.get(r.userId)}/${r.appId}`, r.lastUsedAt.toISOString()]));
    expect(got).toEqual({
      [`alice/${o.apps.slack.id}`]: o.ago(3).toISOString(),
      [`bob/${o.apps.slack.id}`]: o.ago(45).toISOString(),
      [`ken/${o.apps.slack.id}`]: o.ago(10).toISOString(),
      [`frank/${o.apps.slack.id}`]: o.ago(100).toISOString(),
      [`ivan/${o.apps.slack.id}`]: o.ago(1).toISOString(),
      [`alice/${o.apps.zoom.id}`]: o.ago(2).toISOString(),
      [`alice/${o.apps.jira.id}`]: o.ago(1).toISOString(),
    });
    expect(rows.every((r) => r.workspaceId === o.workspaceId)).toBe(true);
  });

  it("lists an app's people with when each last used it, by status and not used in N days", async () => {
    const o = await org();
    const all = await o.appPeople("slack");
    expect(all.map((p) => [o.handleOf.get(p.id), p.lastUsedAt])).toEqual([
      ["alice", o.ago(3).toISOString()],
      ["bob", o.ago(45).toISOString()],
      ["carol", null],
      ["frank", o.ago(100).toISOString()],
      ["ken", o.ago(10).toISOString()],
    ]);
    const handles = (xs: { id: string }[]) => xs.map((p) => o.handleOf.get(p.id));
    expect(handles(await o.appPeople("slack", "unusedDays=30"))).toEqual(["bob", "carol", "frank"]);
    expect(handles(await o.appPeople("slack", "unusedDays=60"))).toEqual(["carol", "frank"]);
    expect(handles(await o.appPeople("slack", "unusedDays=365"))).toEqual(["carol"]);
    expect(handles(await o.appPeople("slack", "status=DEPROVISIONED"))).toEqual(["frank"]);
    expect(handles(await o.appPeople("slack", "status=ACTIVE&unusedDays=30"))).toEqual(["bob", "carol"]);
    expect(handles(await o.appPeople("jira", "unusedDays=30&scope=GROUP"))).toEqual(["bob", "frank"]);
    expect(handles(await o.appPeople("jira", "unusedDays=30&scope=USER"))).toEqual([]);
    expect(handles(await o.appPeople("zoom", "unusedDays=30&q=hei"))).toEqual(["heidi"]);
    // Paged by name, the filters hold on every page.
    const first = await call(appUsersRoute, "/x?unusedDays=30&limit=2", o.key, { integrationId: o.integration.id, appId: o.apps.slack.id });
    const second = await call(appUsersRoute, `/x?unusedDays=30&limit=2&cursor=${first.body.nextCursor}`, o.key, {
      integrationId: o.integration.id,
      appId: o.apps.slack.id,
    });
    expect([...first.body.items, ...second.body.items].map((p: { id: string }) => o.handleOf.get(p.id))).toEqual(["bob", "carol", "frank"]);
    expect(second.body.nextCursor).toBeNull();
    // The person page says when they last used each app.
    const alice = (await call(userRoute, "/x", o.key, { integrationId: o.integration.id, userId: o.ids.alice })).body;
    expect(Object.fromEntries(alice.apps.map((a: { label: string; lastUsedAt: string | null }) => [a.label, a.lastUsedAt]))).toEqual({
      Jira: o.ago(1).toISOString(),
      Slack: o.ago(3).toISOString(),
      Zoom: o.ago(2).toISOString(),
    });
  });

  it.each([
    ["unusedDays=0", "unusedDays"],
    ["unusedDays=abc", "unusedDays"],
    ["unusedDays=1.5", "unusedDays"],
    ["unusedDays=3651", "unusedDays"],
    ["status=GONE", "status"],
    ["scope=EVERYONE", "scope"],
  ])("app people and their CSV answer 400 naming the field for %s", async (qs, field) => {
    const o = await org();
    for (const handler of [appUsersRoute, appUsersCsv]) {
      const r = await call(handler, `/x?${qs}`, o.key, { integrationId: o.integration.id, appId: o.apps.slack.id });
      expect(r.status).toBe(400);
      expect(r.body.error.message).toContain(field);
    }
  });

  it("exports an app's filtered people as CSV, with last use and how they have access", async () => {
    const o = await org();
    const r = await call(appUsersCsv, "/x?unusedDays=30", o.key, { integrationId: o.integration.id, appId: o.apps.slack.id });
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/csv");
    expect(r.headers.get("content-disposition")).toMatch(/^attachment; filename="app-0oaSlack000000000000-people-\d{4}-\d\d-\d\d\.csv"$/);
    const jira = await call(appUsersCsv, "/x", o.key, { integrationId: o.integration.id, appId: o.apps.jira.id });
    expect(r.body.split("\r\n")).toEqual([
      "id,login,email,first_name,last_name,status,access,via_groups,assignment_status,app_username,last_used,last_sign_in",
      `${o.ids.bob},bob@hygiene.example,bob@hygiene.example,Bob,Test,ACTIVE,direct,,PROVISIONED,bob@hygiene.example,${o.ago(45).toISOString()},${new Date(o.cut(30).getTime() - 12 * 3_600_000).toISOString()}`,
      `${o.ids.carol},carol@hygiene.example,carol@hygiene.example,Carol,Test,ACTIVE,direct,,PROVISIONED,carol@hygiene.example,,${new Date(o.cut(60).getTime() - 12 * 3_600_000).toISOString()}`,
      `${o.ids.frank},frank@hygiene.example,frank@hygiene.example,Frank,Test,DEPROVISIONED,direct,,PROVISIONED,frank@hygiene.example,${o.ago(100).toISOString()},${o.ago(100).toISOString()}`,
      "",
    ]);
    expect(jira.body.split("\r\n").slice(1, -1)).toEqual([
      `${o.ids.alice},alice@hygiene.example,alice@hygiene.example,Alice,Test,ACTIVE,group,Engineering,PROVISIONED,alice@hygiene.example,${o.ago(1).toISOString()},${o.ago(2).toISOString()}`,
      `${o.ids.bob},bob@hygiene.example,bob@hygiene.example,Bob,Test,ACTIVE,group,Engineering,PROVISIONED,bob@hygiene.example,,${new Date(o.cut(30).getTime() - 12 * 3_600_000).toISOString()}`,
      `${o.ids.frank},frank@hygiene.example,frank@hygiene.example,Frank,Test,DEPROVISIONED,group,Engineering,PROVISIONED,frank@hygiene.example,,${o.ago(100).toISOString()}`,
    ]);
  });
});

describe("GET /api/directory/unused-access", () => {
  it("counts per app the people assigned but not using it for N days, and never", async () => {
    const o = await org();
    const r = await call(unusedRoute, "/api/directory/unused-access?days=30", o.key);
    expect(r.status).toBe(200);
    expect(r.body.days).toBe(30);
    expect(r.body.since).toBe(daysAgo(30).toISOString());
    expect(r.body.usageKnownSince).toBe(o.ago(100).toISOString());
    const rows = r.body.apps.map((a: { label: string; assigned: number; unused: number; neverUsed: number; lastUsedAt: string }) => [
      a.label,
      a.assigned,
      a.unused,
      a.neverUsed,
      a.lastUsedAt,
    ]);
    // Most unused first. Slack's last sign-in is ivan's, who is not assigned: he is no user of it.
    expect(rows).toEqual([
      ["Slack", 5, 3, 1, o.ago(1).toISOString()],
      ["Jira", 3, 2, 2, o.ago(1).toISOString()],
      ["Zoom", 2, 1, 1, o.ago(2).toISOString()],
    ]);
    // Each number is the app's list with the same filter.
    for (const a of r.body.apps as { id: string; unused: number }[]) {
      const app = (Object.keys(o.apps) as (keyof typeof o.apps)[]).find((k) => o.apps[k].id === a.id)!;
      expect(await o.appPeople(app, "unusedDays=30")).toHaveLength(a.unused);
    }
    const d90 = (await call(unusedRoute, "/api/directory/unused-access?days=90", o.key)).body;
    expect(d90.apps.map((a: { label: string; unused: number }) => [a.label, a.unused])).toEqual([
      ["Jira", 2],
      ["Slack", 2],
      ["Zoom", 1],
    ]);
    // Default 30 days.
    expect((await call(unusedRoute, "/api/directory/unused-access", o.key)).body.days).toBe(30);
    for (const qs of ["days=0", "days=x", "integrationId=nope", "colour=red"]) {
      const bad = await call(unusedRoute, `/api/directory/unused-access?${qs}`, o.key);
      expect(bad.status, qs).toBe(400);
      expect(bad.body.error.message).toContain(qs.split("=")[0]);
    }
  });

  it("exports every unused assignment across apps as CSV", async () => {
    const o = await org();
    const r = await call(unusedCsv, "/api/directory/unused-access.csv?days=30", o.key);
    expect(r.status).toBe(200);
    const lines = r.body.trim().split("\r\n");
    expect(lines[0]).toBe(
      "integration,app_id,app,id,login,email,first_name,last_name,status,access,via_groups,assignment_status,app_username,last_used,last_sign_in",
    );
    expect(lines.slice(1).map((l: string) => l.split(",").slice(2, 5).join(" "))).toEqual([
      `Slack ${o.ids.bob} bob@hygiene.example`,
      `Slack ${o.ids.carol} carol@hygiene.example`,
      `Slack ${o.ids.frank} frank@hygiene.example`,
      `Jira ${o.ids.bob} bob@hygiene.example`,
      `Jira ${o.ids.frank} frank@hygiene.example`,
      `Zoom ${o.ids.heidi} heidi@hygiene.example`,
    ]);
    expect(lines.slice(1).every((l: string) => l.startsWith(`${o.integration.name},`))).toBe(true);
  });
});

describe("people CSV", () => {
  it("keeps the default columns, and adds groups, apps, admin roles and manager when asked", async () => {
    const o = await org();
    const plain = await call(usersCsv, `/api/directory/users.csv?adminRole=any&integrationId=${o.integration.id}`, o.key);
    expect(plain.body.split("\r\n")[0]).toBe(
      "integration,id,login,email,first_name,last_name,display_name,status,department,title,last_login,created,status_changed",
    );
    expect(plain.body.trim().split("\r\n")).toHaveLength(5);
    const r = await call(
      usersCsv,
      `/api/directory/users.csv?adminRole=any&integrationId=${o.integration.id}&columns=manager,roles,apps,groups`,
      o.key,
    );
    expect(r.status).toBe(200);
    const [head, ...rows] = r.body.trim().split("\r\n");
    expect(head).toBe(
      "integration,id,login,email,first_name,last_name,display_name,status,department,title,last_login,created,status_changed,groups,apps,admin_roles,manager,manager_id",
    );
    const tail = (id: string) => {
      const line = rows.find((l: string) => l.includes(`,${id},`))!;
      return line.split(",").slice(13).join(",");
    };
    expect(tail(o.ids.ken)).toBe("Everyone; Helpdesk,Slack,Organization Administrator; Help Desk Administrator (via Helpdesk),,");
    expect(tail(o.ids.alice)).toBe("Engineering; Everyone,Jira; Slack; Zoom,Super Administrator,,");
    expect(tail(o.ids.erin)).toBe("Everyone,,Access Auditor,,");
    const bob = await call(
      usersCsv,
      `/api/directory/users.csv?userType=Contractor&integrationId=${o.integration.id}&columns=manager`,
      o.key,
    );
    expect(bob.body.trim().split("\r\n")[1].split(",").slice(13)).toEqual(["Alice Test", o.ids.alice]);
    for (const qs of ["columns=groups,salary", "columns=", "columns=,"]) {
      const bad = await call(usersCsv, `/api/directory/users.csv?${qs}`, o.key);
      if (qs === "columns=") expect(bad.status).toBe(200);
      else {
        expect(bad.status, qs).toBe(400);
        expect(bad.body.error.message).toContain("columns");
      }
    }
  });
});

describe("workspace isolation", () => {
  it("never shows another workspace's people, roles, usage or apps", async () => {
    const a = await org();
    const b = await org(); // the same Okta ids, in another workspace
    expect(await a.people("adminRole=any")).toEqual(["alice", "dave", "erin", "ken"]);
    const all = await call(usersRoute, "/api/directory/users?adminRole=any&limit=500", a.key);
    expect(all.body.items.every((p: { integrationId: string }) => p.integrationId === a.integration.id)).toBe(true);
    expect((await call(usersRoute, `/api/directory/users?integrationId=${b.integration.id}&adminRole=any`, a.key)).body.items).toEqual([]);
    const unused = (await call(unusedRoute, "/api/directory/unused-access", a.key)).body;
    expect(unused.apps.map((x: { integrationId: string }) => x.integrationId)).toEqual([
      a.integration.id,
      a.integration.id,
      a.integration.id,
    ]);
    expect((await call(appUsersRoute, "/x", a.key, { integrationId: b.integration.id, appId: b.apps.slack.id })).status).toBe(404);
    expect((await call(appUsersCsv, "/x", a.key, { integrationId: b.integration.id, appId: b.apps.slack.id })).status).toBe(404);
    const csv = (await call(unusedCsv, "/api/directory/unused-access.csv", a.key)).body;
    expect(csv).not.toContain(b.integration.name);
    expect((await call(hygieneRoute, `/api/directory/hygiene?integrationId=${b.integration.id}`, a.key)).body.admins.holders).toBe(0);
    for (const [h, path] of [
      [unusedRoute, "/api/directory/unused-access"],
      [unusedCsv, "/api/directory/unused-access.csv"],
    ] as const)
      expect((await call(h, path, null)).status).toBe(401);
  });
});

describe("response contracts", () => {
  it("the new routes answer what lib/directory/responses.ts expects", async () => {
    const o = await org();
    contract.userPage.parse((await call(usersRoute, "/api/directory/users?adminRole=any", o.key)).body);
    contract.appUserPage.parse(
      (await call(appUsersRoute, "/x?unusedDays=30", o.key, { integrationId: o.integration.id, appId: o.apps.slack.id })).body,
    );
    contract.unusedAccess.parse((await call(unusedRoute, "/api/directory/unused-access", o.key)).body);
    contract.facets.parse((await call(facetsRoute, "/api/directory/facets", o.key)).body);
  });
});
