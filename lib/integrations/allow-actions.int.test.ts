// "Allow actions" through the API against the emulator: read-only by default; allowActions verifies the
// manage scopes (each scope Okta really grants, with a token of its own so the sync's cached token stays
// read-only), the answer lists the action kinds the credentials allow, a scope Okta stops granting takes
// its kinds away on the next verify, and turning it off goes back to read-only without calling Okta.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET, PATCH } from "@/app/api/integrations/[id]/route";
import { POST } from "@/app/api/integrations/route";
import { getDb } from "@/db";
import { ACTION_KINDS } from "@/db/enums";
import { stopBoss } from "@/lib/jobs/boss";
import { callRoute, type RouteHandler } from "@/test/call-route";
import { createTenant } from "@/test/factories";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { ALL_SCOPES } from "@/test/sync-fixtures";
import { readSecrets } from "./secrets";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: 9, users: 40, groups: 6, apps: 4 });
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

const USER_KINDS = ACTION_KINDS.filter((k) => k.startsWith("user."));
const APP_KINDS = ACTION_KINDS.filter((k) => k.startsWith("app."));
const MANAGE = ["okta.users.manage", "okta.groups.manage", "okta.apps.manage"];

async function connect(key: string, app: string, extra: Record<string, unknown> = {}) {
  const a = emu.app(app);
  const res = await callRoute(POST as RouteHandler, "/api/integrations", {
    key,
    method: "POST",
    body: {
      name: `okta-${app}-${Math.random().toString(36).slice(2, 8)}`,
      domain: emu.url,
      auth: { method: "private_key_jwt", clientId: a.clientId, privateKey: a.privateKeyPem, keyId: a.kid },
      scopes: [...ALL_SCOPES],
      ...extra,
    },
  });
  return { status: res.status, body: await res.json() };
}

const get = async (key: string, id: string) =>
  (await callRoute(GET as RouteHandler, `/api/integrations/${id}`, { key, params: { id } })).json();
const patch = async (key: string, id: string, body: unknown) => {
  const res = await callRoute(PATCH as RouteHandler, `/api/integrations/${id}`, { key, method: "PATCH", body, params: { id } });
  return { status: res.status, body: await res.json() };
};

describe("Allow actions", () => {
  it("is off by default: read-only, no manage scope asked for, no action allowed", async () => {
    const t = await createTenant();
    const r = await connect(t.adminKey, "admin-key");
    expect(r.status).toBe(201);
    expect(r.body).toMatchObject({ allowActions: false, allowedActions: [], adminRoles: null });
    expect(r.body.scopeResults.map((s: { scope: string }) => s.scope)).toEqual([...ALL_SCOPES]);
  });

  it("with manage scopes granted: each verified, every kind allowed, and the sync's cached token stays read-only", async () => {
    const t = await createTenant();
    const r = await connect(t.adminKey, "admin-key", { allowActions: true });
    expect(r.status).toBe(201);
    expect(r.body.allowActions).toBe(true);
    const manage = r.body.scopeResults.filter((s: { scope: string }) => MANAGE.includes(s.scope));
    expect(manage).toEqual(MANAGE.map((scope) => expect.objectContaining({ scope, ok: true, status: "granted" })));
    expect([...r.body.allowedActions].sort()).toEqual([...ACTION_KINDS].sort());
    // Whatever Okta said about the app's roles (the org may not answer the role list), it allows everything here.
    expect(r.body.adminRoles === null || r.body.adminRoles.includes("SUPER_ADMIN")).toBe(true);
    const token = JSON.parse((await readSecrets(r.body.id, ["access_token"])).access_token!.value);
    expect(token.scopes.some((s: string) => s.endsWith(".manage"))).toBe(false);
    expect(await get(t.adminKey, r.body.id)).toMatchObject({ integration: { allowActions: true, allowedActions: r.body.allowedActions } });
  });

  it("without manage scopes: connects read-only with a warning per missing scope, and allows no action", async () => {
    const t = await createTenant();
    const r = await connect(t.adminKey, "readonly-key", { allowActions: true });
    expect(r.status).toBe(201);
    expect(r.body.allowActions).toBe(true);
    expect(r.body.allowedActions).toEqual([]);
    for (const scope of MANAGE) {
      expect(r.body.scopeResults).toContainEqual(expect.objectContaining({ scope, ok: false, status: "missing_scope" }));
      expect(r.body.verification.warnings).toContainEqual(expect.stringContaining(`(${scope}): Not granted to the app`));
    }
  });

  it("a manage scope Okta stops granting takes its kinds away when the credentials are verified again; off is read-only again", async () => {
    const t = await createTenant();
    const r = await connect(t.adminKey, "admin-key", { allowActions: true });
    await emu.control("POST", "/faults", { removeScope: { app: "admin-key", scope: "okta.groups.manage" } });
    try {
      const again = await patch(t.adminKey, r.body.id, { allowActions: true });
      expect(again.status).toBe(200);
      expect(again.body.scopeResults).toContainEqual(expect.objectContaining({ scope: "okta.groups.manage", ok: false }));
      expect([...again.body.allowedActions].sort()).toEqual([...USER_KINDS, ...APP_KINDS].sort());
    } finally {
      await emu.control("DELETE", "/faults");
    }
    const [event] = await getDb().$client`
      select message from integration_events where integration_id = ${r.body.id} and kind = 'credentials.changed' order by id desc limit 1`;
    expect(event.message).toBe("Actions allowed: the manage scopes were verified");

    const off = await patch(t.adminKey, r.body.id, { allowActions: false });
    expect(off.status).toBe(200);
    expect(off.body).toMatchObject({ allowActions: false, allowedActions: [], adminRoles: null, verification: null });
    expect(off.body.scopeResults.map((s: { scope: string }) => s.scope)).toEqual([...ALL_SCOPES]);
  });

  it("allowActions must be a boolean: 400 naming the field, nothing created", async () => {
    const t = await createTenant();
    const r = await connect(t.adminKey, "admin-key", { allowActions: "yes" });
    expect(r.status).toBe(400);
    expect(r.body.error.message).toContain("allowActions");
    const [{ n }] = await getDb().$client`select count(*)::int as n from integrations where workspace_id = ${t.ws.id}`;
    expect(n).toBe(0);
  });

  it("a viewer cannot turn actions on", async () => {
    const t = await createTenant();
    const r = await connect(t.adminKey, "admin-key");
    const v = await patch(t.viewerKey, r.body.id, { allowActions: true });
    expect(v.status).toBe(403);
    expect((await get(t.adminKey, r.body.id)).integration.allowActions).toBe(false);
  });
});
