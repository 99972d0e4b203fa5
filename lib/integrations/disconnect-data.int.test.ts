// What a disconnect leaves in the database, table by table. The list of tables is every table with an
// integration_id column in the drizzle schema (test/integration-tables.ts), so a table added later is
// checked without being named here: "Delete it permanently" must leave none of the integration's rows
// in any of them but the few kept on purpose (KEPT_AFTER_DELETE); "Keep it" keeps every imported row
// and deletes only the credentials. Nothing of another integration, in this workspace or another, moves.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DELETE as deleteRoute } from "@/app/api/integrations/[id]/route";
import { getDb } from "@/db";
import { stopBoss } from "@/lib/jobs/boss";
import { membershipsTable } from "@/lib/sync/tables";
import { writeRowsInOwnTransaction } from "@/lib/sync/upsert-batch";
import { callRoute } from "@/test/call-route";
import { integrationRowCounts, integrationTables, KEPT_AFTER_DELETE } from "@/test/integration-tables";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { connectToEmulator } from "@/test/sync-fixtures";
import type { DisconnectResult } from "./contracts";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: 41, users: 80, groups: 8, apps: 4, logDays: 3 });
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

/**
 * A connected integration after a full sync, with an event hook delivery stored and not yet applied;
 * in a new workspace, or as a second integration in `tenant`'s.
 */
async function syncedIntegration(tenant?: Awaited<ReturnType<typeof connectToEmulator>>["tenant"]) {
  const c = await connectToEmulator(emu, tenant ? { tenant, name: `Second ${crypto.randomUUID().slice(0, 6)}` } : {});
  expect(await runSync(c.runId)).toEqual({ claimed: true, status: "succeeded" });
  const [user] = await getDb().$client`select id from okta_users where integration_id = ${c.integrationId} order by id limit 1`;
  const targets = [{ id: user.id, type: "User" }];
  await getDb()
    .$client`insert into hook_events (integration_id, uuid, event_type, targets) values (${c.integrationId}, ${crypto.randomUUID()}, 'user.account.update_profile', ${JSON.stringify(targets)}::jsonb)`;
  return c;
}

const kept = (name: string) => name in KEPT_AFTER_DELETE;

async function disconnect(c: { integrationId: string; tenant: { adminKey: string } }, deleteData: boolean) {
  const id = c.integrationId;
  const res = await callRoute(deleteRoute, `/api/integrations/${id}${deleteData ? "?deleteData=true" : ""}`, {
    key: c.tenant.adminKey,
    method: "DELETE",
    params: { id },
  });
  expect(res.status).toBe(200);
  return (await res.json()) as DisconnectResult;
}

describe("disconnect, table by table", () => {
  it("the schema's integration tables are the ones this test knows how to judge", () => {
    const names = [...integrationTables().keys()];
    // Every kept table still exists (a rename would silently widen what must be deleted).
    for (const name of Object.keys(KEPT_AFTER_DELETE)) expect(names).toContain(name);
    // And the derivation finds the tables that hold an integration's credentials, deliveries and directory.
    expect(names).toEqual(
      expect.arrayContaining(["integration_secrets", "hook_events", "okta_users", "okta_group_members", "okta_log_events"]),
    );
  });

  it("'Delete it permanently' leaves none of the integration's rows in any table but the audit trail and run history", async () => {
    const c = await syncedIntegration();
    const sameWorkspace = await syncedIntegration(c.tenant);
    const otherWorkspace = await syncedIntegration();
    const before = await integrationRowCounts(c.integrationId);
    const othersBefore = [
      await integrationRowCounts(sameWorkspace.integrationId),
      await integrationRowCounts(otherWorkspace.integrationId),
    ];
    // Every table that must be emptied holds rows first, or its zero afterwards would prove nothing.
    const emptied = Object.keys(before).filter((t) => !kept(t));
    expect(emptied.filter((t) => before[t] === 0)).toEqual([]);

    const result = await disconnect(c, true);
    expect(result.deletedData).toBe(true);
    const after = await integrationRowCounts(c.integrationId);
    expect(Object.fromEntries(emptied.map((t) => [t, after[t]]))).toEqual(Object.fromEntries(emptied.map((t) => [t, 0])));
    // What the answer says it deleted is what was there (credentials are counted apart).
    const deleted = Object.values(result.deletedRows).reduce((a, b) => a + b, 0);
    expect(deleted).toBe(emptied.filter((t) => t !== "integration_secrets").reduce((a, t) => a + before[t], 0));
    // The audit trail keeps the disconnect; the run history stays.
    expect(after.sync_runs).toBe(before.sync_runs);
    expect(after.integration_events).toBeGreaterThan(before.integration_events);
    const [event] = await getDb()
      .$client`select details from integration_events where integration_id = ${c.integrationId} and kind = 'integration.disconnected'`;
    expect(event.details.deleteData).toBe(true);
    // The other integrations, in the same workspace and in another, are untouched, row for row.
    expect([await integrationRowCounts(sameWorkspace.integrationId), await integrationRowCounts(otherWorkspace.integrationId)]).toEqual(
      othersBefore,
    );
  });

  it("'Keep it' deletes the credentials only: every imported row stays", async () => {
    const c = await syncedIntegration();
    const before = await integrationRowCounts(c.integrationId);
    expect(before.integration_secrets).toBeGreaterThan(0);
    const result = await disconnect(c, false);
    expect(result).toMatchObject({ deletedData: false, deletedRows: {} });
    const after = await integrationRowCounts(c.integrationId);
    // The event log (and its counts) gains the disconnect.
    const logged = ["integration_secrets", "integration_events", "integration_event_counts"];
    const unchanged = Object.keys(before).filter((t) => !logged.includes(t));
    expect(Object.fromEntries(unchanged.map((t) => [t, after[t]]))).toEqual(Object.fromEntries(unchanged.map((t) => [t, before[t]])));
    expect(after.integration_secrets).toBe(0);
    expect(after.integration_events).toBeGreaterThan(before.integration_events);
  });

  it("deleting the integration row itself (a workspace's deletion does) deletes its directory rows, which have no foreign key; a hook's write for it then writes nothing", async () => {
    const c = await syncedIntegration();
    const before = await integrationRowCounts(c.integrationId);
    expect(before.okta_users).toBeGreaterThan(0);
    expect(before.okta_group_members).toBeGreaterThan(0);
    expect(before.okta_log_events).toBeGreaterThan(0);
    await getDb().$client`delete from integrations where id = ${c.integrationId}`;
    const after = await integrationRowCounts(c.integrationId);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);

    const [ws] = await getDb().$client`select workspace_id from integrations limit 1`;
    const written = await writeRowsInOwnTransaction(
      { integrationId: c.integrationId, workspaceId: ws.workspace_id, runId: null },
      { spec: membershipsTable, rows: [{ group_id: "g1", user_id: "u1" }] },
    );
    expect(written.added).toBe(0);
    expect((await integrationRowCounts(c.integrationId)).okta_group_members).toBe(0);
  });
});
