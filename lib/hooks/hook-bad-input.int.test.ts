// A delivery holding what Postgres cannot store is answered, never a 500: a NUL anywhere is a 400
// naming the field (nothing stored), and an event published on a date out of range (year 0) is
// stored without its date, as any unparseable date is.
import { afterAll, describe, expect, it } from "vitest";
import * as hookRoute from "@/app/api/hooks/okta/[id]/route";
import { getDb } from "@/db";
import { stopBoss } from "@/lib/jobs/boss";
import { callRoute } from "@/test/call-route";
import { createUser, createWorkspace, ctxOf } from "@/test/factories";
import { insertIntegration } from "@/test/sync-fixtures";
import { readHookSecret } from "./hook-secret";
import { setupEventHook } from "./setup-event-hook";

afterAll(() => stopBoss());

async function hooked() {
  const ws = await createWorkspace();
  const admin = await createUser(ws.id, "admin");
  const integration = await insertIntegration(ws.id);
  await setupEventHook({
    ctx: ctxOf(admin),
    input: { register: false, rotateSecret: false, integrationId: integration.id, origin: "http://localhost" },
  });
  const secret = (await readHookSecret(integration.id))!;
  const deliver = (events: unknown[]) =>
    callRoute(hookRoute.POST, `/api/hooks/okta/${integration.id}`, {
      method: "POST",
      params: { id: integration.id },
      headers: { authorization: secret },
      body: { eventType: "com.okta.event_hook", eventId: crypto.randomUUID(), data: { events } },
    });
  const stored = () =>
    getDb().$client<{ uuid: string; published: string | null }[]>`
      select uuid, to_char(published at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as published
      from hook_events where integration_id = ${integration.id} order by uuid`;
  return { deliver, stored };
}

describe("hook deliveries with values Postgres cannot store", () => {
  it.each([
    ["the event uuid", { uuid: "a\u0000b", eventType: "user.lifecycle.create" }, /data\.events\.0\.uuid: must not contain a NUL/],
    [
      "a target id",
      { uuid: "u1", eventType: "user.lifecycle.create", target: [{ id: "00u\u0000", type: "User" }] },
      /target\.0\.id: must not contain a NUL/,
    ],
    ["the event type", { uuid: "u1", eventType: "user.\ud800" }, /eventType: must be valid Unicode/],
  ])("refuses a NUL or lone surrogate in %s with a 400 naming it, storing nothing", async (_, event, message) => {
    const h = await hooked();
    const res = await h.deliver([event]);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(message);
    expect(await h.stored()).toEqual([]);
  });

  it("stores an event published out of range (year 0, year 10000) without its date, and a good one with it", async () => {
    const h = await hooked();
    const res = await h.deliver([
      { uuid: "e0", eventType: "user.lifecycle.create", published: "0000-01-01T00:00:00.000Z" },
      { uuid: "e1", eventType: "user.lifecycle.create", published: "+010000-01-01T00:00:00.000Z" },
      { uuid: "e2", eventType: "user.lifecycle.create", published: "2024-05-01T10:00:00.123Z" },
    ]);
    expect(res.status).toBe(204);
    expect(await h.stored()).toEqual([
      { uuid: "e0", published: null },
      { uuid: "e1", published: null },
      { uuid: "e2", published: "2024-05-01T10:00:00.123Z" },
    ]);
  });
});
