import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { integrations, oktaLogActors, oktaLogEvents } from "@/db/schema";
import { systemCtx } from "@/lib/context";
import { createTenant } from "@/test/factories";
import { activityQuery } from "./contracts";
import { listActivity } from "./list-activity";
import { listEventTypeNames } from "./list-event-type-names";
import { listEventTypes } from "./list-event-types";

async function seed(workspaceId: string, n: number) {
  const [integration] = await getDb()
    .insert(integrations)
    .values({ workspaceId, name: `okta-${randomUUID().slice(0, 6)}`, domain: "https://acme.okta.com", authMethod: "api_token" })
    .returning();
  const base = Date.parse("2026-01-10T12:00:00.000Z");
  const rows = Array.from({ length: n }, (_, i) => ({
    workspaceId,
    integrationId: integration.id,
    uuid: randomUUID(),
    // Groups of three events share a timestamp, so the cursor must break ties.
    published: new Date(base - Math.floor(i / 3) * 60_000),
    eventType: i % 2 ? "user.session.start" : "user.authentication.sso",
    outcomeResult: i % 5 === 0 ? "FAILURE" : "SUCCESS",
    actorId: i % 4 === 0 ? `00uana${i}` : `00uben${i}`,
    actorAlternateId: i % 4 === 0 ? `ana_${i}@acme.com` : `ben${i}@acme.com`,
    actorDisplayName: i % 4 === 0 ? "Ana 100%" : "Ben",
    city: "Lisbon",
    country: "Portugal",
  }));
  if (rows.length) await getDb().insert(oktaLogEvents).values(rows);
  return { integration, rows };
}

const q = (over: Record<string, unknown> = {}) => activityQuery.parse(over);

describe("listActivity", () => {
  it("pages through every event exactly once, newest first, across equal timestamps", async () => {
    const t = await createTenant();
    const { rows } = await seed(t.ws.id, 23);
    const seen: string[] = [];
    let cursor: string | undefined;
    let pages = 0;
    do {
      const page = await listActivity({ ctx: systemCtx(t.ws.id), input: q({ limit: 5, ...(cursor ? { cursor } : {}) }) });
      seen.push(...page.items.map((i) => i.id));
      cursor = page.nextCursor ?? undefined;
      pages++;
    } while (cursor && pages < 10);
    expect(pages).toBe(5);
    // Newest first; events of the same second in a fixed order (the uuid, descending), so the pages
    // join up with nothing repeated or skipped.
    const newestFirst = [...rows].sort((a, b) => +b.published - +a.published || (a.uuid < b.uuid ? 1 : -1));
    expect(seen).toEqual(newestFirst.map((r) => r.uuid));
  });

  it("filters by outcome, event type and user (treating % and _ literally)", async () => {
    const t = await createTenant();
    const { rows } = await seed(t.ws.id, 20);
    const failures = await listActivity({ ctx: systemCtx(t.ws.id), input: q({ outcome: "FAILURE", limit: 100 }) });
    expect(failures.items.map((i) => i.id).sort()).toEqual(
      rows
        .filter((r) => r.outcomeResult === "FAILURE")
        .map((r) => r.uuid)
        .sort(),
    );
    const sso = await listActivity({ ctx: systemCtx(t.ws.id), input: q({ eventType: "user.authentication.sso", limit: 100 }) });
    expect(sso.items).toHaveLength(10);
    expect((await listActivity({ ctx: systemCtx(t.ws.id), input: q({ q: "ANA_", limit: 100 }) })).items).toHaveLength(5);
    expect((await listActivity({ ctx: systemCtx(t.ws.id), input: q({ q: "100%", limit: 100 }) })).items).toHaveLength(5);
    expect((await listActivity({ ctx: systemCtx(t.ws.id), input: q({ q: "a_a", limit: 100 }) })).items).toHaveLength(0);
    expect(sso.items[0]).toMatchObject({ location: "Lisbon, Portugal", app: { name: null } });
  });

  it("finds events by part of the actor's name or login as each event named it, in this workspace only", async () => {
    const t = await createTenant();
    const other = await createTenant();
    const { integration } = await seed(t.ws.id, 0);
    const { integration: theirs } = await seed(other.ws.id, 0);
    const event = (over: Partial<typeof oktaLogEvents.$inferInsert>, minute: number) => ({
      workspaceId: t.ws.id,
      integrationId: integration.id,
      uuid: randomUUID(),
      published: new Date(Date.parse("2026-01-10T12:00:00.000Z") + minute * 60_000),
      eventType: "user.session.start",
      actorId: "00uzoe",
      actorAlternateId: "zoe@acme.com",
      ...over,
    });
    // Zoe was renamed between two pages of the log; her login stayed. Written in two statements, as two pages are.
    const before = [event({ actorDisplayName: "Zoe Maiden" }, 1), event({ actorDisplayName: "Zoe Maiden" }, 2)];
    const after = [event({ actorDisplayName: "Zoe Married" }, 3), event({ actorDisplayName: "Zoe Married" }, 4)];
    const someoneElse = event({ actorId: "00umai", actorAlternateId: "mai@acme.com", actorDisplayName: "Mai" }, 5);
    await getDb().insert(oktaLogEvents).values(before);
    await getDb()
      .insert(oktaLogEvents)
      .values([
        ...after,
        someoneElse,
        { ...event({ actorDisplayName: "Zoe Maiden" }, 6), workspaceId: other.ws.id, integrationId: theirs.id },
      ]);
    const ids = async (text: string) =>
      (await listActivity({ ctx: systemCtx(t.ws.id), input: q({ q: text, limit: 200 }) })).items.map((i) => i.id).sort();
    expect(await ids("maiden")).toEqual(before.map((e) => e.uuid).sort());
    expect(await ids("MARRIED")).toEqual(after.map((e) => e.uuid).sort());
    expect(await ids("zoe@")).toEqual([...before, ...after].map((e) => e.uuid).sort());
    expect(await ids("mai")).toEqual([...before, someoneElse].map((e) => e.uuid).sort());
    expect((await listActivity({ ctx: systemCtx(t.ws.id), input: q({ actor: "Zoe M", limit: 100 }) })).items).toHaveLength(4);
    // Each name and login is kept once per actor, however many events carry it.
    const actors = await getDb().select().from(oktaLogActors).where(eq(oktaLogActors.integrationId, integration.id));
    expect(actors.map((a) => `${a.actorId} ${a.actorDisplayName}`).sort()).toEqual([
      "00umai Mai",
      "00uzoe Zoe Maiden",
      "00uzoe Zoe Married",
    ]);
    // More actors match than are looked up one by one: the events are tested by themselves, same answer.
    const crowd = Array.from({ length: 120 }, (_, i) =>
      event({ actorId: `00ucrowd${i}`, actorAlternateId: `crowd${i}@acme.com`, actorDisplayName: `Crowd ${i}` }, 10 + i),
    );
    await getDb().insert(oktaLogEvents).values(crowd);
    expect(await ids("crowd")).toEqual(crowd.map((e) => e.uuid).sort());
    expect(await ids("crowd11")).toEqual(
      crowd
        .filter((e) => /^crowd11\d?@/.test(e.actorAlternateId ?? ""))
        .map((e) => e.uuid)
        .sort(),
    );
  });

  it("never shows another workspace's events", async () => {
    const a = await createTenant();
    const b = await createTenant();
    await seed(b.ws.id, 4);
    expect((await listActivity({ ctx: systemCtx(a.ws.id), input: q() })).items).toEqual([]);
    expect(await listEventTypes({ ctx: systemCtx(a.ws.id) })).toEqual([]);
    expect(await listEventTypeNames({ ctx: systemCtx(a.ws.id) })).toEqual([]);
    expect(await listEventTypeNames({ ctx: systemCtx(b.ws.id) })).toEqual(["user.authentication.sso", "user.session.start"]);
    expect(await listEventTypes({ ctx: systemCtx(b.ws.id) })).toEqual([
      { eventType: "user.authentication.sso", count: 2 },
      { eventType: "user.session.start", count: 2 },
    ]);
  });

  it.each([
    ["garbage"],
    [Buffer.from(`["2026-02-30T00:00:00.000000Z","${randomUUID()}","x"]`).toString("base64url")],
    [Buffer.from("[1,2,3]").toString("base64url")],
  ])("answers VALIDATION for a forged cursor %#", async (cursor) => {
    const t = await createTenant();
    await expect(listActivity({ ctx: systemCtx(t.ws.id), input: q({ cursor }) })).rejects.toMatchObject({
      code: "VALIDATION",
      message: /cursor/,
    });
  });
});
