// Pagination, filter/search, System Log semantics, writes, mutations, event hooks and faults.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { call, collect, control, nextLink, startSmall } from "./testkit";

let em: Awaited<ReturnType<typeof startSmall>>;
// The org as generated, for the read-only tests that run first. Tests that change the org (or run
// after one that did) read the truth again themselves.
let truth: any;
beforeAll(async () => {
  em = await startSmall({ rateLimits: false });
  truth = await control(em.url, "/truth");
});
afterAll(() => em.close());

const get = (p: string) => call(`${em.url}${p}`, { headers: em.ssws });
const ids = (xs: { id: string }[]) => xs.map((x) => x.id).sort();
const q = encodeURIComponent;

describe("pagination", () => {
  it("walks users with Link headers; no filter omits DEPROVISIONED, search=status pr returns everyone", async () => {
    const first = await get("/api/v1/users?limit=37");
    expect(first.body).toHaveLength(37);
    const links = first.headers.get("link")!;
    expect(links).toContain(`<${em.url}/api/v1/users?limit=37>; rel="self"`);
    expect(nextLink(first.headers)).toBe(`${em.url}/api/v1/users?limit=37&after=${first.body[36].id}`);
    const all = await collect(`${em.url}/api/v1/users?limit=37`, em.ssws);
    expect(ids(all)).toEqual(ids(truth.users.filter((u: any) => u.status !== "DEPROVISIONED")));
    const everyone = await collect(`${em.url}/api/v1/users?limit=200&search=${q("status pr")}`, em.ssws);
    expect(ids(everyone)).toEqual(ids(truth.users));
    expect(everyone.some((u) => u.status === "DEPROVISIONED")).toBe(true);
  });

  it("applies page-size defaults and maximums", async () => {
    const table: [string, number][] = [
      ["/api/v1/users", 200],
      ["/api/v1/users?limit=1000", 200],
      ["/api/v1/users?q=a", 10],
      ["/api/v1/apps", 15],
      ["/api/v1/apps?limit=5", 5],
      ["/api/v1/idps?limit=2", 2],
      ["/api/v1/logs", Math.min(100, truth.logs.count)],
      // The whole 30-day window holds more than 1000 events, so the cap is what limits the page.
      [`/api/v1/logs?limit=5000&since=${q(new Date(Date.now() - 31 * 864e5).toISOString())}`, 1000],
    ];
    expect(truth.logs.count).toBeGreaterThan(1000);
    for (const [p, n] of table)
      expect((await get(p)).body.length, p).toBe(
        Math.min(n, p.includes("/users") && !p.includes("q=") ? truth.users.filter((u: any) => u.status !== "DEPROVISIONED").length : n),
      );
  });

  it("pages group members, app users and app groups to exactly the truth", async () => {
    const big = [...truth.memberships].sort((a: any, b: any) => b.userIds.length - a.userIds.length)[1];
    const members = await collect(`${em.url}/api/v1/groups/${big.groupId}/users?limit=7`, em.ssws);
    expect(members.map((u) => u.id).sort()).toEqual([...big.userIds].sort());
    const app = truth.apps.find((a: any) => truth.appUsers[a.id].length > 60);
    const appUsers = await collect(`${em.url}/api/v1/apps/${app.id}/users?limit=23`, em.ssws);
    expect(appUsers).toEqual(truth.appUsers[app.id]);
    expect(new Set(appUsers.map((u) => u.scope))).toEqual(new Set(truth.appUsers[app.id].map((u: any) => u.scope)));
    const withGroups = truth.apps.find((a: any) => truth.appGroups[a.id].length > 0);
    expect(await collect(`${em.url}/api/v1/apps/${withGroups.id}/groups`, em.ssws)).toEqual(truth.appGroups[withGroups.id]);
    const groups = await collect(`${em.url}/api/v1/groups?limit=9`, em.ssws);
    expect(groups).toEqual(truth.groups);
    const assignees = await get("/api/v1/iam/assignees/users?limit=2");
    expect(assignees.body.value).toHaveLength(2);
    expect(assignees.body._links.next.href).toBe(nextLink(assignees.headers));
  });

  it("expand=stats counts members and apps", async () => {
    const r = await get("/api/v1/groups?limit=100&expand=stats");
    for (const g of r.body) {
      const m = truth.memberships.find((x: any) => x.groupId === g.id);
      expect(g._embedded.stats.usersCount, g.profile.name).toBe(m.userIds.length);
    }
  });
});

describe("filter and search", () => {
  it("users: table of expressions against the truth", async () => {
    const users: any[] = truth.users;
    const mid = [...users].sort((a, b) => a.lastUpdated.localeCompare(b.lastUpdated))[Math.floor(users.length / 2)].lastUpdated;
    const someone = users[5];
    const table: [string, (u: any) => boolean][] = [
      [`search=${q(`lastUpdated gt "${mid}"`)}`, (u) => u.lastUpdated > mid],
      [`filter=${q(`lastUpdated gt "${mid}"`)}`, (u) => u.lastUpdated > mid],
      [`search=${q('status eq "SUSPENDED"')}`, (u) => u.status === "SUSPENDED"],
      [
        `filter=${q('status eq "DEPROVISIONED" or status eq "LOCKED_OUT"')}`,
        (u) => u.status === "DEPROVISIONED" || u.status === "LOCKED_OUT",
      ],
      [
        `search=${q('profile.department eq "engineering" and (status eq "ACTIVE" or status eq "STAGED")')}`,
        (u) => u.profile.department === "Engineering" && ["ACTIVE", "STAGED"].includes(u.status),
      ],
      [`search=${q('(status lt "STAGED" or status gt "STAGED")')}`, (u) => u.status !== "STAGED"],
      [
        `search=${q(`profile.login sw "${someone.profile.login.slice(0, 3)}"`)}`,
        (u) => u.profile.login.startsWith(someone.profile.login.slice(0, 3)),
      ],
      [`search=${q('profile.email co "son"')}`, (u) => u.profile.email.includes("son")],
      [`filter=${q(`id eq "${someone.id}"`)}`, (u) => u.id === someone.id],
      [`search=${q(`profile.city eq "${someone.profile.city}"`)}`, (u) => u.profile.city === someone.profile.city],
    ];
    for (const [query, pred] of table) {
      const got = await collect(`${em.url}/api/v1/users?limit=200&${query}`, em.ssws);
      expect(ids(got), query).toEqual(ids(users.filter(pred)));
    }
  });

  it("users: a filter on ids (looked up by id) pages in id-cursor order, keeps DEPROVISIONED, and ands with the rest", async () => {
    const users: any[] = truth.users;
    const gone = users.find((u) => u.status === "DEPROVISIONED");
    expect(gone).toBeTruthy();
    // Out of order, one twice, one unknown: the answer is the matching users in the list's own order.
    const picked = [users[40], gone, users[3], users[17], users[3], users[29], users[8]];
    const idFilter = [...picked.map((u) => `id eq "${u.id}"`), 'id eq "00u_not_a_user"'].join(" or ");
    const want = users.filter((u) => picked.includes(u));
    for (const limit of [2, 200]) {
      const got = await collect(`${em.url}/api/v1/users?limit=${limit}&filter=${q(idFilter)}`, em.ssws);
      expect(
        got.map((u: any) => u.id),
        `limit ${limit}`,
      ).toEqual(want.map((u) => u.id));
    }
    const active = await collect(`${em.url}/api/v1/users?limit=2&filter=${q(`status eq "ACTIVE" and (${idFilter})`)}`, em.ssws);
    expect(ids(active)).toEqual(ids(want.filter((u) => u.status === "ACTIVE")));
    const either = await collect(
      `${em.url}/api/v1/users?limit=200&filter=${q(`id eq "${users[3].id}" or status eq "LOCKED_OUT"`)}`,
      em.ssws,
    );
    expect(ids(either)).toEqual(ids(users.filter((u) => u.id === users[3].id || u.status === "LOCKED_OUT")));
  });

  it("users: search with sortBy orders the results", async () => {
    const r = await collect(
      `${em.url}/api/v1/users?limit=50&search=${q('status eq "ACTIVE"')}&sortBy=profile.lastName&sortOrder=desc`,
      em.ssws,
    );
    const names = r.map((u) => u.profile.lastName.toLowerCase());
    expect(names).toEqual([...names].sort().reverse());
  });

  it("unsupported expressions are 400 E0000031", async () => {
    for (const p of [
      `/api/v1/users?filter=${q('profile.department eq "Sales"')}`,
      `/api/v1/users?filter=${q('status sw "A"')}`,
      `/api/v1/users?search=${q('profile.title co "Engineer"')}`,
      `/api/v1/users?search=${q('status eq "ACTIVE" and')}`,
      `/api/v1/users?search=${q('not (status eq "ACTIVE")')}`,
      `/api/v1/groups?filter=${q('profile.name eq "x"')}`,
      `/api/v1/logs?filter=${q('published gt "2024-01-01T00:00:00.000Z"')}`,
      `/api/v1/apps?filter=${q('label eq "Slack"')}`,
    ]) {
      const r = await get(p);
      expect(r.status, p).toBe(400);
      expect(r.body.errorCode, p).toBe("E0000031");
    }
  });

  it("groups: filter on type and dates, search on profile, q on name", async () => {
    const groups: any[] = truth.groups;
    const mid = [...groups].sort((a, b) => a.lastMembershipUpdated.localeCompare(b.lastMembershipUpdated))[Math.floor(groups.length / 2)]
      .lastMembershipUpdated;
    const table: [string, (g: any) => boolean][] = [
      [`filter=${q('type eq "APP_GROUP"')}`, (g) => g.type === "APP_GROUP"],
      [
        `filter=${q(`type eq "OKTA_GROUP" and (lastUpdated gt "${mid}" or lastMembershipUpdated gt "${mid}")`)}`,
        (g) => g.type === "OKTA_GROUP" && (g.lastUpdated > mid || g.lastMembershipUpdated > mid),
      ],
      [`search=${q('profile.name sw "Dept"')}`, (g) => g.profile.name.startsWith("Dept")],
      [`search=${q('type eq "BUILT_IN"')}`, (g) => g.type === "BUILT_IN"],
      [`q=${q("office")}`, (g) => g.profile.name.toLowerCase().startsWith("office")],
    ];
    for (const [query, pred] of table)
      expect(ids(await collect(`${em.url}/api/v1/groups?${query}`, em.ssws)), query).toEqual(ids(groups.filter(pred)));
  });

  it("apps: filter on status and user.id, q on label", async () => {
    const inactive = truth.apps.filter((a: any) => a.status === "INACTIVE");
    expect(ids((await get(`/api/v1/apps?limit=200&filter=${q('status eq "INACTIVE"')}`)).body)).toEqual(ids(inactive));
    const appUser = Object.entries(truth.appUsers).find(([, v]: any) => v.length)! as [string, any[]];
    const userId = appUser[1][0].id;
    const expected = truth.apps.filter((a: any) => truth.appUsers[a.id].some((u: any) => u.id === userId));
    expect(ids((await get(`/api/v1/apps?limit=200&filter=${q(`user.id eq "${userId}"`)}`)).body)).toEqual(ids(expected));
    const sla = truth.apps.filter((a: any) => a.label.toLowerCase().startsWith("sla") || a.name.startsWith("sla"));
    expect(sla.length).toBeGreaterThan(0);
    expect(ids((await get(`/api/v1/apps?q=${q("sla")}`)).body)).toEqual(ids(sla));
  });
});

describe("System Log", () => {
  it("a polling query always returns next, even on an empty page, and resumes from it", async () => {
    const since = new Date(Date.now() - 2 * 864e5).toISOString();
    let next: string | null = `${em.url}/api/v1/logs?limit=1000&since=${q(since)}`;
    const seen: any[] = [];
    let last: any;
    for (let i = 0; i < 50; i++) {
      last = await call(next!, { headers: em.ssws });
      next = nextLink(last.headers);
      expect(next).toBeTruthy();
      if (!last.body.length) break;
      seen.push(...last.body);
    }
    expect(last.body).toEqual([]);
    expect(seen.length).toBeGreaterThan(0);
    expect(new Set(seen.map((e) => e.uuid)).size).toBe(seen.length);
    const m = await control(em.url, "/mutations", "POST", { count: 5, seed: 3 });
    expect(m.logEvents).toBeGreaterThanOrEqual(5);
    const after = await call(next!, { headers: em.ssws });
    // Exactly the events the mutations logged, from where the last poll stopped.
    expect(after.body).toHaveLength(m.logEvents);
    expect(nextLink(after.headers)).toBeTruthy();
  });

  it("a bounded query ends; DESCENDING returns newest first; filter and q narrow", async () => {
    const until = new Date(Date.now() - 864e5).toISOString();
    const since = new Date(Date.now() - 3 * 864e5).toISOString();
    const all = await collect(`${em.url}/api/v1/logs?limit=500&since=${q(since)}&until=${q(until)}`, em.ssws);
    expect(all.length).toBeGreaterThan(0);
    expect(all.every((e) => e.published >= since && e.published < until)).toBe(true);
    const times = all.map((e) => e.published);
    expect(times).toEqual([...times].sort());
    const desc = await collect(`${em.url}/api/v1/logs?limit=500&since=${q(since)}&until=${q(until)}&sortOrder=DESCENDING`, em.ssws);
    expect(desc.map((e) => e.uuid)).toEqual(all.map((e) => e.uuid).reverse());
    const failed = await collect(
      `${em.url}/api/v1/logs?limit=500&since=${q(since)}&until=${q(until)}&filter=${q('eventType eq "user.session.start" and outcome.result eq "FAILURE"')}`,
      em.ssws,
    );
    expect(failed.map((e) => e.uuid)).toEqual(
      all.filter((e) => e.eventType === "user.session.start" && e.outcome.result === "FAILURE").map((e) => e.uuid),
    );
    const target = all.find((e) => e.target.length)!.target[0].id;
    const byTarget = await collect(
      `${em.url}/api/v1/logs?limit=500&since=${q(since)}&until=${q(until)}&filter=${q(`target.id eq "${target}"`)}`,
      em.ssws,
    );
    expect(byTarget.length).toBe(all.filter((e) => e.target.some((t: any) => t.id === target)).length);
    const groupEvents = await collect(
      `${em.url}/api/v1/logs?limit=500&since=${q(since)}&until=${q(until)}&filter=${q('eventType sw "group."')}`,
      em.ssws,
    );
    expect(groupEvents.map((e) => e.uuid)).toEqual(all.filter((e) => e.eventType.startsWith("group.")).map((e) => e.uuid));
    expect(groupEvents.length).toBeGreaterThan(0);
    const sso = all.find((e) => e.eventType === "user.authentication.sso")!;
    const byQ = await collect(`${em.url}/api/v1/logs?limit=500&since=${q(since)}&until=${q(until)}&q=${q(sso.actor.alternateId)}`, em.ssws);
    expect(byQ.map((e) => e.uuid)).toContain(sso.uuid);
  });

  it("events look like Okta's", async () => {
    const r = await get(
      `/api/v1/logs?limit=1000&filter=${q('eventType eq "user.authentication.sso"')}&since=${q(new Date(Date.now() - 5 * 864e5).toISOString())}`,
    );
    const e = r.body[0];
    expect(e).toMatchObject({
      eventType: "user.authentication.sso",
      version: "0",
      severity: "INFO",
      displayMessage: "User single sign on to app",
      legacyEventType: "app.auth.sso",
      outcome: { result: "SUCCESS" },
    });
    expect(e.actor.type).toBe("User");
    expect(e.target[0].type).toBe("AppInstance");
    expect(e.client.ipAddress).toMatch(/^\d+\.\d+\.\d+\.\d+$/);
    expect(e.client.geographicalContext.country).toBeTruthy();
    expect(e.uuid).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-1[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });
});

describe("writes and mutations", () => {
  it("lifecycle writes move status and timestamps and are logged", async () => {
    const truth = await control(em.url, "/truth");
    const u = truth.users.find((x: any) => x.status === "ACTIVE");
    const before = Date.now();
    expect((await call(`${em.url}/api/v1/users/${u.id}/lifecycle/suspend`, { method: "POST", headers: em.ssws })).status).toBe(200);
    const after = (await get(`/api/v1/users/${u.id}`)).body;
    expect(after.status).toBe("SUSPENDED");
    expect(Date.parse(after.statusChanged)).toBeGreaterThanOrEqual(before - 1000);
    expect(after._links.unsuspend.href).toBe(`${em.url}/api/v1/users/${u.id}/lifecycle/unsuspend`);
    const logs = await get(
      `/api/v1/logs?filter=${q(`eventType eq "user.lifecycle.suspend" and target.id eq "${u.id}"`)}&since=${q(new Date(before - 5000).toISOString())}`,
    );
    expect(logs.body).toHaveLength(1);
    expect(logs.body[0].actor.id).toBeTruthy();
    const changed = await collect(
      `${em.url}/api/v1/users?search=${q(`lastUpdated gt "${new Date(before - 1000).toISOString()}"`)}`,
      em.ssws,
    );
    expect(changed.map((x) => x.id)).toContain(u.id);
  });

  it("membership writes move lastMembershipUpdated and group-assigned app users follow", async () => {
    const truth = await control(em.url, "/truth");
    const app = truth.apps.find((a: any) => truth.appGroups[a.id].length && truth.appGroups[a.id][0].id !== truth.groups[0].id);
    const groupId = truth.appGroups[app.id][0].id;
    const members = new Set(truth.memberships.find((m: any) => m.groupId === groupId).userIds);
    const outsider = truth.users.find(
      (u: any) => u.status === "ACTIVE" && !members.has(u.id) && !truth.appUsers[app.id].some((x: any) => x.id === u.id),
    );
    expect((await call(`${em.url}/api/v1/groups/${groupId}/users/${outsider.id}`, { method: "PUT", headers: em.ssws })).status).toBe(204);
    const au = await get(`/api/v1/apps/${app.id}/users/${outsider.id}`);
    expect(au.status).toBe(200);
    expect(au.body.scope).toBe("GROUP");
    const g = (await get(`/api/v1/groups/${groupId}`)).body;
    expect(Date.parse(g.lastMembershipUpdated)).toBeGreaterThan(Date.now() - 10_000);
    expect((await call(`${em.url}/api/v1/groups/${groupId}/users/${outsider.id}`, { method: "DELETE", headers: em.ssws })).status).toBe(
      204,
    );
    expect((await get(`/api/v1/apps/${app.id}/users/${outsider.id}`)).status).toBe(404);
  });

  it("mutations change the org the way the truth says, and log what they did", async () => {
    const before = await control(em.url, "/truth/summary");
    const res = await control(em.url, "/mutations", "POST", { count: 40, seed: 11 });
    expect(res.applied).toBe(40);
    expect(res.logEvents).toBeGreaterThanOrEqual(40);
    const kinds = new Set(res.changes.map((c: any) => c.kind));
    expect(kinds.size).toBeGreaterThan(5);
    const after = await control(em.url, "/truth");
    const hires = res.changes.filter((c: any) => c.kind === "hire").length;
    const deletes = res.changes.filter((c: any) => c.kind === "user_delete").length;
    expect(after.summary.users).toBe(before.users + hires - deletes);
    const apiUsers = await collect(`${em.url}/api/v1/users?limit=200&search=${q("status pr")}`, em.ssws);
    expect(apiUsers).toEqual(after.users);
  });
});

describe("event hooks", () => {
  it("verifies, delivers with the configured header, retries once on 5xx", async () => {
    const received: { headers: http.IncomingHttpHeaders; body: any }[] = [];
    let failNext = 1;
    const srv = http.createServer((req, res) => {
      if (req.method === "GET") {
        res.setHeader("content-type", "application/json");
        return res.end(JSON.stringify({ verification: req.headers["x-okta-verification-challenge"] }));
      }
      let raw = "";
      req.on("data", (c) => (raw += c));
      req.on("end", () => {
        if (failNext-- > 0) {
          res.statusCode = 503;
          return res.end();
        }
        received.push({ headers: req.headers, body: JSON.parse(raw) });
        res.statusCode = 200;
        res.end();
      });
    });
    await new Promise<void>((r) => srv.listen(0, "127.0.0.1", r));
    const hookUrl = `http://127.0.0.1:${(srv.address() as AddressInfo).port}/hook`;
    try {
      const created = await call(`${em.url}/api/v1/eventHooks`, {
        method: "POST",
        headers: em.ssws,
        json: {
          name: "console",
          events: { type: "EVENT_TYPE", items: ["user.lifecycle.suspend", "group.user_membership.add"] },
          channel: {
            type: "HTTP",
            version: "1.0.0",
            config: { uri: hookUrl, authScheme: { type: "HEADER", key: "Authorization", value: "s3cret" } },
          },
        },
      });
      expect(created.status).toBe(200);
      expect(created.body).toMatchObject({ status: "ACTIVE", verificationStatus: "UNVERIFIED" });
      expect(created.body.channel.config.authScheme.value).toBeUndefined();
      const verified = await call(`${em.url}/api/v1/eventHooks/${created.body.id}/lifecycle/verify`, { method: "POST", headers: em.ssws });
      expect(verified.body.verificationStatus).toBe("VERIFIED");
      const u = (await control(em.url, "/truth/users")).find((x: any) => x.status === "ACTIVE");
      await call(`${em.url}/api/v1/users/${u.id}/lifecycle/suspend`, { method: "POST", headers: em.ssws });
      for (let i = 0; i < 100 && !received.length; i++) await new Promise((r) => setTimeout(r, 30));
      expect(received).toHaveLength(1);
      expect(received[0].headers.authorization).toBe("s3cret");
      expect(received[0].body).toMatchObject({
        eventType: "com.okta.event_hook",
        cloudEventsVersion: "0.1",
        contentType: "application/json",
      });
      expect(received[0].body.data.events[0]).toMatchObject({ eventType: "user.lifecycle.suspend", target: [{ id: u.id }] });
      const hooks = await control(em.url, "/truth/eventHooks");
      expect(hooks[0].deliveries[0]).toMatchObject({ status: 200, attempts: 2 });
      expect((await call(`${em.url}/api/v1/eventHooks/${created.body.id}`, { method: "DELETE", headers: em.ssws })).status).toBe(400);
      await call(`${em.url}/api/v1/eventHooks/${created.body.id}/lifecycle/deactivate`, { method: "POST", headers: em.ssws });
      expect((await call(`${em.url}/api/v1/eventHooks/${created.body.id}`, { method: "DELETE", headers: em.ssws })).status).toBe(204);
      // Gone: both lifecycle calls answer 404 E0000007 (what a console's disconnect treats as already removed).
      const again = await call(`${em.url}/api/v1/eventHooks/${created.body.id}/lifecycle/deactivate`, { method: "POST", headers: em.ssws });
      expect([again.status, again.body.errorCode]).toEqual([404, "E0000007"]);
      expect((await call(`${em.url}/api/v1/eventHooks/${created.body.id}`, { method: "DELETE", headers: em.ssws })).status).toBe(404);
    } finally {
      srv.close();
    }
  });

  it("a hook that does not answer the challenge stays unverified", async () => {
    const created = await call(`${em.url}/api/v1/eventHooks`, {
      method: "POST",
      headers: em.ssws,
      json: {
        name: "dead",
        events: { type: "EVENT_TYPE", items: ["user.lifecycle.create"] },
        channel: { type: "HTTP", version: "1.0.0", config: { uri: "http://127.0.0.1:9/nothing" } },
      },
    });
    const r = await call(`${em.url}/api/v1/eventHooks/${created.body.id}/lifecycle/verify`, { method: "POST", headers: em.ssws });
    expect(r.status).toBe(400);
    expect(r.body.errorCode).toBe("E0000001");
    const bad = await call(`${em.url}/api/v1/eventHooks`, {
      method: "POST",
      headers: em.ssws,
      json: { name: "", events: { type: "EVENT_TYPE", items: [] }, channel: { type: "HTTP", version: "1.0.0", config: { uri: "nope" } } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.errorCauses).toEqual([
      { errorSummary: "name: The field cannot be left blank." },
      { errorSummary: "events.items: must be a non-empty list of event types." },
      { errorSummary: "channel.config.uri: must be a valid URL." },
    ]);
  });
});

describe("faults", () => {
  it("5xx rate, connection resets, latency, path scoping, and clearing", async () => {
    try {
      await control(em.url, "/faults", "POST", { errorRate: 1, errorStatus: 503, path: "/api/v1/groups" });
      const err = await get("/api/v1/groups?limit=1");
      expect(err.status).toBe(503);
      expect(err.body.errorCode).toBe("E0000009");
      expect((await get("/api/v1/users?limit=1")).status).toBe(200);
      await control(em.url, "/faults", "DELETE");
      await control(em.url, "/faults", "POST", { resetRate: 1 });
      await expect(fetch(`${em.url}/api/v1/users?limit=1`, { headers: em.ssws })).rejects.toThrow();
      await control(em.url, "/faults", "DELETE");
      await control(em.url, "/faults", "POST", { latencyMs: 300 });
      // A lower bound only: a slow machine makes the call slower, never faster.
      const t0 = Date.now();
      await get("/api/v1/users?limit=1");
      expect(Date.now() - t0).toBeGreaterThanOrEqual(280);
    } finally {
      await control(em.url, "/faults", "DELETE");
    }
    expect(await control(em.url, "/faults")).toMatchObject({ errorRate: 0, resetRate: 0, latencyMs: 0, path: null });
  });

  it("the control plane names the bad field", async () => {
    const res = await fetch(`${em.url}/__emulator/faults`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ errorRate: 3 }),
    });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(/^errorRate:/);
    const m = await fetch(`${em.url}/__emulator/mutations`, { method: "POST", body: "{" });
    expect(m.status).toBe(400);
  });
});
