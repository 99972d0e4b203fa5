// Disconnect and what it leaves behind, with real HTTP to the emulator: the console's event hook is
// deactivated and deleted in Okta when the credentials allow it, and listed as a clean-up step (in the
// answer and on the page's data) when they do not or Okta fails, without ever stopping the disconnect;
// and the deleted sealed credentials do not linger in the secrets table's files.
import { eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteRoute } from "@/app/api/integrations/[id]/route";
import { getDb } from "@/db";
import { eventHooks, integrationEvents, integrationSecrets } from "@/db/schema";
import { userCtx } from "@/lib/context";
import { resetEnvCache } from "@/lib/env";
import { setupEventHook } from "@/lib/hooks/setup-event-hook";
import { stopBoss } from "@/lib/jobs/boss";
import { callRoute } from "@/test/call-route";
import { startHookServer } from "@/test/hook-server";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { connectToEmulator } from "@/test/sync-fixtures";
import type { DisconnectResult } from "./contracts";
import { resealSecrets } from "./reseal-secrets";

let emu: TestEmulator;
let hooks: Awaited<ReturnType<typeof startHookServer>>;

beforeAll(async () => {
  emu = await startTestEmulator({ seed: 41, users: 30, groups: 4, apps: 3, logDays: 1 });
  hooks = await startHookServer();
});
afterAll(async () => {
  await hooks?.close();
  await emu?.close();
  await stopBoss();
});

interface OktaHook {
  id: string;
  status: string;
  verificationStatus: string;
}
const hooksInOkta = () => emu.control<OktaHook[]>("GET", "/truth/eventHooks");

/** An integration of the admin-key app (it may manage hooks) with its event hook registered and verified in Okta. */
async function withRegisteredHook() {
  const c = await connectToEmulator(emu, { app: "admin-key" });
  const setup = await setupEventHook({
    ctx: userCtx(c.actor),
    input: { register: true, rotateSecret: false, integrationId: c.integrationId, origin: hooks.origin },
  });
  const hookId = setup.state.oktaHookId!;
  expect(setup.state).toMatchObject({ mode: "registered", registered: true, verified: true });
  expect((await hooksInOkta()).find((h) => h.id === hookId)).toMatchObject({ status: "ACTIVE", verificationStatus: "VERIFIED" });
  return { ...c, hookId, key: c.tenant.adminKey };
}

async function disconnect(integrationId: string, key: string) {
  const res = await callRoute(deleteRoute, `/api/integrations/${integrationId}`, { method: "DELETE", key, params: { id: integrationId } });
  expect(res.status).toBe(200);
  return (await res.json()) as DisconnectResult;
}

const eventsOf = async (integrationId: string) =>
  getDb()
    .select({
      kind: integrationEvents.kind,
      level: integrationEvents.level,
      message: integrationEvents.message,
      details: integrationEvents.details,
    })
    .from(integrationEvents)
    .where(eq(integrationEvents.integrationId, integrationId));
const hookRow = async (integrationId: string) =>
  (await getDb().select().from(eventHooks).where(eq(eventHooks.integrationId, integrationId)))[0];

/** Takes a hook out of the emulator with its admin token (Okta deletes INACTIVE hooks only). */
async function deleteInOkta(id: string) {
  const headers = { authorization: `SSWS ${emu.apiToken()}`, accept: "application/json" };
  await fetch(`${emu.url}/api/v1/eventHooks/${id}/lifecycle/deactivate`, { method: "POST", headers });
  const res = await fetch(`${emu.url}/api/v1/eventHooks/${id}`, { method: "DELETE", headers });
  expect(res.status).toBe(204);
}

describe("disconnect and the event hook in Okta", () => {
  it("deactivates and deletes the hook in Okta when the app may manage hooks; no clean-up step for it", async () => {
    const c = await withRegisteredHook();
    const result = await disconnect(c.integrationId, c.key);
    expect((await hooksInOkta()).map((h) => h.id)).not.toContain(c.hookId);
    expect(result.integration.state).toBe("disconnected");
    expect(result.oktaFollowUp).toHaveLength(2);
    expect(result.oktaFollowUp.join(" ")).not.toMatch(/event hook/i);
    expect(await hookRow(c.integrationId)).toBeUndefined();
    const events = await eventsOf(c.integrationId);
    expect(events.find((e) => e.kind === "hook.removed")).toMatchObject({
      level: "info",
      message: `Event hook deactivated and deleted in Okta (${c.hookId})`,
    });
    expect(events.find((e) => e.kind === "integration.disconnected")?.details).toMatchObject({ eventHook: "removed" });
    expect(await getDb().select().from(integrationSecrets).where(eq(integrationSecrets.integrationId, c.integrationId))).toEqual([]);
  });

  it("without okta.eventHooks.manage the disconnect still happens and the hook is a clean-up step, on the page too", async () => {
    const c = await withRegisteredHook();
    // The app lost the scope after it registered the hook.
    await emu.control("POST", "/faults", { removeScope: { app: "admin-key", scope: "okta.eventHooks.manage" } });
    let result: DisconnectResult;
    try {
      result = await disconnect(c.integrationId, c.key);
    } finally {
      await emu.control("DELETE", "/faults");
    }
    try {
      expect(result.integration.state).toBe("disconnected");
      expect((await hooksInOkta()).find((h) => h.id === c.hookId)).toMatchObject({ status: "ACTIVE" });
      expect(result.oktaFollowUp).toHaveLength(3);
      expect(result.oktaFollowUp[2]).toBe(
        `Delete the console's event hook (ID ${c.hookId}) in Okta: Workflow > Event Hooks > the hook > Deactivate, then Delete (${emu.url}). ` +
          "The console could not remove it: Okta refused to manage event hooks for this app (it needs the okta.eventHooks.manage scope and an admin role that may manage hooks).",
      );
      // What the page of the disconnected integration builds its steps from.
      expect(await hookRow(c.integrationId)).toMatchObject({ oktaHookId: c.hookId, lastError: { code: "scope_missing" } });
      const events = await eventsOf(c.integrationId);
      expect(events.find((e) => e.kind === "hook.remove_failed")).toMatchObject({
        level: "warn",
        details: { oktaHookId: c.hookId, code: "scope_missing" },
      });
      expect(events.find((e) => e.kind === "integration.disconnected")?.details).toMatchObject({ eventHook: "failed" });
      expect(await getDb().select().from(integrationSecrets).where(eq(integrationSecrets.integrationId, c.integrationId))).toEqual([]);
    } finally {
      await deleteInOkta(c.hookId);
    }
  });

  it("when Okta fails on every hook request (503) the disconnect still happens and the hook is a clean-up step", async () => {
    const c = await withRegisteredHook();
    await emu.control("POST", "/faults", { errorRate: 1, errorStatus: 503, path: "/api/v1/eventHooks" });
    let result: DisconnectResult;
    try {
      result = await disconnect(c.integrationId, c.key);
    } finally {
      await emu.control("DELETE", "/faults");
    }
    try {
      expect(result.integration.state).toBe("disconnected");
      expect((await hooksInOkta()).find((h) => h.id === c.hookId)).toMatchObject({ status: "ACTIVE" });
      expect(result.oktaFollowUp[2]).toMatch(
        new RegExp(`^Delete the console's event hook \\(ID ${c.hookId}\\) in Okta: .* The console could not remove it: Okta answered 503`),
      );
      expect(await hookRow(c.integrationId)).toMatchObject({ oktaHookId: c.hookId, lastError: { code: "remove_failed" } });
    } finally {
      await deleteInOkta(c.hookId);
    }
  });

  it("a hook already deleted in Okta by hand counts as removed", async () => {
    const c = await withRegisteredHook();
    await deleteInOkta(c.hookId);
    const result = await disconnect(c.integrationId, c.key);
    expect(result.oktaFollowUp).toHaveLength(2);
    expect(await hookRow(c.integrationId)).toBeUndefined();
  });

  it("a hook set up to be added by hand is a clean-up step naming its URL", async () => {
    const c = await connectToEmulator(emu, { app: "readonly-key" });
    await setupEventHook({
      ctx: userCtx(c.actor),
      input: { register: false, rotateSecret: false, integrationId: c.integrationId, origin: hooks.origin },
    });
    const result = await disconnect(c.integrationId, c.tenant.adminKey);
    expect(result.oktaFollowUp[2]).toBe(
      `If you added the event hook for ${hooks.origin}/api/hooks/okta/${c.integrationId} in Okta by hand, delete it there: Workflow > Event Hooks > the hook > Deactivate, then Delete (${emu.url}).`,
    );
  });
});

/** The secrets table's files as Postgres has them on disk (heap and TOAST), after a checkpoint. */
async function secretsTableFiles(): Promise<Buffer> {
  const sql = getDb().$client;
  await sql`checkpoint`;
  const [rel] = await sql<{ main: string; toast: string | null }[]>`
    select pg_relation_filepath(c.oid) as main, pg_relation_filepath(nullif(c.reltoastrelid, 0)) as toast
    from pg_class c where c.oid = 'integration_secrets'::regclass`;
  const parts: Buffer[] = [];
  for (const file of [rel.main, rel.toast]) {
    if (!file) continue;
    const [r] = await sql<{ bytes: Buffer }[]>`select pg_read_binary_file(${file}) as bytes`;
    parts.push(r.bytes);
  }
  return Buffer.concat(parts);
}

describe("the secrets table's files after deleting or resealing", () => {
  it("leaves none of the deleted sealed credentials in the table's files (no dead tuples to read them from)", async () => {
    const c = await connectToEmulator(emu, { app: "admin-key" });
    const sealed = (await getDb().select().from(integrationSecrets).where(eq(integrationSecrets.integrationId, c.integrationId))).map(
      (r) => r.sealed,
    );
    expect(sealed).toHaveLength(2); // the private key and the cached access token
    // The check can see a sealed blob in the files: before the disconnect, the stored ones are there.
    const before = await secretsTableFiles();
    const visible = sealed.filter((s) => before.includes(s));
    expect(visible.length).toBeGreaterThan(0);

    await disconnect(c.integrationId, c.tenant.adminKey);
    const after = await secretsTableFiles();
    expect(visible.filter((s) => after.includes(s))).toEqual([]);
  });

  it("after a reseal with a new key, none of the blobs sealed with the old key remain in the files", async () => {
    const c = await connectToEmulator(emu, { app: "admin-key" });
    const old = (await getDb().select().from(integrationSecrets).where(eq(integrationSecrets.integrationId, c.integrationId))).map(
      (r) => r.sealed,
    );
    expect(old.every((s) => s.startsWith("v1.k1."))).toBe(true);
    const files = await secretsTableFiles();
    const seen = old.filter((s) => files.includes(s));
    expect(seen.length).toBeGreaterThan(0);
    const oldKey = process.env.APP_ENCRYPTION_KEY!;
    process.env.APP_ENCRYPTION_KEY = Buffer.alloc(32, 11).toString("base64");
    process.env.APP_ENCRYPTION_KEY_ID = "k2";
    process.env.APP_ENCRYPTION_OLD_KEYS = `k1:${oldKey}`;
    resetEnvCache();
    try {
      expect(await resealSecrets({ workspaceId: c.workspaceId })).toEqual({ secrets: 2, pendingKeys: 0 });
      const after = await secretsTableFiles();
      expect(seen.filter((s) => after.includes(s))).toEqual([]);
      const resealed = (await getDb().select().from(integrationSecrets).where(eq(integrationSecrets.integrationId, c.integrationId))).map(
        (r) => r.sealed,
      );
      expect(resealed.every((s) => s.startsWith("v1.k2."))).toBe(true);
    } finally {
      process.env.APP_ENCRYPTION_KEY = oldKey;
      delete process.env.APP_ENCRYPTION_KEY_ID;
      delete process.env.APP_ENCRYPTION_OLD_KEYS;
      resetEnvCache();
    }
  });
});
