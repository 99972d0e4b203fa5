// Event hooks end to end: the console's hook endpoint served over real HTTP, the emulator registering,
// verifying and delivering to it, and the stored events applied through targeted re-reads.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as hookRoute from "@/app/api/hooks/okta/[id]/route";
import { getDb } from "@/db";
import { userCtx } from "@/lib/context";
import { stopBoss } from "@/lib/jobs/boss";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { connectToEmulator, differences, fetchTruth, storedRows, truthRows } from "@/test/sync-fixtures";
import { applyHookEvents } from "./apply-hook-events";
import { HOOK_EVENT_TYPES } from "./contracts";
import { getHookState } from "./get-hook-state";
import { readHookSecret } from "./hook-secret";
import { setupEventHook } from "./setup-event-hook";

let emu: TestEmulator;
let server: http.Server;
let origin: string;

/** Serves the hook route handlers over HTTP, as Next would. */
function serve() {
  return http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const id = (req.url ?? "").split("/").pop()!.split("?")[0];
    const request = new Request(`${origin}${req.url}`, {
      method: req.method,
      headers: req.headers as Record<string, string>,
      body: req.method === "POST" ? Buffer.concat(chunks) : undefined,
    });
    const handler = req.method === "GET" ? hookRoute.GET : hookRoute.POST;
    const out = await handler(request, { params: Promise.resolve({ id }) });
    res.writeHead(out.status, Object.fromEntries(out.headers));
    res.end(Buffer.from(await out.arrayBuffer()));
  });
}

beforeAll(async () => {
  emu = await startTestEmulator({ seed: 31, users: 400, groups: 25, apps: 8, logDays: 1 });
  server = serve();
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server?.close();
  await emu?.close();
  await stopBoss();
});

const sql = () => getDb().$client;
const post = (id: string, body: unknown, auth?: string) =>
  fetch(`${origin}/api/hooks/okta/${id}`, {
    method: "POST",
    headers: { "content-type": "application/json", ...(auth ? { authorization: auth } : {}) },
    body: typeof body === "string" ? body : JSON.stringify(body),
  });

async function connected(app = "admin-key") {
  const c = await connectToEmulator(emu, { app });
  expect((await runSync(c.runId)).status).toBe("succeeded");
  return c;
}

const delivery = (events: unknown[]) => ({
  eventType: "com.okta.event_hook",
  eventTypeVersion: "1.0",
  cloudEventsVersion: "0.1",
  eventId: crypto.randomUUID(),
  data: { events },
});

describe("event hooks", () => {
  it("registers and verifies in Okta when the app may manage hooks; the state never shows the secret", async () => {
    await emu.control("POST", "/reset", { seed: 31, users: 400, groups: 25, apps: 8, logDays: 1 });
    const c = await connected();
    const result = await setupEventHook({
      ctx: userCtx(c.actor),
      input: { register: true, rotateSecret: false, integrationId: c.integrationId, origin },
    });
    expect(result.manual).toBeNull();
    expect(result.state).toMatchObject({
      configured: true,
      mode: "registered",
      registered: true,
      verified: true,
      url: `${origin}/api/hooks/okta/${c.integrationId}`,
    });
    const hooks = await emu.control<{ id: string; status: string; verificationStatus: string; channel: { config: { uri: string } } }[]>(
      "GET",
      "/truth/eventHooks",
    );
    expect(hooks.find((h) => h.id === result.state.oktaHookId)).toMatchObject({ status: "ACTIVE", verificationStatus: "VERIFIED" });
    const secret = (await readHookSecret(c.integrationId))!;
    expect(JSON.stringify(result)).not.toContain(secret);
    expect(JSON.stringify(await getHookState({ ctx: userCtx(c.actor), input: { integrationId: c.integrationId } }))).not.toContain(secret);
    const [sealed] = await sql()`select sealed from integration_secrets where integration_id = ${c.integrationId} and kind = 'hook_secret'`;
    expect(sealed.sealed).not.toContain(secret);
  });

  it("without okta.eventHooks.manage a registration shows Okta's reason and sets nothing up; by hand gives the URL, header, secret and steps", async () => {
    const c = await connected("readonly-key");
    const refused = await setupEventHook({
      ctx: userCtx(c.actor),
      input: { register: true, rotateSecret: false, integrationId: c.integrationId, origin },
    });
    expect(refused.manual).toBeNull();
    expect(refused.state).toMatchObject({
      configured: false,
      registered: false,
      verified: false,
      canRegister: false,
      endpointWarning: null,
    });
    expect(refused.state.failures.lastError?.code).toBe("scope_missing");
    // Okta's own answer, not only ours.
    expect(refused.state.failures.lastError?.message).toMatch(
      /^Okta refused to register the event hook: Okta answered (HTTP 4\d\d|with an error)/,
    );
    expect(refused.state.failures.lastError?.message).toMatch(/“[^”]+”/);
    expect(refused.state.failures.lastError?.message).toContain("okta.eventHooks.manage");
    // Still "not set up" when read again.
    expect((await getHookState({ ctx: userCtx(c.actor), input: { integrationId: c.integrationId } })).configured).toBe(false);

    const result = await setupEventHook({
      ctx: userCtx(c.actor),
      input: { register: false, rotateSecret: false, integrationId: c.integrationId, origin },
    });
    expect(result.state).toMatchObject({ configured: true, mode: "manual", registered: false, verified: false });
    expect(result.state.failures.lastError).toBeNull();
    expect(result.manual).toMatchObject({
      url: `${origin}/api/hooks/okta/${c.integrationId}`,
      header: "Authorization",
      secret: await readHookSecret(c.integrationId),
      eventTypes: [...HOOK_EVENT_TYPES],
    });
    expect(result.manual!.steps).toHaveLength(5);
    // This test's console listens on http://127.0.0.1: Okta could never call it, and both the answer and the state say so.
    const origin127 = new URL(origin);
    expect(result.manual!.warning).toBe(
      `http://${origin127.host} is not reachable from the internet, so Okta cannot deliver to it. Okta calls the endpoint from the internet over https: set PUBLIC_URL to the console's public https address (for example behind a reverse proxy), restart it, and set the hook up again.`,
    );
    expect(result.state.endpointWarning).toBe(result.manual!.warning);
    // Okta's verification, as the admin's click on Verify would send it.
    const challenge = await fetch(`${origin}/api/hooks/okta/${c.integrationId}`, {
      headers: { "x-okta-verification-challenge": "abc123", authorization: result.manual!.secret },
    });
    expect(challenge.status).toBe(200);
    expect(await challenge.json()).toEqual({ verification: "abc123" });
    const noSecret = await fetch(`${origin}/api/hooks/okta/${c.integrationId}`, { headers: { "x-okta-verification-challenge": "abc123" } });
    expect(noSecret.status).toBe(401);
    const verified = await getHookState({ ctx: userCtx(c.actor), input: { integrationId: c.integrationId } });
    expect(verified.verified).toBe(true);
    // Okta reached it after all (here: this machine): the warning goes.
    expect(verified.endpointWarning).toBeNull();
  });

  it("refuses a wrong or missing secret (401, nothing stored) and a malformed body (400 naming the field)", async () => {
    const c = await connected("readonly-key");
    const { manual } = await setupEventHook({
      ctx: userCtx(c.actor),
      input: { register: false, rotateSecret: false, integrationId: c.integrationId, origin },
    });
    const secret = manual!.secret;
    const [user] = await sql()`select id from okta_users where integration_id = ${c.integrationId} limit 1`;
    const body = delivery([
      {
        uuid: crypto.randomUUID(),
        eventType: "user.lifecycle.suspend",
        published: new Date().toISOString(),
        target: [{ id: user.id, type: "User" }],
      },
    ]);
    for (const auth of [undefined, "wrong", `${secret}x`, secret.slice(0, -1)]) {
      const res = await post(c.integrationId, body, auth);
      expect({ auth, status: res.status }).toEqual({ auth, status: 401 });
      expect(JSON.stringify(await res.json())).not.toContain(secret);
    }
    const unknown = await post(crypto.randomUUID(), body, secret);
    expect(unknown.status).toBe(401);
    const [{ n }] = await sql()`select count(*)::int as n from hook_events where integration_id = ${c.integrationId}`;
    expect(n).toBe(0);
    expect((await getHookState({ ctx: userCtx(c.actor), input: { integrationId: c.integrationId } })).failures.auth).toBe(4);

    for (const [bad, field] of [
      ["{not json", /not valid JSON/],
      [{ data: {} }, /data\.events/],
      [{ data: { events: [{ eventType: "user.lifecycle.suspend" }] } }, /data\.events\.0\.uuid/],
      [[1, 2], /body|data/],
    ] as const) {
      const res = await post(c.integrationId, bad, secret);
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toMatch(field);
    }
    const big = await post(c.integrationId, JSON.stringify(delivery([])).padEnd(5 * 1024 * 1024, " "), secret);
    expect(big.status).toBe(413);
    expect((await post(c.integrationId, body, secret)).status).toBe(204);
  });

  it("applies a replayed delivery once, through a re-read from Okta", async () => {
    const c = await connected("readonly-key");
    const { manual } = await setupEventHook({
      ctx: userCtx(c.actor),
      input: { register: false, rotateSecret: false, integrationId: c.integrationId, origin },
    });
    const [user] = await sql()`select id from okta_users where integration_id = ${c.integrationId} and status = 'ACTIVE' limit 1`;
    // Change the user in Okta, then tell the console (the event alone says nothing about the new state).
    const body = delivery([
      {
        uuid: crypto.randomUUID(),
        eventType: "user.lifecycle.deactivate",
        published: new Date().toISOString(),
        target: [{ id: user.id, type: "User" }],
      },
    ]);
    const token = emu.apiToken("admin-token");
    expect(
      (
        await fetch(`${emu.url}/api/v1/users/${user.id}/lifecycle/deactivate`, {
          method: "POST",
          headers: { authorization: `SSWS ${token}` },
        })
      ).status,
    ).toBe(200);
    for (let i = 0; i < 3; i++) expect((await post(c.integrationId, body, manual!.secret)).status).toBe(204);
    const [{ n }] = await sql()`select count(*)::int as n from hook_events where integration_id = ${c.integrationId}`;
    expect(n).toBe(1);
    expect(await applyHookEvents(c.integrationId)).toEqual({ applied: 1, failed: 0 });
    expect(await applyHookEvents(c.integrationId)).toEqual({ applied: 0, failed: 0 });
    const [after] =
      await sql()`select status, (select count(*)::int from okta_app_users a where a.integration_id = u.integration_id and a.user_id = u.id and a.deleted_at is null) as apps from okta_users u where integration_id = ${c.integrationId} and id = ${user.id}`;
    expect(after).toEqual({ status: "DEPROVISIONED", apps: 0 });
    expect((await getHookState({ ctx: userCtx(c.actor), input: { integrationId: c.integrationId } })).deliveries).toBe(3);
  });

  it("acknowledges a burst of 10,000 events in time and applies them all", async () => {
    await emu.control("POST", "/reset", { seed: 32, users: 400, groups: 25, apps: 8, logDays: 1 });
    const c = await connected();
    const { state } = await setupEventHook({
      ctx: userCtx(c.actor),
      input: { register: true, rotateSecret: false, integrationId: c.integrationId, origin },
    });
    expect(state.verified).toBe(true);
    const statsBefore = await emu.control<{ eventHooks: { batches: number; delivered: number; failed: number; retries: number } }>(
      "GET",
      "/stats",
    );
    let received = 0;
    for (let seed = 1; received < 10_000; seed++) {
      await emu.control("POST", "/mutations", { count: 2000, seed, wait: true });
      [{ n: received }] = await sql()`select count(*)::int as n from hook_events where integration_id = ${c.integrationId}`;
    }
    const stats = await emu.control<{ eventHooks: { batches: number; delivered: number; failed: number; retries: number } }>(
      "GET",
      "/stats",
    );
    // Every batch answered 2xx within Okta's 3 s on the first attempt.
    expect(stats.eventHooks.failed - statsBefore.eventHooks.failed).toBe(0);
    expect(stats.eventHooks.retries - statsBefore.eventHooks.retries).toBe(0);
    expect(stats.eventHooks.delivered - statsBefore.eventHooks.delivered).toBeGreaterThan(100);

    const result = await applyHookEvents(c.integrationId);
    expect(result).toEqual({ applied: received, failed: 0 });
    const [{ pending }] =
      await sql()`select count(*) filter (where status <> 'applied')::int as pending from hook_events where integration_id = ${c.integrationId}`;
    expect(pending).toBe(0);
    // Users and their group memberships are current again without a sync.
    const truth = truthRows(await fetchTruth(emu));
    const stored = await storedRows(c.integrationId);
    expect(differences(stored.users, truth.users)).toEqual({ count: 0, first: [] });
    const members = (m: Map<string, string>) => new Map([...m].filter(([k]) => !k.startsWith(`${[...truth.groups.keys()][0]}/`)));
    expect(differences(members(stored.memberships), members(truth.memberships)).count).toBe(0);
    const s = await getHookState({ ctx: userCtx(c.actor), input: { integrationId: c.integrationId } });
    expect(s).toMatchObject({ eventsToday: received, pending: 0, failures: { auth: 0, apply: 0 } });
  });
});
