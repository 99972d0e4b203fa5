// POST /__emulator/objects: exact values planted on users, groups and apps are served verbatim by the
// Management API (and pass Okta's spec), creations are logged like Okta's, and a bad request changes nothing.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, control, startSmall } from "./testkit";

let em: Awaited<ReturnType<typeof startSmall>>;
beforeAll(async () => {
  em = await startSmall({ rateLimits: false, users: 50, groups: 8, apps: 4, logDays: 1 });
});
afterAll(() => em.close());

const get = (p: string) => call(`${em.url}${p}`, { headers: em.ssws });
const plantRaw = (body: unknown) =>
  fetch(`${em.url}/__emulator/objects`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });

describe("POST /__emulator/objects", () => {
  it("sets exact values on a user, a group and an app, served verbatim by the API", async () => {
    const truth = await control(em.url, "/truth");
    const u = truth.users[0];
    const g = truth.groups.find((x: { type: string }) => x.type === "OKTA_GROUP");
    const a = truth.apps[0];
    const long = "ä".repeat(10_000);
    const out = await control(em.url, "/objects", "POST", {
      users: [{ id: u.id, profile: { firstName: "Ad\u0000a", nickName: "\ud800", title: null, tags: ["x", "y"] } }],
      groups: [{ id: g.id, profile: { name: long } }],
      apps: [{ id: a.id, label: "😀 label" }],
    });
    expect(out.users[0].profile).toEqual({ ...u.profile, firstName: "Ad\u0000a", nickName: "\ud800", title: null, tags: ["x", "y"] });
    const served = await get(`/api/v1/users/${u.id}`);
    expect(served.status).toBe(200);
    // On the wire as JSON escapes, as Okta would send them.
    expect(served.text).toContain('"firstName":"Ad\\u0000a"');
    expect(served.text).toContain('"nickName":"\\ud800"');
    expect(served.body.profile).toEqual(out.users[0].profile);
    expect(Date.parse(served.body.lastUpdated)).toBeGreaterThan(Date.parse(u.lastUpdated));
    expect((await get(`/api/v1/groups/${g.id}`)).body.profile).toEqual({ ...g.profile, name: long });
    expect((await get(`/api/v1/apps/${a.id}`)).body.label).toBe("😀 label");
  });

  it("creates a user and a group with exactly the given profile, logged as Okta logs creations", async () => {
    const before = await control(em.url, "/truth/summary");
    const profile = { login: "new.person@example.com", email: "new.person@example.com", firstName: "Nëw", lastName: "Pérson" };
    const out = await control(em.url, "/objects", "POST", {
      users: [{ profile }],
      groups: [{ profile: { name: "Planted group", description: "" } }],
    });
    const id = out.users[0].id;
    expect(out.users[0]).toMatchObject({ status: "ACTIVE", profile });
    const served = await get(`/api/v1/users/${id}`);
    expect(served.body.profile).toEqual(profile);
    expect((await get(`/api/v1/users/new.person@example.com`)).body.id).toBe(id);
    expect((await get(`/api/v1/groups/${out.groups[0].id}`)).body).toMatchObject({
      type: "OKTA_GROUP",
      profile: { name: "Planted group", description: "" },
    });
    const after = await control(em.url, "/truth/summary");
    expect({ users: after.users - before.users, groups: after.groups - before.groups }).toEqual({ users: 1, groups: 1 });
    const logs = await control<{ eventType: string; target: { id: string }[] }[]>(
      em.url,
      `/truth/logs?since=${encodeURIComponent(new Date(Date.now() - 60_000).toISOString())}`,
    );
    const about = (target: string) => logs.filter((e) => e.target?.some((t) => t.id === target)).map((e) => e.eventType);
    expect(about(id)).toEqual(expect.arrayContaining(["user.lifecycle.create", "user.lifecycle.activate"]));
    expect(about(out.groups[0].id)).toEqual(["group.lifecycle.create"]);
  });

  it("checks every entry before changing anything: a bad one is a 400/404 naming it and nothing is planted", async () => {
    const truth = await control(em.url, "/truth");
    const u = truth.users[1];
    const before = await control(em.url, "/truth/summary");
    for (const [body, status, message] of [
      [
        { users: [{ id: u.id, profile: { firstName: "Changed" } }, { profile: { firstName: "No login" } }] },
        400,
        /users\.1\.profile\.login/,
      ],
      [{ users: [{ id: u.id, profile: { firstName: "Changed" } }, { id: "00unosuchuser0000000" }] }, 404, /users\.1\.id/],
      [{ users: [{ profile: { login: u.profile.login } }] }, 400, /is taken/],
      [{ groups: [{ profile: { description: "no name" } }] }, 400, /groups\.0\.profile\.name/],
      [{ apps: [{ id: "0oanosuchapp" }] }, 404, /apps\.0\.id/],
      [{ users: [{ id: u.id, surprise: 1 }] }, 400, /users\.0/],
    ] as const) {
      const res = await plantRaw(body);
      expect(res.status).toBe(status);
      expect((await res.json()).error.message).toMatch(message);
    }
    expect((await get(`/api/v1/users/${u.id}`)).body.profile).toEqual(u.profile);
    expect(await control(em.url, "/truth/summary")).toMatchObject({ users: before.users, groups: before.groups });
  });
});
