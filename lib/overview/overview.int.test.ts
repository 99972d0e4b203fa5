// The integration page's API against the real emulator and Postgres: counts equal the emulator's
// truth, health says which scope is missing and how to fix it, the run history names who started a
// run, and settings validate, take effect on the schedule and stay admin-only and workspace-scoped.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as overviewRoute } from "@/app/api/integrations/[id]/overview/route";
import { GET as historyRoute } from "@/app/api/integrations/[id]/overview/runs/route";
import { GET as getSettingsRoute, PATCH as patchSettingsRoute } from "@/app/api/integrations/[id]/settings/route";
import { getDb } from "@/db";
import { userCtx } from "@/lib/context";
import { stopBoss } from "@/lib/jobs/boss";
import { startSync } from "@/lib/sync/start-sync";
import { callRoute } from "@/test/call-route";
import { createTenant } from "@/test/factories";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { connectToEmulator } from "@/test/sync-fixtures";
import type { Overview, RunHistory, Settings } from "./contracts";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: 11, users: 240, groups: 14, apps: 7, logDays: 12 });
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

type Obj = Record<string, unknown>;
const tally = <T extends Obj>(rows: T[], key: (r: T) => string) =>
  rows.reduce<Record<string, number>>((acc, r) => {
    acc[key(r)] = (acc[key(r)] ?? 0) + 1;
    return acc;
  }, {});

describe("overview against the emulator", () => {
  it("counts equal the emulator's truth after a full sync, and the health is connected", async () => {
    const c = await connectToEmulator(emu);
    expect((await runSync(c.runId)).status).toBe("succeeded");
    const res = await callRoute(overviewRoute, `/api/integrations/${c.integrationId}/overview`, {
      key: c.tenant.viewerKey,
      params: { id: c.integrationId },
    });
    expect(res.status).toBe(200);
    const o = (await res.json()) as Overview;
    const now = Date.parse(o.generatedAt);

    const truth = await emu.control<{
      users: Obj[];
      groups: Obj[];
      memberships: { groupId: string; userIds: string[] }[];
      apps: Obj[];
      appUsers: Record<string, Obj[]>;
      appGroups: Record<string, Obj[]>;
      roles: { users: Record<string, Obj[]>; groups: Record<string, Obj[]> };
      idps: Obj[];
    }>("GET", "/truth");
    const logs = await emu.control<{ eventType: string; published: string; outcome: { result: string } }[]>("GET", "/truth/logs");
    const signIns = (days: number, result?: string) =>
      logs.filter(
        (e) =>
          e.eventType === "user.session.start" &&
          Date.parse(e.published) >= now - days * 86_400_000 &&
          Date.parse(e.published) <= now &&
          (!result || e.outcome.result === result),
      ).length;

    expect(o.counts.users).toEqual({ total: truth.users.length, byStatus: tally(truth.users, (u) => String(u.status)) });
    expect(o.counts.groups).toEqual({ total: truth.groups.length, byType: tally(truth.groups, (g) => String(g.type)) });
    expect(o.counts.apps).toEqual({ total: truth.apps.length, byStatus: tally(truth.apps, (a) => String(a.status)) });
    expect(o.counts.idps).toEqual({ total: truth.idps.length, byStatus: tally(truth.idps, (i) => String(i.status)) });
    const members = truth.memberships.reduce((a, m) => a + m.userIds.length, 0);
    expect(o.counts.memberships).toMatchObject({
      total: members,
      reconciliation: { expected: members, stored: members, mismatchedGroups: 0, runId: c.runId },
    });
    expect(o.counts.assignments).toEqual({
      users: Object.values(truth.appUsers).reduce((a, l) => a + l.length, 0),
      groups: Object.values(truth.appGroups).reduce((a, l) => a + l.length, 0),
    });
    expect(o.counts.admins).toEqual({
      users: Object.values(truth.roles.users).filter((l) => l.length).length,
      groups: Object.values(truth.roles.groups).filter((l) => l.length).length,
      assignments: [...Object.values(truth.roles.users), ...Object.values(truth.roles.groups)].reduce((a, l) => a + l.length, 0),
    });
    expect(o.counts.signIns.last7).toEqual({ success: signIns(7, "SUCCESS"), failure: signIns(7, "FAILURE"), total: signIns(7) });
    expect(o.counts.signIns.last30.total).toBe(signIns(30));
    expect(o.counts.signIns.last7.total).toBeGreaterThan(0);

    // The chart covers the sign-in window, one zero-filled point per day, and sums to the 30-day count.
    expect(o.signIns.points).toHaveLength(30);
    expect(o.signIns.points.reduce((a, p) => a + p.success + p.failure, 0)).toBe(signIns(30, "SUCCESS") + signIns(30, "FAILURE"));
    expect(o.durations).toEqual([expect.objectContaining({ runId: c.runId, status: "succeeded" })]);
    expect(o.estimates.users).toBe(truth.users.length);

    expect(o.health).toMatchObject({ state: "connected", active: null, lastSuccess: { id: c.runId, trigger: "initial" }, overdue: false });
    expect(o.health.resources.map((r) => [r.resource, r.status])).toEqual(
      ["users", "groups", "memberships", "apps", "app_assignments", "roles", "idps", "log_events"].map((r) => [r, "ok"]),
    );
    expect(o.eventKinds.map((k) => k.kind)).toEqual(expect.arrayContaining(["integration.connected", "sync.started", "sync.succeeded"]));
  });

  it("a missing scope shows as such, with its exact fix, and the state is partial", async () => {
    const c = await connectToEmulator(emu, { app: "no-groups-scope" });
    expect((await runSync(c.runId)).status).toBe("partial");
    const o = (await (
      await callRoute(overviewRoute, `/api/integrations/${c.integrationId}/overview`, {
        key: c.tenant.adminKey,
        params: { id: c.integrationId },
      })
    ).json()) as Overview;
    expect(o.health.state).toBe("partial");
    expect(o.health.reason).toContain("okta.groups.read is not granted");
    const groups = o.health.resources.find((r) => r.resource === "groups")!;
    expect(groups).toMatchObject({
      status: "missing_scope",
      scope: "okta.groups.read",
      fix: "Grant okta.groups.read to the app in Okta, then Sync now.",
      symptom: "groups_missing",
    });
    expect(o.health.resources.find((r) => r.resource === "memberships")!.status).toBe("blocked");
    expect(o.health.resources.find((r) => r.resource === "users")!.status).toBe("ok");
    expect(o.health.lastSuccess).toBeNull();
    expect(o.counts.groups.total).toBe(0);
    expect(o.counts.users.total).toBe(240);
  });

  it("the run history says who started each run, with per-resource changes; it pages and is scoped", async () => {
    const c = await connectToEmulator(emu);
    await runSync(c.runId);
    const { run } = await startSync({ ctx: userCtx(c.actor), input: { integrationId: c.integrationId, trigger: "manual" } });
    await runSync(run.id);
    const page1 = (await (
      await callRoute(historyRoute, `/api/integrations/${c.integrationId}/overview/runs?limit=1`, {
        key: c.tenant.viewerKey,
        params: { id: c.integrationId },
      })
    ).json()) as RunHistory;
    expect(page1.items).toHaveLength(1);
    expect(page1.items[0]).toMatchObject({
      id: run.id,
      trigger: "manual",
      triggeredBy: { id: c.actor.userId, name: c.tenant.admin.name },
      status: "succeeded",
    });
    expect(page1.items[0].resources).toHaveLength(8);
    expect(page1.items[0].durationMs).toBeGreaterThanOrEqual(0);
    const page2 = (await (
      await callRoute(historyRoute, `/api/integrations/${c.integrationId}/overview/runs?limit=1&cursor=${page1.nextCursor}`, {
        key: c.tenant.viewerKey,
        params: { id: c.integrationId },
      })
    ).json()) as RunHistory;
    expect(page2.items[0]).toMatchObject({ id: c.runId, trigger: "initial" });
    // The initial run added every user of the org, and the manual one changed nothing.
    const users = page2.items[0].resources.find((r) => r.resource === "users")!;
    expect(users.added).toBe(240);
    expect(page1.items[0].resources.find((r) => r.resource === "users")).toMatchObject({ added: 0, updated: 0, deleted: 0 });
    expect(page2.items[0].totals.added).toBe(page2.items[0].resources.reduce((a, r) => a + r.added, 0));
    expect(page2.nextCursor).toBeNull();

    const other = await createTenant();
    expect(
      (
        await callRoute(historyRoute, `/api/integrations/${c.integrationId}/overview/runs`, {
          key: other.viewerKey,
          params: { id: c.integrationId },
        })
      ).status,
    ).toBe(404);
    expect(
      (
        await callRoute(overviewRoute, `/api/integrations/${c.integrationId}/overview`, {
          key: other.adminKey,
          params: { id: c.integrationId },
        })
      ).status,
    ).toBe(404);
    const bad = await callRoute(historyRoute, `/api/integrations/${c.integrationId}/overview/runs?cursor=nope`, {
      key: c.tenant.viewerKey,
      params: {
        id: c.integrationId,
      },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/cursor/);
  });
});

describe("settings", () => {
  async function setup() {
    const c = await connectToEmulator(emu);
    const patch = (body: unknown, key = c.tenant.adminKey) =>
      callRoute(patchSettingsRoute, `/api/integrations/${c.integrationId}/settings`, {
        key,
        method: "PATCH",
        body,
        params: { id: c.integrationId },
      });
    return { ...c, patch };
  }

  it("viewers read them, only admins change them, other workspaces see nothing", async () => {
    const s = await setup();
    const read = await callRoute(getSettingsRoute, `/api/integrations/${s.integrationId}/settings`, {
      key: s.tenant.viewerKey,
      params: { id: s.integrationId },
    });
    expect(read.status).toBe(200);
    const body = (await read.json()) as Settings;
    expect(body).toMatchObject({
      fullSyncIntervalMinutes: 1440,
      incrementalSyncIntervalMinutes: 15,
      logWindowDays: 30,
      rateLimitShare: 0.5,
      state: "connected",
    });
    expect(body.owners.map((o) => o.email)).toEqual(expect.arrayContaining([s.tenant.admin.email, s.tenant.viewer.email]));
    expect((await s.patch({ logWindowDays: 10 }, s.tenant.viewerKey)).status).toBe(403);
    const other = await createTenant();
    expect((await s.patch({ logWindowDays: 10 }, other.adminKey)).status).toBe(404);
  });

  it.each([
    [{ logWindowDays: 91 }, "logWindowDays"],
    [{ logWindowDays: 0 }, "logWindowDays"],
    [{ rateLimitShare: 0.95 }, "rateLimitShare"],
    [{ rateLimitShare: "half" }, "rateLimitShare"],
    [{ fullSyncIntervalMinutes: 5 }, "fullSyncIntervalMinutes"],
    [{ incrementalSyncIntervalMinutes: 3 }, "incrementalSyncIntervalMinutes"],
    [{ incrementalSyncIntervalMinutes: -15 }, "incrementalSyncIntervalMinutes"],
    [{ fullSyncIntervalMinutes: 60.5 }, "fullSyncIntervalMinutes"],
    [{ name: "  " }, "name"],
    [{ ownerId: "someone" }, "ownerId"],
    [{ surprise: true }, "surprise|unrecognized"],
    [{}, "nothing to change"],
  ])("rejects %j naming the field", async (body, field) => {
    const s = await setup();
    const res = await s.patch(body);
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(new RegExp(field));
  });

  it("a schedule change moves the next run at once; a wider window re-reads the System Log; all recorded", async () => {
    const s = await setup();
    const sql = getDb().$client;
    await runSync(s.runId);
    const [before] = await sql`select next_sync_at, cursors from integrations where id = ${s.integrationId}`;
    expect(before.cursors.logsNext).toBeTruthy();

    const res = await s.patch({ fullSyncIntervalMinutes: 60, logWindowDays: 45, rateLimitShare: 0.3, name: "Okta production" });
    expect(res.status).toBe(200);
    const body = (await res.json()) as Settings & { changed: string[] };
    expect(body).toMatchObject({ fullSyncIntervalMinutes: 60, logWindowDays: 45, rateLimitShare: 0.3, name: "Okta production" });
    expect(body.changed.sort()).toEqual(["fullSyncIntervalMinutes", "logWindowDays", "name", "rateLimitShare"]);
    const [after] =
      await sql`select next_sync_at, cursors, (select max(queued_at) from sync_runs where integration_id = ${s.integrationId}) as last from integrations where id = ${s.integrationId}`;
    // From a day after the last start to 1 h after it.
    const t = (v: string) => Date.parse(v);
    expect(t(after.next_sync_at) - t(after.last)).toBeCloseTo(3_600_000, -3);
    expect(t(before.next_sync_at) - t(after.next_sync_at)).toBeGreaterThan(4 * 3_600_000);
    expect(after.cursors.logsNext).toBeUndefined();
    const [event] =
      await sql`select kind, message, actor_user_id from integration_events where integration_id = ${s.integrationId} and kind = 'integration.settings_changed'`;
    expect(event.message).toBe(
      'Settings changed: renamed "Okta" to "Okta production", full sync every 1 h (was 1 day), sign-in history 45 days (was 30), rate-limit share 30% (was 50%)',
    );
    expect(event.actor_user_id).toBe(s.actor.userId);

    // A narrower window keeps the cursor; an unchanged value records nothing.
    await sql`update integrations set cursors = '{"logsNext":"x"}' where id = ${s.integrationId}`;
    const again = (await (await s.patch({ logWindowDays: 20, rateLimitShare: 0.3 })).json()) as { changed: string[] };
    expect(again.changed).toEqual(["logWindowDays"]);
    const [kept] = await sql`select cursors from integrations where id = ${s.integrationId}`;
    expect(kept.cursors.logsNext).toBe("x");
    const [{ n }] =
      await sql`select count(*)::int as n from integration_events where integration_id = ${s.integrationId} and kind = 'integration.settings_changed'`;
    expect(n).toBe(2);
  });

  it("a shorter schedule whose next run is already past makes it due now", async () => {
    const s = await setup();
    const sql = getDb().$client;
    await sql`update sync_runs set queued_at = now() - interval '3 hours' where integration_id = ${s.integrationId}`;
    expect((await s.patch({ fullSyncIntervalMinutes: 60 })).status).toBe(200);
    const [due] = await sql`select next_sync_at <= now() as due from integrations where id = ${s.integrationId}`;
    expect(due.due).toBe(true);
  });

  it("the incremental schedule moves its next run, and 0 turns incremental runs off", async () => {
    const s = await setup();
    const sql = getDb().$client;
    await sql`update sync_runs set queued_at = now() - interval '1 hour' where integration_id = ${s.integrationId}`;
    const on = await s.patch({ incrementalSyncIntervalMinutes: 30 });
    expect(on.status).toBe(200);
    expect(((await on.json()) as Settings).incrementalSyncIntervalMinutes).toBe(30);
    const [due] = await sql`select next_incremental_sync_at <= now() as due from integrations where id = ${s.integrationId}`;
    expect(due.due).toBe(true);
    const off = (await (await s.patch({ incrementalSyncIntervalMinutes: 0 })).json()) as Settings;
    expect(off).toMatchObject({ incrementalSyncIntervalMinutes: 0, nextIncrementalSyncAt: null });
    const [event] =
      await sql`select message from integration_events where integration_id = ${s.integrationId} and kind = 'integration.settings_changed' order by id desc limit 1`;
    expect(event.message).toBe("Settings changed: incremental sync off (was every 30 min)");
  });

  it("owner must be a person of the workspace; names stay unique; disconnected integrations are read-only", async () => {
    const s = await setup();
    expect((await s.patch({ ownerId: s.tenant.viewer.id })).status).toBe(200);
    const other = await createTenant();
    const foreign = await s.patch({ ownerId: other.admin.id });
    expect(foreign.status).toBe(400);
    expect((await foreign.json()).error.message).toMatch(/ownerId/);
    const second = await connectToEmulator(emu, { name: "Second" });
    await getDb().$client`update integrations set workspace_id = ${s.workspaceId} where id = ${second.integrationId}`;
    const taken = await s.patch({ name: "second" });
    expect(taken.status).toBe(409);
    await getDb().$client`update integrations set state = 'disconnected' where id = ${s.integrationId}`;
    expect((await s.patch({ logWindowDays: 7 })).status).toBe(409);
  });
});
