// Issue 14 §4/§5 against the emulator: the integrations list's state, last sync, counts and problems;
// removing a disconnected integration with its data; the same org connected twice is named; the home
// dashboard's totals, hygiene and latest changes; the overview's next run of either kind and a
// reconciliation note that goes with the data.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as dashboardRoute } from "@/app/api/dashboard/route";
import { GET as overviewRoute } from "@/app/api/integrations/[id]/overview/route";
import { POST as removeRoute } from "@/app/api/integrations/[id]/remove/route";
import { GET as statusRoute } from "@/app/api/integrations/status/route";
import { getDb } from "@/db";
import { userCtx } from "@/lib/context";
import type { Dashboard } from "@/lib/dashboard/contracts";
import { stopBoss } from "@/lib/jobs/boss";
import type { Overview } from "@/lib/overview/contracts";
import { callRoute } from "@/test/call-route";
import { createTenant } from "@/test/factories";
import { integrationRowCounts } from "@/test/integration-tables";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { connectToEmulator, fetchTruth } from "@/test/sync-fixtures";
import { disconnectIntegration } from "./disconnect-integration";
import type { IntegrationStatusList } from "./status-contracts";
import { updateIntegration } from "./update-integration";
import { verifyIntegration } from "./verify-integration";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: 14, users: 60, groups: 6, apps: 4, logDays: 2 });
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

const sql = () => getDb().$client;
type Tenant = Awaited<ReturnType<typeof createTenant>>;
const status = async (t: Tenant, key = t.viewerKey) =>
  (await (await callRoute(statusRoute, "/api/integrations/status", { key })).json()) as IntegrationStatusList;
const remove = (id: string, key: string) =>
  callRoute(removeRoute, `/api/integrations/${id}/remove`, { key, method: "POST", params: { id } });

describe("GET /api/integrations/status", () => {
  it("gives each integration its state, last sync, counts and open problems with their fixes", async () => {
    const ok = await connectToEmulator(emu, { name: "Healthy" });
    expect((await runSync(ok.runId)).status).toBe("succeeded");
    const bad = await connectToEmulator(emu, { name: "No groups", app: "no-groups-scope", tenant: ok.tenant });
    expect((await runSync(bad.runId)).status).toBe("partial");
    const truth = await fetchTruth(emu);

    const { items } = await status(ok.tenant);
    expect(items.map((i) => i.integration.name).sort()).toEqual(["Healthy", "No groups"]);
    const healthy = items.find((i) => i.integration.name === "Healthy")!;
    expect(healthy.health.state).toBe("connected");
    expect(healthy.health.lastSuccess?.id).toBe(ok.runId);
    expect(healthy.problems).toEqual([]);
    expect(healthy.counts).toEqual({
      users: truth.users.length,
      groups: truth.groups.length,
      apps: truth.apps.length,
    });
    expect(healthy.hasData).toBe(true);
    const noGroups = items.find((i) => i.integration.name === "No groups")!;
    expect(noGroups.health.state).toBe("partial");
    expect(noGroups.health.lastSuccess).toBeNull();
    expect(noGroups.problems.map((p) => [p.resource, p.status, p.fix])).toEqual([
      ["groups", "missing_scope", "Grant okta.groups.read to the app in Okta, then Sync now."],
      ["memberships", "blocked", "Fix groups first, then Sync now."],
    ]);
    expect(noGroups.counts.groups).toBe(0);

    // Another workspace sees none of them.
    const other = await createTenant();
    expect((await status(other)).items).toEqual([]);
  });
});

describe("POST /api/integrations/{id}/remove", () => {
  it("removes a disconnected integration whose data was kept, deleting every row of it; a connected one is refused", async () => {
    const c = await connectToEmulator(emu, { name: "To remove" });
    expect((await runSync(c.runId)).status).toBe("succeeded");
    const refused = await remove(c.integrationId, c.tenant.adminKey);
    expect(refused.status).toBe(409);
    expect((await refused.json()).error.message).toBe("Disconnect this integration before removing it");
    await disconnectIntegration({ ctx: userCtx(c.actor), input: { integrationId: c.integrationId, deleteData: false } });
    const before = await integrationRowCounts(c.integrationId);
    expect(before.okta_users).toBeGreaterThan(0);
    expect((await status(c.tenant)).items[0]).toMatchObject({ hasData: true, integration: { state: "disconnected" }, problems: [] });

    expect((await remove(c.integrationId, c.tenant.viewerKey)).status).toBe(403);
    const other = await createTenant();
    expect((await remove(c.integrationId, other.adminKey)).status).toBe(404);

    const res = await remove(c.integrationId, c.tenant.adminKey);
    expect(res.status).toBe(200);
    const body = await res.json();
    expect(body.removed).toEqual({ id: c.integrationId, name: "To remove", domain: emu.url });
    expect(body.deletedRows.users).toBe(before.okta_users);
    const after = await integrationRowCounts(c.integrationId);
    expect(Object.entries(after).filter(([, n]) => n > 0)).toEqual([]);
    expect(await sql()`select id from integrations where id = ${c.integrationId}`).toHaveLength(0);
    expect((await status(c.tenant)).items).toEqual([]);
    expect((await remove(c.integrationId, c.tenant.adminKey)).status).toBe(404);
  });
});

describe("the same Okta org connected twice", () => {
  it("is named when verifying or connecting it again, and not when editing the integration itself", async () => {
    const first = await connectToEmulator(emu, { name: "Acme prod" });
    const app = emu.app("readonly-key");
    const auth = { method: "private_key_jwt" as const, clientId: app.clientId, privateKey: app.privateKeyPem!, keyId: app.kid };
    const verified = await verifyIntegration({ ctx: userCtx(first.actor), input: { domain: emu.url, auth } });
    expect(verified.alreadyConnected).toEqual([{ id: first.integrationId, name: "Acme prod", domain: emu.url }]);
    expect(verified.warnings).toContain(
      `This Okta org is already connected as "Acme prod" (${emu.url}): connecting it again imports the same people, groups and apps twice.`,
    );
    // Editing the integration's own credentials does not name itself.
    const edited = await updateIntegration({ ctx: userCtx(first.actor), input: { integrationId: first.integrationId, auth } });
    expect(edited.verification?.alreadyConnected).toEqual([]);
    expect(edited.verification?.warnings.join(" ")).not.toContain("already connected");
    // Another workspace may connect the same org without a warning: it counts its own directory.
    const other = await createTenant();
    const elsewhere = await verifyIntegration({
      ctx: userCtx({ userId: other.admin.id, workspaceId: other.ws.id, email: other.admin.email, name: "", role: "admin", via: "api_key" }),
      input: { domain: emu.url, auth },
    });
    expect(elsewhere.alreadyConnected).toEqual([]);
    // Once disconnected, it no longer counts.
    await disconnectIntegration({ ctx: userCtx(first.actor), input: { integrationId: first.integrationId, deleteData: true } });
    expect((await verifyIntegration({ ctx: userCtx(first.actor), input: { domain: emu.url, auth } })).alreadyConnected).toEqual([]);
  });
});

describe("the overview", () => {
  const overview = async (t: Tenant, id: string) =>
    (await (await callRoute(overviewRoute, `/api/integrations/${id}/overview`, { key: t.viewerKey, params: { id } })).json()) as Overview;

  it("names the next scheduled run of either kind", async () => {
    const c = await connectToEmulator(emu, { name: "Schedules" });
    await sql()`update integrations set next_sync_at = now() + interval '6 hours', next_incremental_sync_at = now() + interval '15 minutes' where id = ${c.integrationId}`;
    const [row] = await sql()`select next_incremental_sync_at from integrations where id = ${c.integrationId}`;
    let o = await overview(c.tenant, c.integrationId);
    expect({ at: o.health.nextSyncAt, mode: o.health.nextSyncMode }).toEqual({
      at: new Date(row.next_incremental_sync_at).toISOString(),
      mode: "incremental",
    });
    await sql()`update integrations set next_incremental_sync_at = null where id = ${c.integrationId}`;
    o = await overview(c.tenant, c.integrationId);
    expect(o.health.nextSyncMode).toBe("full");
  });

  it("drops the member-count reconciliation once a disconnect deleted the data, and keeps it when the data is kept", async () => {
    const kept = await connectToEmulator(emu, { name: "Kept" });
    expect((await runSync(kept.runId)).status).toBe("succeeded");
    const gone = await connectToEmulator(emu, { name: "Gone", tenant: kept.tenant });
    expect((await runSync(gone.runId)).status).toBe("succeeded");
    const [{ n: members }] =
      await sql()`select count(*)::int as n from okta_group_members where integration_id = ${gone.integrationId} and deleted_at is null`;
    expect(members).toBeGreaterThan(0);
    expect((await overview(kept.tenant, gone.integrationId)).counts.memberships.reconciliation).toMatchObject({
      stored: members,
      mismatchedGroups: 0,
    });
    await disconnectIntegration({ ctx: userCtx(kept.actor), input: { integrationId: kept.integrationId, deleteData: false } });
    await disconnectIntegration({ ctx: userCtx(kept.actor), input: { integrationId: gone.integrationId, deleteData: true } });
    expect((await overview(kept.tenant, kept.integrationId)).counts.memberships.reconciliation?.stored).toBe(members);
    const after = await overview(kept.tenant, gone.integrationId);
    expect(after.counts.memberships).toEqual({ total: 0, reconciliation: null });
  });
});

describe("GET /api/dashboard", () => {
  it("totals people, groups and apps across orgs, counts hygiene, and lists the latest changes with names, newest first", async () => {
    const a = await connectToEmulator(emu, { name: "Org A" });
    expect((await runSync(a.runId)).status).toBe("succeeded");
    const b = await connectToEmulator(emu, { name: "Org B", app: "no-groups-scope", tenant: a.tenant });
    expect((await runSync(b.runId)).status).toBe("partial");
    const get = async (key: string) => (await (await callRoute(dashboardRoute, "/api/dashboard", { key })).json()) as Dashboard;
    const d = await get(a.tenant.viewerKey);
    const [ua, ub] = await Promise.all(
      [a, b].map(
        async (c) =>
          (await sql()`select count(*)::int as n from okta_users where integration_id = ${c.integrationId} and deleted_at is null`)[0].n,
      ),
    );
    const truth = await fetchTruth(emu);
    expect(d.totals).toEqual({ people: ua + ub, groups: truth.groups.length, apps: truth.apps.length * 2 });
    expect(d.integrations.map((i) => i.integration.name).sort()).toEqual(["Org A", "Org B"]);
    expect(d.hygiene?.integrationId).toBeNull();
    const [{ never }] = await sql()`select count(*) filter (where status = 'ACTIVE' and last_login is null)::int as never from okta_users
      where workspace_id = ${a.tenant.ws.id} and deleted_at is null`;
    expect(d.hygiene?.dormant.never).toBe(never);
    // Newest first, across both orgs, each with the name the directory shows.
    const ids = d.latestChanges.map((c) => Number(c.id));
    expect(ids).toEqual([...ids].sort((x, y) => y - x));
    expect(d.latestChanges).toHaveLength(12);
    const [newest] =
      await sql()`select c.id, c.integration_id, c.run_id from sync_run_changes c where c.workspace_id = ${a.tenant.ws.id} order by id desc limit 1`;
    expect(d.latestChanges[0]).toMatchObject({ id: String(newest.id), integrationId: newest.integration_id, runId: newest.run_id });
    for (const c of d.latestChanges.filter((x) => x.subject.type === "user")) {
      const [u] = await sql()`select login from okta_users where integration_id = ${c.integrationId} and id = ${c.subject.id}`;
      expect(c.subject.name).not.toBe(c.subject.id);
      expect(u).toBeDefined();
    }
    // Another workspace sees nothing of it.
    const other = await createTenant();
    const empty = await get(other.viewerKey);
    expect({ integrations: empty.integrations, totals: empty.totals, hygiene: empty.hygiene, latestChanges: empty.latestChanges }).toEqual({
      integrations: [],
      totals: { people: 0, groups: 0, apps: 0 },
      hygiene: null,
      latestChanges: [],
    });
  });
});
