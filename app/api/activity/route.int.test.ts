// GET /api/activity and /api/activity/event-types through the route handlers against real Postgres:
// the synced System Log of the caller's workspace, newest first, filtered and paged as the query says,
// in the shape of the Activity page's contract, and nothing of another workspace.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { integrations, oktaLogEvents } from "@/db/schema";
import { activityPage } from "@/lib/activity/contracts";
import { app, group, insertEvents, insertIntegration, type LogEventInsert, user } from "@/test/activity-fixtures";
import { callRoute } from "@/test/call-route";
import { createTenant } from "@/test/factories";
import { GET as eventTypesRoute } from "./event-types/route";
import { GET as activityRoute } from "./route";

type Row = typeof oktaLogEvents.$inferInsert & { uuid: string; published: Date };

/** An integration of the workspace with `n` System Log events, a minute apart, newest first. */
async function seed(workspaceId: string, n: number, label = "okta") {
  const [integration] = await getDb()
    .insert(integrations)
    .values({ workspaceId, name: `${label}-${randomUUID().slice(0, 6)}`, domain: "https://acme.okta.com", authMethod: "api_token" })
    .returning();
  const base = Date.parse("2026-03-01T09:00:00.000Z");
  const types = ["user.session.start", "user.authentication.sso", "user.lifecycle.suspend"];
  const rows: Row[] = Array.from({ length: n }, (_, i) => ({
    workspaceId,
    integrationId: integration.id,
    uuid: randomUUID(),
    published: new Date(base - i * 60_000),
    eventType: types[i % 3],
    displayMessage: `event ${i}`,
    severity: i % 4 === 0 ? "WARN" : "INFO",
    outcomeResult: i % 4 === 0 ? "FAILURE" : "SUCCESS",
    outcomeReason: i % 4 === 0 ? "INVALID_CREDENTIALS" : null,
    actorId: `00u${i}`,
    actorType: "User",
    actorAlternateId: `person${i}@acme.com`,
    actorDisplayName: `Person ${i}`,
    targetAppId: i % 3 === 1 ? "0oaSLACK" : null,
    targetAppName: i % 3 === 1 ? "Slack" : null,
    clientIp: "203.0.113.7",
    city: "Lisbon",
    state: null,
    country: "Portugal",
  }));
  await getDb().insert(oktaLogEvents).values(rows);
  return { integration, rows };
}

async function get(path: string, key: string | null) {
  const res = await callRoute(activityRoute, path, { key });
  return { status: res.status, body: await res.json() };
}
const uuids = (rows: { uuid: string }[]) => rows.map((r) => r.uuid);

describe("GET /api/activity", () => {
  it("answers the workspace's events newest first in the page contract, each with what the page shows", async () => {
    const t = await createTenant();
    const { integration, rows } = await seed(t.ws.id, 7);
    const r = await get("/api/activity", t.viewerKey);
    expect(r.status).toBe(200);
    expect(activityPage.safeParse(r.body).success).toBe(true);
    expect(r.body.nextCursor).toBeNull();
    expect(r.body.items.map((i: { id: string }) => i.id)).toEqual(uuids(rows));
    expect(r.body.items[1]).toEqual({
      id: rows[1].uuid,
      integrationId: integration.id,
      published: rows[1].published.toISOString(),
      eventType: "user.authentication.sso",
      action: "Signed in to an app",
      // The seeded SSO names no app among its targets, so the sentence says so in general words.
      summary: "signed in to an app",
      displayMessage: "event 1",
      severity: "INFO",
      outcome: "SUCCESS",
      outcomeReason: null,
      actor: { id: "00u1", login: "person1@acme.com", displayName: "Person 1", type: "User" },
      targets: [],
      app: { id: "0oaSLACK", name: "Slack" },
      clientIp: "203.0.113.7",
      location: "Lisbon, Portugal",
    });
  });

  it("pages with the cursor through every event once, in order", async () => {
    const t = await createTenant();
    const { rows } = await seed(t.ws.id, 12);
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const r = await get(`/api/activity?limit=5${cursor ? `&cursor=${cursor}` : ""}`, t.viewerKey);
      expect(r.status).toBe(200);
      seen.push(...r.body.items.map((i: { id: string }) => i.id));
      cursor = r.body.nextCursor;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(3);
    expect(seen).toEqual(uuids(rows));
  });

  it("filters by outcome, event type, person and integration", async () => {
    const t = await createTenant();
    const a = await seed(t.ws.id, 12, "first");
    const b = await seed(t.ws.id, 4, "second");
    const both = [...a.rows, ...b.rows].sort((x, y) => +y.published - +x.published || (x.uuid < y.uuid ? 1 : -1));
    const ids = async (query: string) => {
      const r = await get(`/api/activity?limit=200&${query}`, t.viewerKey);
      expect(r.status, JSON.stringify(r.body)).toBe(200);
      return new Set<string>(r.body.items.map((i: { id: string }) => i.id));
    };
    expect(await ids("")).toEqual(new Set(uuids(both)));
    expect(await ids("outcome=FAILURE")).toEqual(new Set(uuids(both.filter((e) => e.outcomeResult === "FAILURE"))));
    expect(await ids("eventType=user.lifecycle.suspend")).toEqual(
      new Set(uuids(both.filter((e) => e.eventType === "user.lifecycle.suspend"))),
    );
    expect(await ids(`integrationId=${b.integration.id}`)).toEqual(new Set(uuids(b.rows)));
    // q matches the login or the display name, case-insensitively, anywhere.
    expect(await ids("q=PERSON11%40")).toEqual(new Set([a.rows[11].uuid]));
    expect(await ids("q=person 3")).toEqual(new Set([a.rows[3].uuid, b.rows[3].uuid]));
    expect(await ids(`outcome=SUCCESS&integrationId=${a.integration.id}&eventType=user.session.start`)).toEqual(
      new Set(uuids(a.rows.filter((e) => e.outcomeResult === "SUCCESS" && e.eventType === "user.session.start"))),
    );
  });

  it("never answers another workspace's events, even when asked for its integration", async () => {
    const mine = await createTenant();
    const theirs = await createTenant();
    const other = await seed(theirs.ws.id, 5);
    expect((await get("/api/activity", mine.viewerKey)).body).toEqual({ items: [], nextCursor: null });
    expect((await get(`/api/activity?integrationId=${other.integration.id}`, mine.adminKey)).body).toEqual({ items: [], nextCursor: null });
    expect((await get("/api/activity", theirs.viewerKey)).body.items).toHaveLength(5);
  });

  it.each([
    ["outcome=MAYBE", "outcome"],
    ["eventType=user session", "eventType"],
    ["integrationId=42", "integrationId"],
    ["limit=0", "limit"],
    ["limit=201", "limit"],
    [`q=${"x".repeat(201)}`, "q"],
    ["cursor=bm9wZQ", "cursor"],
    ["colour=blue", "colour"],
  ])("answers 400 naming the field for %s", async (qs, field) => {
    const t = await createTenant();
    const r = await get(`/api/activity?${qs}`, t.viewerKey);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("VALIDATION");
    expect(r.body.error.message).toContain(field);
  });

  it("needs credentials", async () => {
    expect((await get("/api/activity", null)).status).toBe(401);
  });
});

// An audit trail with people, a group, an app and a service account, to filter by who, what and when.
async function seedAudit(workspaceId: string) {
  const integration = await insertIntegration(workspaceId);
  const base = Date.parse("2026-03-10T12:00:00.000Z");
  const at = (hours: number) => new Date(base - hours * 3_600_000);
  const ada = user("00uADA", "ada@acme.com", "Ada Admin");
  const mada = user("00uMADA", "mada@acme.com", "Mada Lee");
  const jane = user("00uJANE", "jane@acme.com", "Jane Doe");
  const ben = user("00uBEN", "ben@acme.com", "Ben Okafor");
  const svc = { id: "0oaSVC", type: "PublicClientApp", alternateId: "0oaSVC", displayName: "Provisioner" };
  const aws = group("00gAWS", "aws-prod-admins");
  const slack = app("0oaSLACK", "Slack");
  const ev = (
    key: string,
    hours: number,
    eventType: string,
    actor: { id: string; type: string; alternateId: string; displayName: string },
    targets: object[],
    outcome = "SUCCESS",
  ): LogEventInsert & { key: string } => ({
    key,
    workspaceId,
    integrationId: integration.id,
    uuid: randomUUID(),
    published: at(hours),
    eventType,
    outcomeResult: outcome,
    actorId: actor.id,
    actorType: actor.type,
    actorAlternateId: actor.alternateId,
    actorDisplayName: actor.displayName,
    targets,
  });
  const events = [
    ev("added", 1, "group.user_membership.add", ada, [jane, aws]),
    ev("sso", 2, "user.authentication.sso", jane, [slack, { ...jane, type: "AppUser" }]),
    ev("failed", 3, "user.session.start", jane, [], "FAILURE"),
    ev("assigned", 24, "application.user_membership.add", svc, [{ ...ben, type: "AppUser" }, slack]),
    ev("profile", 48, "user.account.update_profile", ben, [ben]),
    ev("removed", 72, "group.user_membership.remove", ada, [jane, aws]),
    ev("mada", 96, "user.session.start", mada, []),
  ];
  await insertEvents(events);
  const byKey = Object.fromEntries(events.map((e) => [e.key, e.uuid]));
  return { integration, events, at, byKey };
}

describe("GET /api/activity: the audit filters", () => {
  const keysOf = async (t: { viewerKey: string }, byKey: Record<string, string>, query: string) => {
    const r = await get(`/api/activity?limit=200&${query}`, t.viewerKey);
    expect(r.status, JSON.stringify(r.body)).toBe(200);
    const names = new Map(Object.entries(byKey).map(([k, v]) => [v, k]));
    return r.body.items.map((i: { id: string }) => names.get(i.id) ?? i.id);
  };

  it("filters by actor: their Okta id, their login in any case, else part of a name or login", async () => {
    const t = await createTenant();
    const { byKey } = await seedAudit(t.ws.id);
    // Another workspace has events by the same Okta ids (another org can reuse nothing, but a test can).
    const other = await createTenant();
    await seedAudit(other.ws.id);
    const keys = (q: string) => keysOf(t, byKey, q);
    expect(await keys("actor=00uJANE")).toEqual(["sso", "failed"]);
    expect(await keys("actor=JANE%40ACME.COM")).toEqual(["sso", "failed"]);
    // An exact login wins over a longer one that contains it.
    expect(await keys("actor=ada%40acme.com")).toEqual(["added", "removed"]);
    expect(await keys("actor=ada")).toEqual(["added", "removed", "mada"]);
    expect(await keys("actor=provisioner")).toEqual(["assigned"]);
    expect(await keys("actor=0oaSVC")).toEqual(["assigned"]);
    expect(await keys("actor=nobody")).toEqual([]);
  });

  it("filters by target: an Okta id, login or name of any of the event's targets, exactly", async () => {
    const t = await createTenant();
    const { byKey } = await seedAudit(t.ws.id);
    const other = await createTenant();
    await seedAudit(other.ws.id);
    const keys = (q: string) => keysOf(t, byKey, q);
    expect(await keys("target=00uJANE")).toEqual(["added", "sso", "removed"]);
    expect(await keys("target=jane%40acme.com")).toEqual(["added", "sso", "removed"]);
    expect(await keys("target=aws-prod-admins")).toEqual(["added", "removed"]);
    expect(await keys("target=00gAWS")).toEqual(["added", "removed"]);
    expect(await keys("target=Slack")).toEqual(["sso", "assigned"]);
    expect(await keys("target=Ben Okafor")).toEqual(["assigned", "profile"]);
    // Exact: no part of a name, no other case.
    expect(await keys("target=aws-prod")).toEqual([]);
    expect(await keys("target=slack")).toEqual([]);
    // Okta's "unknown" alternateId of a group names nothing.
    expect(await keys("target=unknown")).toEqual([]);
  });

  it("filters by date range, from inclusive and to exclusive, as days or instants with a zone", async () => {
    const t = await createTenant();
    const { byKey, at } = await seedAudit(t.ws.id);
    const keys = (q: string) => keysOf(t, byKey, q);
    const iso = (h: number) => encodeURIComponent(at(h).toISOString());
    expect(await keys(`from=${iso(3)}`)).toEqual(["added", "sso", "failed"]);
    expect(await keys(`to=${iso(3)}`)).toEqual(["assigned", "profile", "removed", "mada"]);
    expect(await keys(`from=${iso(48)}&to=${iso(2)}`)).toEqual(["failed", "assigned", "profile"]);
    // 2026-03-10T12:00Z minus 24 h and 48 h: the whole of 9 March (UTC) holds the service account's assignment only.
    expect(await keys("from=2026-03-09&to=2026-03-10")).toEqual(["assigned"]);
    // The same instant written with an offset.
    expect(await keys(`from=${encodeURIComponent("2026-03-10T11:00:00+01:00")}`)).toEqual(["added", "sso"]);
  });

  it("combines the filters", async () => {
    const t = await createTenant();
    const { byKey, integration } = await seedAudit(t.ws.id);
    const keys = (q: string) => keysOf(t, byKey, q);
    expect(await keys("actor=00uJANE&outcome=FAILURE")).toEqual(["failed"]);
    expect(await keys("actor=00uADA&target=00uJANE&eventType=group.user_membership.remove")).toEqual(["removed"]);
    expect(await keys(`target=Slack&to=2026-03-10&integrationId=${integration.id}`)).toEqual(["assigned"]);
  });

  it("says which event of the catalogue each row is, in plain words naming its targets", async () => {
    const t = await createTenant();
    const { byKey } = await seedAudit(t.ws.id);
    const r = await get("/api/activity?limit=200", t.viewerKey);
    const row = (key: string) => r.body.items.find((i: { id: string }) => i.id === byKey[key]);
    expect(row("added")).toMatchObject({ action: "Added to group", summary: "added Jane Doe to aws-prod-admins" });
    expect(row("removed")).toMatchObject({ action: "Removed from group", summary: "removed Jane Doe from aws-prod-admins" });
    expect(row("sso")).toMatchObject({ action: "Signed in to an app", summary: "signed in to Slack" });
    expect(row("assigned")).toMatchObject({ action: "Assigned app", summary: "assigned Slack to Ben Okafor" });
    expect(row("profile")).toMatchObject({ action: "Updated profile", summary: "updated their profile" });
    expect(row("added").targets).toEqual([
      { id: "00uJANE", type: "User", alternateId: "jane@acme.com", displayName: "Jane Doe" },
      { id: "00gAWS", type: "UserGroup", alternateId: "unknown", displayName: "aws-prod-admins" },
    ]);
  });

  it.each([
    ["from=2026-02-30", "from"],
    ["from=0001-01-01", "from"],
    ["to=10000-01-01", "to"],
    ["from=2026-03-01T10:00", "from"],
    ["from=yesterday", "from"],
    ["from=2026-03-02&to=2026-03-01", "to"],
    ["from=2026-03-01&to=2026-03-01", "to"],
    ["actor=", "actor"],
    ["actor=%20%20", "actor"],
    ["actor=ja%0Ane", "actor"],
    ["target=a%09b", "target"],
    [`target=${"x".repeat(201)}`, "target"],
    ["actor=%00", "actor"],
    ["outcome=success", "outcome"],
  ])("answers 400 naming the field for %s", async (qs, field) => {
    const t = await createTenant();
    const r = await get(`/api/activity?${qs}`, t.viewerKey);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("VALIDATION");
    expect(r.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual([field]);
  });
});

describe("GET /api/activity/event-types", () => {
  it("counts the workspace's event types, most frequent first, and nothing of another workspace", async () => {
    const t = await createTenant();
    const other = await createTenant();
    await seed(t.ws.id, 8);
    await seed(other.ws.id, 30);
    const res = await callRoute(eventTypesRoute, "/api/activity/event-types", { key: t.viewerKey });
    expect(res.status).toBe(200);
    // 8 events cycling through three types: 3 session starts, 3 SSOs, 2 suspensions; ties by name.
    expect(await res.json()).toEqual({
      items: [
        { eventType: "user.authentication.sso", count: 3 },
        { eventType: "user.session.start", count: 3 },
        { eventType: "user.lifecycle.suspend", count: 2 },
      ],
    });
    const empty = await createTenant();
    expect(await (await callRoute(eventTypesRoute, "/api/activity/event-types", { key: empty.adminKey })).json()).toEqual({ items: [] });
    expect((await callRoute(eventTypesRoute, "/api/activity/event-types", {})).status).toBe(401);
  });
});
