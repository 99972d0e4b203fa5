// GET /api/activity/{id} against a real sync of the emulator: one event with its actor, targets,
// client, place, outcome and Okta's event exactly as the System Log served it; the integration
// picks between copies; another workspace's event is a 404; bad ids are 400s naming the field.
import { randomUUID } from "node:crypto";
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { oktaLogEvents } from "@/db/schema";
import { activityEvent } from "@/lib/activity/contracts";
import { EVENT_CATALOGUE } from "@/lib/activity/event-types";
import { stopBoss } from "@/lib/jobs/boss";
import { insertEvents, insertIntegration, user } from "@/test/activity-fixtures";
import { callRoute } from "@/test/call-route";
import { createTenant } from "@/test/factories";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { connectToEmulator } from "@/test/sync-fixtures";
import { GET } from "./route";

interface Ref {
  id: string;
  type: string;
  alternateId: string;
  displayName: string;
}
/** A System Log event as the emulator serves it (the fields this test reads). */
interface OktaEvent {
  uuid: string;
  published: string;
  eventType: string;
  displayMessage: string;
  actor: Ref;
  target: Ref[];
  client: {
    ipAddress: string;
    device: string;
    userAgent: { rawUserAgent: string; os: string; browser: string };
    geographicalContext: { city: string; state: string; country: string; postalCode: string; geolocation: { lat: number; lon: number } };
  };
}
interface EmulatorUser {
  id: string;
  status: string;
  profile: Record<string, unknown>;
}

let emu: TestEmulator;
let synced: Awaited<ReturnType<typeof connectToEmulator>>;
let added: OktaEvent; // the group.user_membership.add this test made in the org, as the System Log serves it
let member: EmulatorUser;
let group: { id: string; type: string; profile: { name: string } };
let directoryUserIds: Set<string>;

beforeAll(async () => {
  emu = await startTestEmulator({ seed: 21, users: 80, groups: 6, apps: 5, logDays: 5 });
  // An admin adds someone to a group through Okta's API, so the log holds an event we know in full.
  const truth = await emu.control<{
    users: EmulatorUser[];
    groups: (typeof group)[];
    memberships: { groupId: string; userIds: string[] }[];
  }>("GET", "/truth");
  group = truth.groups.find((g) => g.type === "OKTA_GROUP")!;
  directoryUserIds = new Set(truth.users.map((u) => u.id));
  const members = new Set(truth.memberships.find((m) => m.groupId === group.id)?.userIds ?? []);
  member = truth.users.find((u) => u.status === "ACTIVE" && !members.has(u.id))!;
  const put = await fetch(`${emu.url}/api/v1/groups/${group.id}/users/${member.id}`, {
    method: "PUT",
    headers: { authorization: `SSWS ${emu.apiToken()}` },
  });
  expect(put.status).toBe(204);
  synced = await connectToEmulator(emu);
  expect((await runSync(synced.runId)).status).toBe("succeeded");
  const logs = await emu.control<OktaEvent[]>("GET", "/truth/logs");
  const matches = logs.filter((e) => e.eventType === "group.user_membership.add" && e.target.some((t) => t.id === member.id));
  expect(matches).toHaveLength(1);
  added = matches[0];
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

const get = async (id: string, key: string | null, query = "") => {
  const res = await callRoute(GET, `/api/activity/${encodeURIComponent(id)}${query}`, { key, params: { id } });
  return { status: res.status, body: await res.json() };
};

describe("GET /api/activity/{id}", () => {
  it("answers a synced event with its actor, targets, client, place, outcome and Okta's event as served", async () => {
    const r = await get(added.uuid, synced.tenant.viewerKey);
    expect(r.status).toBe(200);
    expect(activityEvent.safeParse(r.body).success).toBe(true);
    const name = String(member.profile.displayName ?? `${member.profile.firstName} ${member.profile.lastName}`);
    expect(r.body).toMatchObject({
      id: added.uuid,
      integrationId: synced.integrationId,
      integration: { id: synced.integrationId, name: "Okta" },
      published: new Date(added.published).toISOString(),
      eventType: "group.user_membership.add",
      action: "Added to group",
      summary: `added ${name} to ${group.profile.name}`,
      displayMessage: added.displayMessage,
      outcome: "SUCCESS",
      actor: { id: added.actor.id, type: added.actor.type, login: added.actor.alternateId, displayName: added.actor.displayName },
      targets: added.target.map((t) => ({ id: t.id, type: t.type, alternateId: t.alternateId, displayName: t.displayName })),
      client: {
        ipAddress: added.client.ipAddress,
        userAgent: added.client.userAgent.rawUserAgent,
        os: added.client.userAgent.os,
        browser: added.client.userAgent.browser,
        device: added.client.device,
        zone: null, // Okta writes the string "null"
      },
      place: {
        city: added.client.geographicalContext.city,
        state: added.client.geographicalContext.state,
        country: added.client.geographicalContext.country,
        postalCode: added.client.geographicalContext.postalCode,
        lat: added.client.geographicalContext.geolocation.lat,
        lon: added.client.geographicalContext.geolocation.lon,
      },
    });
    expect(r.body.targets.map((t: Ref) => t.id)).toEqual([member.id, group.id]);
    // Both are in the synced directory (their pages open); the actor is, when it is one of the org's people.
    expect(r.body.targets.map((t: { inDirectory: boolean }) => t.inDirectory)).toEqual([true, true]);
    expect(r.body.actor.inDirectory).toBe(added.actor.type === "User" && directoryUserIds.has(added.actor.id));
    // Every field Okta sent, kept as it was (transaction, debugContext, request.ipChain, …).
    expect(r.body.raw).toEqual(added);
  });

  it("has a label for every event type the sync stored from the emulator", async () => {
    const stored = (
      await getDb()
        .selectDistinct({ t: oktaLogEvents.eventType })
        .from(oktaLogEvents)
        .where(eq(oktaLogEvents.integrationId, synced.integrationId))
    ).map((r) => r.t);
    const served = new Set((await emu.control<OktaEvent[]>("GET", "/truth/logs")).map((e) => e.eventType));
    expect(new Set(stored)).toEqual(served);
    expect(stored.length).toBeGreaterThanOrEqual(8); // sign-ins, SSO, MFA, profile, password, memberships, assignments, …
    expect(stored.filter((t) => !EVENT_CATALOGUE[t])).toEqual([]);
  });

  it("picks the copy of the integration asked for, and 404s for an integration that does not hold it", async () => {
    const t = synced.tenant;
    // The same org connected twice holds the same event twice.
    const second = await insertIntegration(t.ws.id, "Okta again");
    await insertEvents([
      {
        workspaceId: t.ws.id,
        integrationId: second.id,
        uuid: added.uuid,
        published: new Date(added.published),
        eventType: added.eventType,
        displayMessage: "the second copy",
      },
    ]);
    const first = await get(added.uuid, t.viewerKey, `?integrationId=${synced.integrationId}`);
    expect(first.body).toMatchObject({ integration: { id: synced.integrationId, name: "Okta" }, displayMessage: added.displayMessage });
    const copy = await get(added.uuid, t.viewerKey, `?integrationId=${second.id}`);
    expect(copy.body).toMatchObject({ integration: { id: second.id, name: "Okta again" }, displayMessage: "the second copy", raw: null });
    // Without it, the same one every time.
    const ids = new Set<string>();
    for (let i = 0; i < 3; i++) ids.add((await get(added.uuid, t.viewerKey)).body.integration.id);
    expect(ids).toEqual(new Set([[synced.integrationId, second.id].sort()[0]]));
    const elsewhere = await insertIntegration(t.ws.id);
    expect((await get(added.uuid, t.viewerKey, `?integrationId=${elsewhere.id}`)).status).toBe(404);
  });

  it("is a 404 for another workspace, even asked with the event's own integration", async () => {
    const other = await createTenant();
    for (const q of ["", `?integrationId=${synced.integrationId}`]) {
      const r = await get(added.uuid, other.adminKey, q);
      expect(r.status).toBe(404);
      expect(r.body).toEqual({ error: { code: "NOT_FOUND", message: "Event not found" } });
    }
    expect((await get(randomUUID(), synced.tenant.adminKey)).status).toBe(404);
  });

  it("reads the client and place from the stored columns when the raw event was not kept", async () => {
    const t = await createTenant();
    const integration = await insertIntegration(t.ws.id);
    const [e] = await insertEvents([
      {
        workspaceId: t.ws.id,
        integrationId: integration.id,
        uuid: randomUUID(),
        published: new Date("2026-02-01T08:00:00.000Z"),
        eventType: "user.account.lock",
        outcomeResult: "SUCCESS",
        actorId: "00uJ",
        actorType: "User",
        actorAlternateId: "j@acme.com",
        actorDisplayName: "J",
        targets: [user("00uJ", "j@acme.com", "J")],
        clientIp: "198.51.100.4",
        userAgent: "curl/8",
        city: "Porto",
        country: "Portugal",
        lat: 41.15,
        lon: -8.61,
      },
    ]);
    const r = await get(e.uuid, t.viewerKey);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      action: "Account locked",
      summary: "was locked out after too many sign-in attempts",
      // Nobody of this workspace's directory: no page to open.
      actor: { id: "00uJ", inDirectory: false },
      targets: [{ id: "00uJ", inDirectory: false }],
      client: { ipAddress: "198.51.100.4", userAgent: "curl/8", os: null, browser: null, device: null, zone: null },
      place: { city: "Porto", state: null, country: "Portugal", postalCode: null, lat: 41.15, lon: -8.61 },
      raw: null,
    });
  });

  it("passes the raw event through the log's redaction", async () => {
    const t = await createTenant();
    const integration = await insertIntegration(t.ws.id);
    const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwMHUxIn0.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
    const [e] = await insertEvents([
      {
        workspaceId: t.ws.id,
        integrationId: integration.id,
        uuid: randomUUID(),
        published: new Date("2026-02-01T08:00:00.000Z"),
        eventType: "user.session.start",
        raw: {
          eventType: "user.session.start",
          debugContext: { debugData: { requestUri: "/login", clientSecret: "s3cr3t-value", note: `Bearer ${jwt}` } },
        },
      },
    ]);
    const r = await get(e.uuid, t.viewerKey);
    expect(r.status).toBe(200);
    expect(r.body.raw.debugContext.debugData).toEqual({ requestUri: "/login", clientSecret: "[redacted]", note: "Bearer [redacted jwt]" });
    expect(JSON.stringify(r.body)).not.toContain("s3cr3t");
    expect(JSON.stringify(r.body)).not.toContain(jwt);
  });

  it.each([
    ["a b", "", "id"],
    ["x".repeat(201), "", "id"],
    ["evt\u0000", "", "id"],
    ["dc9fd3c0-598c-11ef-8478-2b7584bf8d5a", "?integrationId=42", "integrationId"],
    ["dc9fd3c0-598c-11ef-8478-2b7584bf8d5a", "?colour=blue", "colour"],
  ])("answers 400 naming the field for id %j%s", async (id, query, field) => {
    const r = await get(id, synced.tenant.viewerKey, query);
    expect(r.status).toBe(400);
    expect(r.body.error.code).toBe("VALIDATION");
    expect(r.body.error.message).toContain(field);
  });

  it("needs credentials", async () => {
    expect((await get(added.uuid, null)).status).toBe(401);
  });
});
