// GET /api/activity and /api/activity/event-types through the route handlers against real Postgres:
// the synced System Log of the caller's workspace, newest first, filtered and paged as the query says,
// in the shape of the Activity page's contract, and nothing of another workspace.
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { integrations, oktaLogEvents } from "@/db/schema";
import { activityPage } from "@/lib/activity/schemas";
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
      displayMessage: "event 1",
      severity: "INFO",
      outcome: "SUCCESS",
      outcomeReason: null,
      actor: { id: "00u1", login: "person1@acme.com", displayName: "Person 1", type: "User" },
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
