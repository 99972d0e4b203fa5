// /api/directory through the route handlers against real Postgres, with synced data written by
// test/directory-fixtures.ts. Each test seeds its own workspace.
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as appRoute } from "@/app/api/directory/apps/[integrationId]/[appId]/route";
import { GET as appUsersRoute } from "@/app/api/directory/apps/[integrationId]/[appId]/users/route";
import { GET as appsRoute } from "@/app/api/directory/apps/route";
import { GET as appsCsv } from "@/app/api/directory/apps.csv/route";
import { GET as facetsRoute } from "@/app/api/directory/facets/route";
import { GET as membersRoute } from "@/app/api/directory/groups/[integrationId]/[groupId]/members/route";
import { GET as groupRoute } from "@/app/api/directory/groups/[integrationId]/[groupId]/route";
import { GET as groupsRoute } from "@/app/api/directory/groups/route";
import { GET as groupsCsv } from "@/app/api/directory/groups.csv/route";
import { GET as userRoute } from "@/app/api/directory/users/[integrationId]/[userId]/route";
import { GET as usersRoute } from "@/app/api/directory/users/route";
import { GET as usersCsv } from "@/app/api/directory/users.csv/route";
import { getDb } from "@/db";
import { oktaAppUsers, oktaGroupMembers, oktaLogEvents, oktaUsers } from "@/db/schema";
import { callRoute, type RouteHandler } from "@/test/call-route";
import { seedDirectory } from "@/test/directory-fixtures";
import { createApiKey, createUser } from "@/test/factories";
import { EXPORT_PAGE } from "./export-csv";
import * as contract from "./responses";

/** GETs a route and reads its body: JSON when it says so (the lists), text otherwise (the CSVs). */
async function call(handler: RouteHandler, path: string, key: string | null, params?: Record<string, string>) {
  const res = await callRoute(handler, path, { key, params });
  const type = res.headers.get("content-type") ?? "";
  return { status: res.status, headers: res.headers, body: type.includes("json") ? await res.json() : await res.text() };
}

/** A seeded org and a viewer of its workspace (viewers may read the whole directory). */
async function org(opts: Parameters<typeof seedDirectory>[0] = {}) {
  const seeded = await seedDirectory({ users: 40, groups: 9, apps: 6, ...opts });
  const viewer = await createUser(seeded.workspaceId, "viewer");
  return { ...seeded, key: await createApiKey(seeded.workspaceId, viewer.id) };
}

/** Every item of a list, following nextCursor with small pages. */
async function walk(handler: RouteHandler, path: string, key: string, params?: Record<string, string>) {
  const items: { id: string; integrationId: string }[] = [];
  let cursor: string | null = null;
  let pages = 0;
  do {
    const sep = path.includes("?") ? "&" : "?";
    const r = await call(handler, `${path}${sep}limit=7${cursor ? `&cursor=${cursor}` : ""}`, key, params);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    items.push(...r.body.items);
    cursor = r.body.nextCursor;
    expect(++pages).toBeLessThan(100);
  } while (cursor);
  return items;
}
const ids = (xs: { id: string }[]) => xs.map((x) => x.id);
type ListPage = { items: { id: string }[]; nextCursor: string | null };

describe("GET /api/directory/users", () => {
  it("finds a person by name, email or login, case-insensitively, by prefix or anywhere", async () => {
    const o = await org();
    const p = o.users[7];
    for (const q of [
      p.firstName!.toUpperCase(),
      p.lastName!.slice(1, 5),
      p.login,
      p.login.split("@")[0].toUpperCase(),
      `${p.lastName} ${p.firstName!.slice(0, 2)}`,
      p.firstName!.slice(0, 2).toLowerCase(),
    ]) {
      const r = await call(usersRoute, `/api/directory/users?q=${encodeURIComponent(q)}`, o.key);
      expect(r.status).toBe(200);
      expect(ids(r.body.items), q).toContain(p.id);
      for (const item of r.body.items) {
        const text = `${item.firstName} ${item.lastName} ${item.displayName ?? ""} ${item.email} ${item.login}`.toLowerCase();
        for (const word of q.toLowerCase().split(" ")) expect(text, `${q} -> ${item.login}`).toContain(word);
      }
    }
    const none = await call(usersRoute, "/api/directory/users?q=zzqxnobody", o.key);
    expect(none.body).toEqual({ items: [], nextCursor: null });
    // LIKE wildcards in the search are literal characters.
    expect((await call(usersRoute, "/api/directory/users?q=%25", o.key)).body.items).toEqual([]);
    expect((await call(usersRoute, "/api/directory/users?q=___", o.key)).body.items).toEqual([]);
  });

  it("matches short terms at the start of a word only", async () => {
    const o = await org();
    const p = o.users[3];
    const r = await call(usersRoute, `/api/directory/users?q=${p.lastName!.slice(0, 2)}&limit=500`, o.key);
    expect(ids(r.body.items)).toContain(p.id);
    const inner = p.lastName!.slice(2, 4).toLowerCase();
    const r2 = await call(usersRoute, `/api/directory/users?q=${inner}&limit=500`, o.key);
    // The searchable text is first, last and display name, email and login, each word after a space.
    const text = (u: (typeof o.users)[number]) =>
      ` ${[u.firstName, u.lastName, u.displayName, u.email, u.login].map((x) => x ?? "").join(" ")}`.toLowerCase();
    const atWordStart = o.users.filter((u) => text(u).includes(` ${inner}`));
    const anywhere = o.users.filter((u) => text(u).includes(inner));
    // The data has people with the term inside a word, whom a "contains" search would wrongly find.
    expect(anywhere.length).toBeGreaterThan(atWordStart.length);
    expect(new Set(ids(r2.body.items))).toEqual(new Set(ids(atWordStart)));
  });

  it("filters by status (one or several), department and integration, and says what it returns", async () => {
    const o = await org({ users: 60 });
    const other = await seedDirectory({ workspaceId: o.workspaceId, users: 10, seed: 9 });
    const suspended = o.users.filter((u) => u.status === "SUSPENDED" || u.status === "DEPROVISIONED");
    const r = await call(
      usersRoute,
      `/api/directory/users?status=SUSPENDED,DEPROVISIONED&integrationId=${o.integration.id}&limit=500`,
      o.key,
    );
    expect(new Set(ids(r.body.items))).toEqual(new Set(ids(suspended)));
    const dept = o.users[0].department!;
    const d = await call(
      usersRoute,
      `/api/directory/users?department=${encodeURIComponent(dept)}&integrationId=${o.integration.id}&limit=500`,
      o.key,
    );
    expect(new Set(ids(d.body.items))).toEqual(new Set(ids(o.users.filter((u) => u.department === dept))));
    const all = await call(usersRoute, "/api/directory/users?limit=500", o.key);
    expect(all.body.items).toHaveLength(70);
    const second = await call(usersRoute, `/api/directory/users?integrationId=${other.integration.id}&limit=500`, o.key);
    expect(second.body.items).toHaveLength(10);
    expect(second.body.items[0]).toMatchObject({ integrationId: other.integration.id, integrationName: other.integration.name });
    // Empty values mean "no filter", as a cleared form sends them.
    expect((await call(usersRoute, "/api/directory/users?q=&status=&department=&integrationId=&limit=500", o.key)).body.items).toHaveLength(
      70,
    );
  });

  it.each(["name", "login", "email", "status", "department", "lastLogin", "created"])(
    "pages through every person once, in the same order as one big page, sorted by %s",
    async (sort) => {
      const o = await org({ users: 45 });
      for (const order of ["asc", "desc"]) {
        const path = `/api/directory/users?sort=${sort}&order=${order}`;
        const one = await call(usersRoute, `${path}&limit=500`, o.key);
        const paged = await walk(usersRoute, path, o.key);
        expect(ids(paged)).toEqual(ids(one.body.items));
        expect(new Set(ids(paged)).size).toBe(45);
        // A filtered list (sorted after filtering) continues the same order as the unfiltered walk.
        const filtered = await walk(usersRoute, `${path}&q=acme`, o.key);
        expect(ids(filtered)).toEqual(ids(one.body.items));
      }
      if (sort === "lastLogin") {
        const first = (await call(usersRoute, "/api/directory/users?sort=lastLogin", o.key)).body.items;
        const withLogin = o.users.filter((u) => u.lastLogin).sort((a, b) => b.lastLogin!.getTime() - a.lastLogin!.getTime());
        expect(first[0].id).toBe(withLogin[0].id);
      }
    },
  );

  it("leaves out people the sync marked deleted", async () => {
    const o = await org();
    const gone = o.users[5];
    await getDb()
      .update(oktaUsers)
      .set({ deletedAt: new Date() })
      .where(and(eq(oktaUsers.integrationId, o.integration.id), eq(oktaUsers.id, gone.id)));
    const r = await call(usersRoute, "/api/directory/users?limit=500", o.key);
    expect(ids(r.body.items)).not.toContain(gone.id);
    expect((await call(usersRoute, `/api/directory/users?q=${gone.login}`, o.key)).body.items).toEqual([]);
    const detail = await call(userRoute, "/x", o.key, { integrationId: o.integration.id, userId: gone.id });
    expect(detail.status).toBe(404);
  });

  it.each([
    ["status=ENABLED", "status"],
    ["sort=password", "sort"],
    ["order=up", "order"],
    ["limit=0", "limit"],
    ["limit=501", "limit"],
    ["integrationId=not-a-uuid", "integrationId"],
    [`q=${"x".repeat(201)}`, "q"],
    ["cursor=bm9wZQ", "cursor"],
    ["colour=blue", "colour"],
  ])("answers 400 naming the field for %s", async (qs, field) => {
    const o = await org({ users: 3 });
    const r = await call(usersRoute, `/api/directory/users?${qs}`, o.key);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("VALIDATION");
    expect(r.body.error.message).toContain(field);
  });

  it("refuses a cursor made for another sort, and a forged cursor value, with 400", async () => {
    const o = await org({ users: 12 });
    const { nextCursor } = (await call(usersRoute, "/api/directory/users?limit=5", o.key)).body;
    const r = await call(usersRoute, `/api/directory/users?limit=5&sort=email&cursor=${nextCursor}`, o.key);
    expect(r.status).toBe(400);
    expect(r.body.error.message).toMatch(/cursor/);
    const forged = Buffer.from(
      JSON.stringify({ s: "lastLogin", o: "desc", k: ["2024-02-30 10:00:00+00", o.integration.id, "x"] }),
    ).toString("base64url");
    const f = await call(usersRoute, `/api/directory/users?sort=lastLogin&cursor=${forged}`, o.key);
    expect(f.status).toBe(400);
  });

  it("keeps workspaces apart and needs credentials", async () => {
    const a = await org({ seed: 5 });
    const b = await org({ seed: 5 }); // the same Okta ids in another workspace
    const ra = await call(usersRoute, "/api/directory/users?limit=500", a.key);
    expect(ra.body.items).toHaveLength(40);
    expect(ra.body.items.every((x: { integrationId: string }) => x.integrationId === a.integration.id)).toBe(true);
    expect((await call(usersRoute, `/api/directory/users?integrationId=${b.integration.id}`, a.key)).body.items).toEqual([]);
    const p = b.users[0];
    expect((await call(userRoute, "/x", a.key, { integrationId: b.integration.id, userId: p.id })).status).toBe(404);
    expect((await call(groupRoute, "/x", a.key, { integrationId: b.integration.id, groupId: b.groups[0].id })).status).toBe(404);
    expect((await call(membersRoute, "/x", a.key, { integrationId: b.integration.id, groupId: b.groups[0].id })).status).toBe(404);
    expect((await call(appRoute, "/x", a.key, { integrationId: b.integration.id, appId: b.apps[0].id })).status).toBe(404);
    expect((await call(appUsersRoute, "/x", a.key, { integrationId: b.integration.id, appId: b.apps[0].id })).status).toBe(404);
    expect((await call(groupsRoute, "/api/directory/groups?limit=500", a.key)).body.items).toHaveLength(9);
    expect((await call(appsRoute, "/api/directory/apps?limit=500", a.key)).body.items).toHaveLength(6);
    const csv = await call(usersCsv, "/api/directory/users.csv", a.key);
    expect(csv.body.trim().split("\r\n")).toHaveLength(41);
    expect(csv.body).not.toContain(b.integration.name);
    expect((await call(usersRoute, "/api/directory/users", null)).status).toBe(401);
    expect((await call(usersCsv, "/api/directory/users.csv", null)).status).toBe(401);
  });
});

describe("GET /api/directory/users/{integrationId}/{userId}", () => {
  it("shows the profile, groups, apps direct or through which group, admin roles and recent sign-ins", async () => {
    const o = await org({ users: 30, signInsPerUser: 30 });
    // users[1] is in the helpdesk group, which carries a role and (maybe) apps; pick someone with both kinds of app access.
    const p = o.users.find((u) => {
      const mine = o.appUsers.filter((x) => x.userId === u.id);
      return u.status === "ACTIVE" && mine.some((x) => x.scope === "USER") && mine.some((x) => x.scope === "GROUP");
    })!;
    expect(p).toBeDefined();
    const r = await call(userRoute, "/x", o.key, { integrationId: o.integration.id, userId: p.id });
    expect(r.status).toBe(200);
    const d = r.body;
    expect(d.user).toMatchObject({
      id: p.id,
      login: p.login,
      status: p.status,
      department: p.department,
      profile: expect.objectContaining({ login: p.login }),
    });
    expect(d.user).not.toHaveProperty("contentHash");
    expect(d.user).not.toHaveProperty("searchText");
    for (const k of ["created", "activated", "statusChanged", "lastUpdated", "passwordChanged"]) expect(d.user).toHaveProperty(k);
    expect(d.adminUrl).toBe(`${o.integration.domain.replace(/^https:\/\/([^.]+)/, "https://$1-admin")}/admin/user/profile/view/${p.id}`);

    const myGroups = [...o.members].filter(([, m]) => m.includes(p.id)).map(([g]) => g);
    expect(new Set(ids(d.groups))).toEqual(new Set(myGroups));

    const mine = o.appUsers.filter((x) => x.userId === p.id);
    expect(new Set(ids(d.apps))).toEqual(new Set(mine.map((x) => x.appId)));
    expect(d.apps).toHaveLength(mine.length);
    for (const app of d.apps) {
      const row = mine.find((x) => x.appId === app.id)!;
      expect(app.direct).toBe(row.scope === "USER");
      const granting = o.appGroups.filter((ag) => ag.appId === app.id && myGroups.includes(ag.groupId)).map((ag) => ag.groupId);
      expect(new Set(ids(app.viaGroups))).toEqual(new Set(granting));
      expect(app.viaGroups.map((g: { name: string }) => g.name).sort()).toEqual(
        granting.map((g) => o.groups.find((x) => x.id === g)!.name).sort(),
      );
    }
    // An app reached only through a group names at least one group.
    const throughGroups = d.apps.filter((a: { direct: boolean }) => !a.direct);
    expect(throughGroups).toHaveLength(mine.filter((x) => x.scope === "GROUP").length);
    expect(throughGroups.filter((a: { viaGroups: unknown[] }) => a.viaGroups.length === 0)).toEqual([]);

    const signIns = o.events.filter((e) => e.actorId === p.id && e.eventType !== "user.account.update_profile");
    expect(d.signIns).toHaveLength(20);
    const newest = signIns.sort((a, b) => +b.published! - +a.published!).slice(0, 20);
    expect(d.signIns.map((s: { uuid: string }) => s.uuid)).toEqual(newest.map((e) => e.uuid));
    expect(d.signIns.every((s: { eventType: string }) => s.eventType !== "user.account.update_profile")).toBe(true);
  });

  it("lists admin roles held directly and through a group, and links the manager", async () => {
    const o = await org({ users: 12 });
    // users[0] is a super admin; users[1] is in IT Helpdesk, which holds HELP_DESK_ADMIN.
    const admin = (await call(userRoute, "/x", o.key, { integrationId: o.integration.id, userId: o.users[0].id })).body;
    expect(admin.roles).toEqual([expect.objectContaining({ roleType: "SUPER_ADMIN", via: null })]);
    const helpdesk = (await call(userRoute, "/x", o.key, { integrationId: o.integration.id, userId: o.users[1].id })).body;
    expect(helpdesk.roles).toContainEqual(
      expect.objectContaining({ roleType: "HELP_DESK_ADMIN", via: { id: o.groups[1].id, name: "IT Helpdesk" } }),
    );
    expect(helpdesk.manager).toMatchObject({ id: o.users[0].id, firstName: o.users[0].firstName });
  });

  it("tells two orgs' people with the same Okta id apart by integration", async () => {
    const o = await org({ seed: 3 });
    const twin = await seedDirectory({ workspaceId: o.workspaceId, seed: 3, users: 40 });
    const id = o.users[2].id;
    expect(twin.users[2].id).toBe(id);
    await getDb()
      .update(oktaUsers)
      .set({ title: "Twin" })
      .where(and(eq(oktaUsers.integrationId, twin.integration.id), eq(oktaUsers.id, id)));
    const a = await call(userRoute, "/x", o.key, { integrationId: o.integration.id, userId: id });
    const b = await call(userRoute, "/x", o.key, { integrationId: twin.integration.id, userId: id });
    expect(a.body.user.title).not.toBe("Twin");
    expect(b.body.user.title).toBe("Twin");
    expect(b.body.integration.id).toBe(twin.integration.id);
  });

  it("answers 400 for malformed ids and 404 for unknown ones", async () => {
    const o = await org({ users: 3 });
    const bad = await call(userRoute, "/x", o.key, { integrationId: "nope", userId: "00u1" });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("integrationId");
    expect((await call(userRoute, "/x", o.key, { integrationId: o.integration.id, userId: "../etc" })).status).toBe(400);
    expect((await call(userRoute, "/x", o.key, { integrationId: o.integration.id, userId: "00uNOPE" })).status).toBe(404);
  });
});

describe("groups", () => {
  it("lists groups with live member counts, filters by type, and sorts by size", async () => {
    const o = await org({ users: 30, groups: 18 });
    const everyone = o.groups[0];
    // A removed membership is not counted.
    await getDb()
      .update(oktaGroupMembers)
      .set({ deletedAt: new Date() })
      .where(
        and(
          eq(oktaGroupMembers.integrationId, o.integration.id),
          eq(oktaGroupMembers.groupId, everyone.id),
          eq(oktaGroupMembers.userId, o.users[0].id),
        ),
      );
    const r = await call(groupsRoute, "/api/directory/groups?sort=members&limit=500", o.key);
    expect(r.body.items[0]).toMatchObject({ id: everyone.id, name: "Everyone", type: "BUILT_IN", memberCount: 29 });
    expect(r.body.items).toHaveLength(18);
    const counts = r.body.items.map((g: { memberCount: number }) => g.memberCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    for (const g of r.body.items.slice(1)) expect(g.memberCount).toBe(o.members.get(g.id)!.length);
    expect(ids(await walk(groupsRoute, "/api/directory/groups?sort=members", o.key))).toEqual(ids(r.body.items));
    const app = await call(groupsRoute, "/api/directory/groups?type=APP_GROUP&limit=500", o.key);
    const appGroups = o.groups.filter((g) => g.type === "APP_GROUP");
    expect(appGroups.length, "the seeded org has app groups").toBeGreaterThan(0);
    expect(app.body.items).toHaveLength(appGroups.length);
    expect(new Set(ids(app.body.items))).toEqual(new Set(ids(appGroups)));
    const q = await call(groupsRoute, "/api/directory/groups?q=helpdesk", o.key);
    expect(ids(q.body.items)).toEqual([o.groups[1].id]);
    expect((await call(groupsRoute, "/api/directory/groups?type=TEAM", o.key)).status).toBe(400);
  });

  it("shows a group's members page by page, searchable, and the apps and roles it grants", async () => {
    const o = await org({ users: 40, groups: 9, apps: 6 });
    const everyone = o.groups[0];
    const d = (await call(groupRoute, "/x", o.key, { integrationId: o.integration.id, groupId: everyone.id })).body;
    expect(d.group).toMatchObject({ id: everyone.id, memberCount: 40 });
    expect(new Set(ids(d.apps))).toEqual(new Set(o.appGroups.filter((ag) => ag.groupId === everyone.id).map((ag) => ag.appId)));
    expect(d.adminUrl).toMatch(/-admin\.okta\.com\/admin\/group\//);
    const members = await walk(membersRoute, "/x", o.key, { integrationId: o.integration.id, groupId: everyone.id });
    expect(new Set(ids(members))).toEqual(new Set(ids(o.users)));
    const p = o.users[9];
    const found = await call(membersRoute, `/x?q=${p.login}`, o.key, { integrationId: o.integration.id, groupId: everyone.id });
    expect(ids(found.body.items)).toEqual([p.id]);
    const helpdesk = (await call(groupRoute, "/x", o.key, { integrationId: o.integration.id, groupId: o.groups[1].id })).body;
    expect(helpdesk.roles).toEqual([expect.objectContaining({ roleType: "HELP_DESK_ADMIN" })]);
  });
});

describe("apps", () => {
  it("lists apps with counts, filters by status and sign-on mode, and shows who has access and how", async () => {
    const o = await org({ users: 30, apps: 8 });
    const r = await call(appsRoute, "/api/directory/apps?limit=500", o.key);
    expect(r.body.items).toHaveLength(8);
    for (const app of r.body.items) {
      expect(app.userCount).toBe(o.appUsers.filter((x) => x.appId === app.id).length);
      expect(app.groupCount).toBe(o.appGroups.filter((x) => x.appId === app.id).length);
    }
    const inactive = await call(appsRoute, "/api/directory/apps?status=INACTIVE", o.key);
    expect(ids(inactive.body.items)).toEqual(ids(o.apps.filter((a) => a.status === "INACTIVE")));
    const oidc = await call(appsRoute, "/api/directory/apps?signOnMode=OPENID_CONNECT,BOOKMARK", o.key);
    expect(new Set(ids(oidc.body.items))).toEqual(
      new Set(ids(o.apps.filter((a) => a.signOnMode === "OPENID_CONNECT" || a.signOnMode === "BOOKMARK"))),
    );
    expect((await call(appsRoute, "/api/directory/apps?signOnMode=SAML", o.key)).status).toBe(400);
    const bySize = await call(appsRoute, "/api/directory/apps?sort=users", o.key);
    const counts = bySize.body.items.map((a: { userCount: number }) => a.userCount);
    expect(counts).toEqual([...counts].sort((a, b) => b - a));

    const app = o.apps[2];
    const d = (await call(appRoute, "/x", o.key, { integrationId: o.integration.id, appId: app.id })).body;
    const rows = o.appUsers.filter((x) => x.appId === app.id);
    expect(d.counts).toEqual({
      users: rows.length,
      direct: rows.filter((x) => x.scope === "USER").length,
      viaGroup: rows.filter((x) => x.scope === "GROUP").length,
    });
    expect(new Set(ids(d.groups))).toEqual(new Set(o.appGroups.filter((x) => x.appId === app.id).map((x) => x.groupId)));
    expect(d.adminUrl).toContain(`/admin/app/${app.name}/instance/${app.id}/`);

    const people = await walk(appUsersRoute, "/x", o.key, { integrationId: o.integration.id, appId: app.id });
    expect(new Set(ids(people))).toEqual(new Set(rows.map((x) => x.userId)));
    for (const p of people as unknown as { id: string; direct: boolean; viaGroups: { id: string }[] }[]) {
      const granting = o.appGroups.filter((ag) => ag.appId === app.id && o.members.get(ag.groupId)!.includes(p.id)).map((ag) => ag.groupId);
      expect(new Set(ids(p.viaGroups))).toEqual(new Set(granting));
      expect(p.direct).toBe(rows.find((x) => x.userId === p.id)!.scope === "USER");
    }
    const direct = await call(appUsersRoute, "/x?scope=USER&limit=500", o.key, { integrationId: o.integration.id, appId: app.id });
    expect(new Set(ids(direct.body.items))).toEqual(new Set(rows.filter((x) => x.scope === "USER").map((x) => x.userId)));
  });

  it("does not count assignments the sync removed", async () => {
    const o = await org({ users: 20, apps: 4 });
    const app = o.apps[0];
    const before = (await call(appRoute, "/x", o.key, { integrationId: o.integration.id, appId: app.id })).body.counts.users;
    await getDb()
      .update(oktaAppUsers)
      .set({ deletedAt: new Date() })
      .where(and(eq(oktaAppUsers.integrationId, o.integration.id), eq(oktaAppUsers.appId, app.id), eq(oktaAppUsers.userId, o.users[0].id)));
    const after = (await call(appRoute, "/x", o.key, { integrationId: o.integration.id, appId: app.id })).body.counts.users;
    expect(after).toBe(before - 1);
    const p = (await call(userRoute, "/x", o.key, { integrationId: o.integration.id, userId: o.users[0].id })).body;
    // Still reachable through the Everyone group's assignment, but no longer as an app user row.
    expect(o.appGroups.filter((ag) => ag.appId === app.id).map((ag) => ag.groupId)).toEqual([o.groups[0].id]);
    const entry = p.apps.find((a: { id: string }) => a.id === app.id);
    expect(entry).toMatchObject({ direct: false, assignment: null, viaGroups: [{ id: o.groups[0].id, name: "Everyone" }] });
  });
});

describe("CSV export", () => {
  it("streams the filtered list as RFC 4180 CSV with formulas neutralized", async () => {
    const o = await org({ users: 25 });
    const target = o.users[4];
    await getDb()
      .update(oktaUsers)
      .set({ firstName: '=HYPERLINK("http://evil")', department: 'Sales, "EMEA"', title: "@SUM(A1)", status: "SUSPENDED" })
      .where(and(eq(oktaUsers.integrationId, o.integration.id), eq(oktaUsers.id, target.id)));
    const r = await call(usersCsv, "/api/directory/users.csv?status=SUSPENDED", o.key);
    expect(r.status).toBe(200);
    expect(r.headers.get("content-type")).toContain("text/csv");
    expect(r.headers.get("content-disposition")).toMatch(/attachment; filename="people-\d{4}-\d\d-\d\d\.csv"/);
    const lines = r.body.split("\r\n");
    expect(lines[0]).toBe(
      "integration,id,login,email,first_name,last_name,display_name,status,department,title,last_login,created,status_changed",
    );
    expect(lines.at(-1)).toBe("");
    const expected = o.users.filter((u) => u.status === "SUSPENDED" || u.id === target.id).length;
    expect(lines.length - 2).toBe(expected);
    const row = lines.find((l: string) => l.includes(target.id))!;
    expect(row).toContain(`"'=HYPERLINK(""http://evil"")"`);
    expect(row).toContain(`"Sales, ""EMEA"""`);
    expect(row).toContain(",'@SUM(A1),");
    // Times as ISO 8601 in UTC with milliseconds, as Date.toISOString writes them.
    expect(row).toContain(`,${target.created!.toISOString()},`);
    const bad = await call(usersCsv, "/api/directory/users.csv?status=NOPE", o.key);
    expect(bad.status).toBe(400);
  });

  // Big enough that filtered lists and "Everyone" take the walk-the-index path (over 5,000 matches).
  it("exports more rows than one page once each, and lists a 5,000+ group like the people list", async () => {
    const o = await org({ users: 5100, groups: 5, apps: 3, signInsPerUser: 0 });
    // Last by name, so on the export's second page (EXPORT_PAGE people per query): still escaped and guarded.
    const last = o.users[4321];
    await getDb()
      .update(oktaUsers)
      .set({ firstName: "Zzz", lastName: '=cmd|"/c calc"!A1', title: 'Sales, "EMEA"' })
      .where(and(eq(oktaUsers.integrationId, o.integration.id), eq(oktaUsers.id, last.id)));
    const r = await call(usersCsv, "/api/directory/users.csv", o.key);
    const rows = r.body.trim().split("\r\n").slice(1);
    expect(rows).toHaveLength(5100);
    expect(new Set(rows.map((l: string) => l.split(",")[1])).size).toBe(5100);
    expect(EXPORT_PAGE).toBeLessThan(5100);
    // In the list's order, the same people as the list's own pages.
    const listed: string[] = [];
    for (let cursor: string | null = null, n = 0; n === 0 || cursor; n++) {
      const page: ListPage = (await call(usersRoute, `/api/directory/users?limit=500${cursor ? `&cursor=${cursor}` : ""}`, o.key)).body;
      listed.push(...ids(page.items));
      cursor = page.nextCursor;
    }
    expect(rows.map((l: string) => l.split(",")[1])).toEqual(listed);
    expect(rows.at(-1)).toContain(`,Zzz,"'=cmd|""/c calc""!A1",`);
    expect(rows.at(-1)).toContain(`,"Sales, ""EMEA""",`);
    // Searched (everyone's login has acme) and sorted by most recent sign-in, over two pages: the list's order again.
    const sorted = await call(usersCsv, "/api/directory/users.csv?q=acme&sort=lastLogin&order=desc", o.key);
    const sortedIds = sorted.body
      .trim()
      .split("\r\n")
      .slice(1)
      .map((l: string) => l.split(",")[1]);
    const walked: string[] = [];
    for (let cursor: string | null = null, n = 0; n === 0 || cursor; n++) {
      const page: ListPage = (
        await call(usersRoute, `/api/directory/users?q=acme&sort=lastLogin&order=desc&limit=500${cursor ? `&cursor=${cursor}` : ""}`, o.key)
      ).body;
      walked.push(...ids(page.items));
      cursor = page.nextCursor;
    }
    expect(sortedIds).toHaveLength(5100);
    expect(sortedIds).toEqual(walked);
    // Sparse filters whose matches cluster (one first name, in name order; the locked out, who never
    // signed in, by last sign-in; dormant admins): the first pages find the matches and sort them, later
    // ones may walk the sort index (walkOrSort judges each page). Pages of 7 give the same list as one page.
    const olivia = o.users.find((u) => u.firstName === "Olivia")!.firstName!;
    for (const query of [
      `q=${olivia}`,
      "status=LOCKED_OUT,PASSWORD_EXPIRED&sort=lastLogin&order=desc",
      `adminRole=any&signedInBefore=${new Date(Date.now() - 30 * 86_400_000).toISOString()}`,
    ]) {
      const whole: ListPage = (await call(usersRoute, `/api/directory/users?${query}&limit=500`, o.key)).body;
      expect(whole.items.length, query).toBeGreaterThan(7);
      expect(whole.nextCursor).toBeNull();
      expect(ids(await walk(usersRoute, `/api/directory/users?${query}`, o.key)), query).toEqual(ids(whole.items));
    }
    const g = await call(groupsCsv, "/api/directory/groups.csv?type=BUILT_IN", o.key);
    expect(g.body.trim().split("\r\n")).toEqual([
      expect.stringContaining("members"),
      expect.stringMatching(/,Everyone,BUILT_IN,All users in your organization,5100,/),
    ]);
    const everyone = { integrationId: o.integration.id, groupId: o.groups[0].id };
    const people1 = (await call(usersRoute, "/api/directory/users?limit=40", o.key)).body;
    const members1 = (await call(membersRoute, "/x?limit=40", o.key, everyone)).body;
    expect(ids(members1.items)).toEqual(ids(people1.items));
    const people2 = (await call(usersRoute, `/api/directory/users?limit=40&cursor=${people1.nextCursor}`, o.key)).body;
    const members2 = (await call(membersRoute, `/x?limit=40&cursor=${members1.nextCursor}`, o.key, everyone)).body;
    expect(ids(members2.items)).toEqual(ids(people2.items));
    for (const q of ["acme", o.users[77].firstName!, o.users[77].login]) {
      const people = (await call(usersRoute, `/api/directory/users?limit=500&q=${encodeURIComponent(q)}`, o.key)).body;
      const members = (await call(membersRoute, `/x?limit=500&q=${encodeURIComponent(q)}`, o.key, everyone)).body;
      expect(ids(members.items)).toEqual(ids(people.items));
    }
    const a = await call(appsCsv, "/api/directory/apps.csv", o.key);
    expect(a.body.trim().split("\r\n")).toHaveLength(4);
  });
});

/** RFC 4180: quoted fields with "" for a quote, rows ended by CRLF. */
function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let field = "";
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i];
    if (quoted) {
      if (c !== '"') field += c;
      else if (text[i + 1] === '"') {
        field += '"';
        i++;
      } else quoted = false;
    } else if (c === '"') quoted = true;
    else if (c === ",") {
      row.push(field);
      field = "";
    } else if (c === "\r" && text[i + 1] === "\n") {
      row.push(field);
      rows.push(row);
      row = [];
      field = "";
      i++;
    } else field += c;
  }
  expect(field + row.join(""), "the CSV ends with CRLF").toBe("");
  return rows;
}

describe("CSV export of groups and apps", () => {
  /** The CSV's rows (after the header) and the list API's items for the same query, in order. */
  async function both(csv: RouteHandler, list: RouteHandler, path: string, query: string, key: string) {
    const r = await call(csv, `${path}.csv${query}`, key);
    expect(r.status, r.body).toBe(200);
    const [header, ...rows] = parseCsv(r.body);
    const sep = query ? "&" : "?";
    const listed = await call(list, `${path}${query}${sep}limit=500`, key);
    expect(listed.status).toBe(200);
    return { header, rows, ids: rows.map((x) => x[1]), listed: ids(listed.body.items) };
  }

  it("groups.csv holds exactly the filtered, sorted list with its counts, and only the caller's workspace", async () => {
    const o = await org({ users: 30, groups: 18, seed: 4 });
    // A second org of the same workspace, and a workspace holding the same Okta ids.
    const second = await seedDirectory({ workspaceId: o.workspaceId, users: 10, groups: 6, seed: 12 });
    const twin = await org({ users: 30, groups: 18, seed: 4 });
    expect(twin.groups.map((g) => g.id)).toEqual(o.groups.map((g) => g.id));
    const G = "/api/directory/groups";

    const all = await both(groupsCsv, groupsRoute, G, "", o.key);
    expect(all.header).toEqual([
      "integration",
      "id",
      "name",
      "type",
      "description",
      "members",
      "apps",
      "created",
      "last_membership_updated",
    ]);
    expect(all.rows).toHaveLength(24);
    expect(all.ids).toEqual(all.listed);
    expect(
      all.rows
        .filter((r) => r[0] === o.integration.name)
        .map((r) => r[1])
        .sort(),
    ).toEqual(ids(o.groups).sort());
    expect(
      all.rows
        .filter((r) => r[0] === second.integration.name)
        .map((r) => r[1])
        .sort(),
    ).toEqual(ids(second.groups).sort());
    expect(all.rows.filter((r) => r[0] === twin.integration.name)).toEqual([]);

    // Each row says what the group is and its counts.
    for (const g of o.groups) {
      const row = all.rows.find((r) => r[0] === o.integration.name && r[1] === g.id)!;
      const apps = o.appGroups.filter((ag) => ag.groupId === g.id).length;
      expect(row.slice(2, 7)).toEqual([g.name, g.type, g.description ?? "", String(o.members.get(g.id)!.length), String(apps)]);
    }

    // Filters and sort, exactly as the list shows them.
    const appGroups = await both(groupsCsv, groupsRoute, G, `?type=APP_GROUP&integrationId=${o.integration.id}`, o.key);
    expect(appGroups.ids.sort()).toEqual(ids(o.groups.filter((g) => g.type === "APP_GROUP")).sort());
    expect(appGroups.ids.length).toBeGreaterThan(0);
    const helpdesk = await both(groupsCsv, groupsRoute, G, "?q=helpdesk", o.key);
    expect(helpdesk.ids).toEqual(helpdesk.listed);
    expect(helpdesk.rows.map((r) => `${r[0]}: ${r[2]}`).sort()).toEqual(
      [`${o.integration.name}: IT Helpdesk`, `${second.integration.name}: IT Helpdesk`].sort(),
    );
    const bySize = await both(groupsCsv, groupsRoute, G, `?sort=members&order=desc&integrationId=${o.integration.id}`, o.key);
    expect(bySize.ids).toEqual(bySize.listed);
    expect(bySize.rows.map((r) => Number(r[5]))).toEqual(bySize.rows.map((r) => Number(r[5])).sort((a, b) => b - a));
    expect(bySize.ids[0]).toBe(o.groups[0].id);
    const other = await both(groupsCsv, groupsRoute, G, `?integrationId=${second.integration.id}`, o.key);
    expect(other.ids.sort()).toEqual(ids(second.groups).sort());

    // The twin workspace sees only its own copy; another workspace's integration filters to nothing.
    const theirs = await both(groupsCsv, groupsRoute, G, "", twin.key);
    expect(theirs.rows.map((r) => r[0])).toEqual(Array(18).fill(twin.integration.name));
    expect((await both(groupsCsv, groupsRoute, G, `?integrationId=${twin.integration.id}`, o.key)).rows).toEqual([]);

    const bad = await call(groupsCsv, `${G}.csv?type=TEAM`, o.key);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("type");
    expect((await call(groupsCsv, `${G}.csv`, null)).status).toBe(401);
  });

  it("apps.csv holds exactly the filtered, sorted list with its counts, and only the caller's workspace", async () => {
    const o = await org({ users: 40, apps: 16, seed: 6 });
    const twin = await org({ users: 40, apps: 16, seed: 6 });
    expect(ids(twin.apps)).toEqual(ids(o.apps));
    const A = "/api/directory/apps";

    const all = await both(appsCsv, appsRoute, A, "", o.key);
    expect(all.header).toEqual(["integration", "id", "label", "name", "status", "sign_on_mode", "users", "groups", "created"]);
    expect(all.rows).toHaveLength(16);
    expect(all.ids).toEqual(all.listed);
    expect(all.rows.map((r) => r[0])).toEqual(Array(16).fill(o.integration.name));
    for (const app of o.apps) {
      const row = all.rows.find((r) => r[1] === app.id)!;
      expect(row.slice(2, 8)).toEqual([
        app.label,
        app.name,
        app.status,
        app.signOnMode,
        String(o.appUsers.filter((x) => x.appId === app.id).length),
        String(o.appGroups.filter((x) => x.appId === app.id).length),
      ]);
    }

    const inactive = await both(appsCsv, appsRoute, A, "?status=INACTIVE", o.key);
    expect(inactive.ids).toEqual(ids(o.apps.filter((a) => a.status === "INACTIVE")));
    expect(inactive.ids).toHaveLength(1);
    const modes = await both(appsCsv, appsRoute, A, "?signOnMode=OPENID_CONNECT,BOOKMARK,BROWSER_PLUGIN", o.key);
    expect(modes.ids.sort()).toEqual(
      ids(o.apps.filter((a) => ["OPENID_CONNECT", "BOOKMARK", "BROWSER_PLUGIN"].includes(a.signOnMode!))).sort(),
    );
    expect(modes.ids).toHaveLength(3);
    const zoom = await both(appsCsv, appsRoute, A, "?q=zoom", o.key);
    expect(zoom.rows.map((r) => r[2])).toEqual(["Zoom"]);
    const bySize = await both(appsCsv, appsRoute, A, "?sort=users&order=desc", o.key);
    expect(bySize.ids).toEqual(bySize.listed);
    expect(bySize.rows.map((r) => Number(r[6]))).toEqual(bySize.rows.map((r) => Number(r[6])).sort((a, b) => b - a));

    const theirs = await both(appsCsv, appsRoute, A, "", twin.key);
    expect(theirs.rows.map((r) => r[0])).toEqual(Array(16).fill(twin.integration.name));
    expect((await both(appsCsv, appsRoute, A, `?integrationId=${twin.integration.id}`, o.key)).rows).toEqual([]);

    const bad = await call(appsCsv, `${A}.csv?signOnMode=SAML`, o.key);
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain("signOnMode");
    expect((await call(appsCsv, `${A}.csv`, null)).status).toBe(401);
  });
});

describe("GET /api/directory/facets", () => {
  it("offers each status, department, group type and sign-on mode with counts, and the integrations", async () => {
    const o = await org({ users: 50 });
    const f = (await call(facetsRoute, "/api/directory/facets", o.key)).body;
    expect(f.totals).toEqual({ users: 50, groups: 9, apps: 6 });
    expect(f.integrations).toEqual([expect.objectContaining({ id: o.integration.id, name: o.integration.name })]);
    const active = o.users.filter((u) => u.status === "ACTIVE").length;
    expect(f.userStatuses).toContainEqual({ value: "ACTIVE", count: active });
    expect(f.departments.reduce((s: number, d: { count: number }) => s + d.count, 0)).toBe(50);
    expect(f.groupTypes.map((x: { value: string }) => x.value).sort()).toEqual(
      ["APP_GROUP", "BUILT_IN", "OKTA_GROUP"].filter((t) => o.groups.some((g) => g.type === t)),
    );
    expect((await call(facetsRoute, "/api/directory/facets?integrationId=1", o.key)).status).toBe(400);
  });

  it("is empty for a workspace with nothing synced", async () => {
    const o = await org({ users: 0 });
    await getDb().execute(sql`delete from ${oktaLogEvents} where ${oktaLogEvents.integrationId} = ${o.integration.id}`);
    const f = (await call(facetsRoute, "/api/directory/facets", o.key)).body;
    expect(f.totals.users).toBe(0);
    expect((await call(usersRoute, "/api/directory/users", o.key)).body).toEqual({ items: [], nextCursor: null });
  });
});

describe("response contracts", () => {
  it("every route answers what lib/directory/responses.ts (the pages' parser) expects", async () => {
    const o = await org({ users: 30, apps: 6 });
    const i = o.integration.id;
    const p = { integrationId: i };
    const checks: [unknown, RouteHandler, string, Record<string, string>?][] = [
      [contract.userPage, usersRoute, "/api/directory/users"],
      [contract.groupPage, groupsRoute, "/api/directory/groups"],
      [contract.appPage, appsRoute, "/api/directory/apps"],
      [contract.facets, facetsRoute, "/api/directory/facets"],
      [contract.userDetail, userRoute, "/x", { ...p, userId: o.users[1].id }],
      [contract.groupDetail, groupRoute, "/x", { ...p, groupId: o.groups[1].id }],
      [contract.memberPage, membersRoute, "/x", { ...p, groupId: o.groups[0].id }],
      [contract.appDetail, appRoute, "/x", { ...p, appId: o.apps[0].id }],
      [contract.appUserPage, appUsersRoute, "/x", { ...p, appId: o.apps[0].id }],
    ];
    for (const [schema, handler, path, params] of checks) {
      const r = await call(handler, path, o.key, params);
      expect(r.status, path).toBe(200);
      const parsed = (schema as { safeParse: (v: unknown) => { success: boolean; error?: unknown } }).safeParse(r.body);
      expect(parsed.success, `${path} ${JSON.stringify(params)}: ${String(parsed.error)}`).toBe(true);
    }
  });
});
