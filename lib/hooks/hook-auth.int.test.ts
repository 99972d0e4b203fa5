// Who may deliver to an integration's hook endpoint (/api/hooks/okta/{id}) and who may set the hook up
// or read it (/api/integrations/{id}/hook), as an attacker would try: the secret of a disconnected
// integration, the old secret after a rotation, a viewer's session and key, another workspace's admin
// and hook secret. Each is refused with its status, and the database is as it was: no event stored,
// no delivery counted, the secret and the hook unchanged (only the failure counter moves, by one).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as hookRoute from "@/app/api/hooks/okta/[id]/route";
import * as setupRoute from "@/app/api/integrations/[id]/hook/route";
import { DELETE as disconnectRoute } from "@/app/api/integrations/[id]/route";
import { getDb } from "@/db";
import { userCtx } from "@/lib/context";
import { stopBoss } from "@/lib/jobs/boss";
import { callRoute } from "@/test/call-route";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { sessionCookie } from "@/test/session-cookie";
import { connectToEmulator } from "@/test/sync-fixtures";
import { setupEventHook } from "./setup-event-hook";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: 51, users: 20, groups: 4, apps: 2, logDays: 1 });
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

const sql = () => getDb().$client;
const ORIGIN = "http://localhost";

/** A connected integration whose hook the admin set up by hand (manual mode), with its secret. */
async function hooked() {
  const c = await connectToEmulator(emu);
  const { manual } = await setupEventHook({
    ctx: userCtx(c.actor),
    input: { register: false, rotateSecret: false, integrationId: c.integrationId, origin: ORIGIN },
  });
  return { ...c, secret: manual!.secret };
}

let uuids = 0;
const delivery = () => ({
  eventType: "com.okta.event_hook",
  eventId: crypto.randomUUID(),
  data: {
    events: [
      { uuid: `evt-${++uuids}-${crypto.randomUUID()}`, eventType: "user.lifecycle.suspend", target: [{ id: "00u1", type: "User" }] },
    ],
  },
});

/** A delivery to the integration's hook endpoint, with whatever headers the caller presents. */
const deliver = (integrationId: string, headers: Record<string, string>) =>
  callRoute(hookRoute.POST, `/api/hooks/okta/${integrationId}`, {
    method: "POST",
    params: { id: integrationId },
    headers,
    body: delivery(),
  });
const challenge = (integrationId: string, headers: Record<string, string>) =>
  callRoute(hookRoute.GET, `/api/hooks/okta/${integrationId}`, {
    params: { id: integrationId },
    headers: { "x-okta-verification-challenge": "abc123", ...headers },
  });

/** What a hook request could change: stored events, the hook's counters and state, the secret. */
async function hookSnapshot(integrationId: string) {
  const events = await sql()`select uuid, status from hook_events where integration_id = ${integrationId} order by uuid`;
  const [hook] = await sql()`select mode, url, okta_hook_id, verified_at, last_delivery_at, deliveries, auth_failures, last_error
                             from event_hooks where integration_id = ${integrationId}`;
  const [secret] =
    await sql()`select sealed, updated_at from integration_secrets where integration_id = ${integrationId} and kind = 'hook_secret'`;
  return { events: [...events], hook: hook ?? null, secret: secret ?? null };
}
type Snapshot = Awaited<ReturnType<typeof hookSnapshot>>;

/** The snapshot after `refused` requests that each counted one authentication failure, and nothing else. */
const failuresCounted = (s: Snapshot, refused: number): Snapshot => ({
  ...s,
  hook: s.hook && { ...s.hook, auth_failures: s.hook.auth_failures + refused },
});

async function expectRefused(res: Response, status: number, code: string) {
  expect({ status: res.status, code: (await res.json()).error.code }).toEqual({ status, code });
}

describe("hook delivery authentication", () => {
  it("after a disconnect, the secret that worked before is refused (401) for deliveries and the challenge", async () => {
    const h = await hooked();
    expect((await deliver(h.integrationId, { authorization: h.secret })).status).toBe(204);
    const disconnected = await callRoute(disconnectRoute, `/api/integrations/${h.integrationId}`, {
      key: h.tenant.adminKey,
      method: "DELETE",
      params: { id: h.integrationId },
    });
    expect(disconnected.status).toBe(200);
    const before = await hookSnapshot(h.integrationId);
    // The imported data was kept: the delivery from before is still there, and is the only one.
    expect(before.events).toHaveLength(1);
    expect(before.secret).toBeNull();

    await expectRefused(await deliver(h.integrationId, { authorization: h.secret }), 401, "UNAUTHENTICATED");
    await expectRefused(await challenge(h.integrationId, { authorization: h.secret }), 401, "UNAUTHENTICATED");
    expect(await hookSnapshot(h.integrationId)).toEqual(failuresCounted(before, 2));
  });

  it("after a rotation, the old secret is refused (401) and the new one works", async () => {
    const h = await hooked();
    expect((await deliver(h.integrationId, { authorization: h.secret })).status).toBe(204);
    const rotated = await callRoute(setupRoute.POST, `/api/integrations/${h.integrationId}/hook`, {
      key: h.tenant.adminKey,
      method: "POST",
      params: { id: h.integrationId },
      body: { register: false, rotateSecret: true },
    });
    expect(rotated.status).toBe(200);
    const fresh = (await rotated.json()).manual.secret as string;
    expect(fresh).toMatch(/^osc_hook_/);
    expect(fresh).not.toBe(h.secret);

    const before = await hookSnapshot(h.integrationId);
    await expectRefused(await deliver(h.integrationId, { authorization: h.secret }), 401, "UNAUTHENTICATED");
    await expectRefused(await challenge(h.integrationId, { authorization: h.secret }), 401, "UNAUTHENTICATED");
    expect(await hookSnapshot(h.integrationId)).toEqual(failuresCounted(before, 2));

    expect((await deliver(h.integrationId, { authorization: fresh })).status).toBe(204);
    const after = await hookSnapshot(h.integrationId);
    expect({ events: after.events.length, deliveries: after.hook?.deliveries }).toEqual({
      events: before.events.length + 1,
      deliveries: before.hook?.deliveries + 1,
    });
  });

  it("a viewer's session or API key is not a hook secret: deliveries refused (401); setting the hook up or rotating is 403", async () => {
    const h = await hooked();
    const cookie = await sessionCookie(h.tenant.viewer.id);
    const before = await hookSnapshot(h.integrationId);
    await expectRefused(await deliver(h.integrationId, { cookie, origin: ORIGIN }), 401, "UNAUTHENTICATED");
    await expectRefused(await deliver(h.integrationId, { authorization: `Bearer ${h.tenant.viewerKey}` }), 401, "UNAUTHENTICATED");
    expect(await hookSnapshot(h.integrationId)).toEqual(failuresCounted(before, 2));

    const now = await hookSnapshot(h.integrationId);
    for (const auth of [{ headers: { cookie, origin: ORIGIN } }, { key: h.tenant.viewerKey }]) {
      const res = await callRoute(setupRoute.POST, `/api/integrations/${h.integrationId}/hook`, {
        ...auth,
        method: "POST",
        params: { id: h.integrationId },
        body: { register: false, rotateSecret: true },
      });
      await expectRefused(res, 403, "FORBIDDEN");
    }
    expect(await hookSnapshot(h.integrationId)).toEqual(now);
    // A viewer may read the hook's state, which never holds the secret.
    const state = await callRoute(setupRoute.GET, `/api/integrations/${h.integrationId}/hook`, {
      headers: { cookie },
      params: { id: h.integrationId },
    });
    expect(state.status).toBe(200);
    const text = await state.text();
    expect(JSON.parse(text)).toMatchObject({ configured: true, mode: "manual", deliveries: 0 });
    expect(text).not.toContain(h.secret);
  });

  it("another workspace: its admin gets 404 on this hook, and neither integration's secret opens the other's endpoint", async () => {
    const a = await hooked();
    const b = await hooked();
    const before = [await hookSnapshot(a.integrationId), await hookSnapshot(b.integrationId)];
    for (const method of ["GET", "POST"] as const) {
      const res = await callRoute(method === "GET" ? setupRoute.GET : setupRoute.POST, `/api/integrations/${a.integrationId}/hook`, {
        key: b.tenant.adminKey,
        method,
        params: { id: a.integrationId },
        body: method === "POST" ? { register: false, rotateSecret: true } : undefined,
      });
      await expectRefused(res, 404, "NOT_FOUND");
    }
    expect([await hookSnapshot(a.integrationId), await hookSnapshot(b.integrationId)]).toEqual(before);

    await expectRefused(await deliver(a.integrationId, { authorization: b.secret }), 401, "UNAUTHENTICATED");
    await expectRefused(await deliver(b.integrationId, { authorization: a.secret }), 401, "UNAUTHENTICATED");
    await expectRefused(await challenge(a.integrationId, { authorization: b.secret }), 401, "UNAUTHENTICATED");
    expect([await hookSnapshot(a.integrationId), await hookSnapshot(b.integrationId)]).toEqual([
      failuresCounted(before[0], 2),
      failuresCounted(before[1], 1),
    ]);
  });
});
