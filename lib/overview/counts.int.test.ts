// The overview's maintained aggregates (okta_counts, okta_sign_in_hours, kept by triggers) always say
// what counting the tables says (test/overview-scan.ts): after a full sync, after an incremental and
// a full sync of random changes (upserts, status changes, soft deletes, sweeps), after writes the
// sync never makes (revivals, hard deletes, an integration removed by cascade), for sign-in windows
// that start and end inside an hour, after folding the deltas, and after a disconnect that deletes the
// data (nothing left). The integrations list reads the same numbers.
import { randomUUID } from "node:crypto";
import { sql as drizzleSql } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { oktaLogEvents } from "@/db/schema";
import { systemCtx, userCtx } from "@/lib/context";
import { disconnectIntegration } from "@/lib/integrations/disconnect-integration";
import { listIntegrationStatus } from "@/lib/integrations/list-integration-status";
import { stopBoss } from "@/lib/jobs/boss";
import { startSync } from "@/lib/sync/start-sync";
import { insertEvents, insertIntegration, type LogEventInsert } from "@/test/activity-fixtures";
import { createWorkspace } from "@/test/factories";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { scanDirectoryCounts, scanSignInsPerDay } from "@/test/overview-scan";
import { runSync } from "@/test/run-sync";
import { connectToEmulator } from "@/test/sync-fixtures";
import { COMPACT_AFTER, compactCounts } from "./compact-counts";
import { countDirectory, signInsPerDay } from "./count-directory";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: 17, users: 500, groups: 30, apps: 10, logDays: 3 });
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

const sql = () => getDb().$client;
const HOUR = 3_600_000;
const DAY = 86_400_000;

/** The aggregates' answer and the scan's, for the same moment (the counts part without admins, which are counted as they are). */
async function both(workspaceId: string, integrationId: string, now: Date, days = 30) {
  const { admins: _, ...kept } = await countDirectory(workspaceId, integrationId, now);
  const perDay = (await signInsPerDay(workspaceId, integrationId, days, now)).points.filter((p) => p.success || p.failure);
  return {
    aggregates: { counts: kept, perDay: Object.fromEntries(perDay.map((p) => [p.day, { success: p.success, failure: p.failure }])) },
    scan: { counts: await scanDirectoryCounts(integrationId, now), perDay: await scanSignInsPerDay(integrationId, days, now) },
  };
}

async function expectAgree(workspaceId: string, integrationId: string, now = new Date()) {
  const { aggregates, scan } = await both(workspaceId, integrationId, now);
  expect(aggregates).toEqual(scan);
  return scan;
}

async function succeeded(runId: string) {
  expect((await runSync(runId)).status).toBe("succeeded");
}

describe("the overview's maintained counts", () => {
  it("agree with counting the tables after a full sync, incremental and full syncs of changes, and folding", {
    timeout: 180_000,
  }, async () => {
    const c = await connectToEmulator(emu);
    await succeeded(c.runId);
    const first = await expectAgree(c.workspaceId, c.integrationId);
    expect(first.counts.users.total).toBeGreaterThan(400);
    expect(first.counts.memberships).toBeGreaterThan(0);
    expect(first.counts.signIns.last30.total).toBeGreaterThan(0);

    // Random realistic changes (status changes, deletions, new people, memberships, assignments), applied
    // by an incremental run, then by a full run with its sweep.
    for (const [seed, mode] of [
      [1, "incremental"],
      [2, "full"],
      [3, "incremental"],
    ] as const) {
      await emu.control("POST", "/mutations", { count: 120, seed });
      const { run } = await startSync({ ctx: userCtx(c.actor), input: { integrationId: c.integrationId, trigger: "manual", mode } });
      await succeeded(run.id);
      await expectAgree(c.workspaceId, c.integrationId);
    }

    // Writes the sync does not make: a revived row, a status and a type changed in place, hard deletes.
    const ws = c.workspaceId;
    await sql()`update okta_users set deleted_at = now() where integration_id = ${c.integrationId} and id in (
      select id from okta_users where integration_id = ${c.integrationId} and deleted_at is null order by id limit 5)`;
    await sql()`update okta_users set deleted_at = null where integration_id = ${c.integrationId} and id in (
      select id from okta_users where integration_id = ${c.integrationId} and deleted_at is not null order by id limit 2)`;
    await sql()`update okta_users set status = 'SUSPENDED' where integration_id = ${c.integrationId} and id in (
      select id from okta_users where integration_id = ${c.integrationId} and status = 'ACTIVE' order by id limit 7)`;
    await sql()`update okta_groups set type = 'APP_GROUP' where integration_id = ${c.integrationId} and id in (
      select id from okta_groups where integration_id = ${c.integrationId} and type = 'OKTA_GROUP' order by id limit 1)`;
    await sql()`delete from okta_group_members where integration_id = ${c.integrationId} and user_id in (
      select id from okta_users where integration_id = ${c.integrationId} order by id limit 10)`;
    await sql()`delete from okta_log_events where integration_id = ${c.integrationId} and uuid in (
      select uuid from okta_log_events where integration_id = ${c.integrationId} and event_type = 'user.session.start' order by uuid limit 3)`;
    await expectAgree(ws, c.integrationId);

    // Folding the deltas changes no sum and leaves one row per key whose sum is not zero.
    const rows = async () =>
      (
        await sql()`select (select count(*) from okta_counts where integration_id = ${c.integrationId})::int as counts,
          (select count(*) from okta_sign_in_hours where integration_id = ${c.integrationId})::int as hours`
      )[0];
    const keys = async () =>
      (
        await sql()`select
          (select count(*) from (select subject, key from okta_counts where integration_id = ${c.integrationId}
            group by 1, 2 having sum(n) <> 0) k)::int as counts,
          (select count(*) from (select hour, outcome from okta_sign_in_hours where integration_id = ${c.integrationId}
            group by 1, 2 having sum(n) <> 0) k)::int as hours`
      )[0];
    const before = await rows();
    const distinct = await keys();
    expect(before.counts - distinct.counts).toBeGreaterThanOrEqual(COMPACT_AFTER);
    // The tick's form folds the integrations that gathered enough deltas; the disconnect's, the one it names.
    await compactCounts();
    expect((await rows()).counts).toBe(distinct.counts);
    await compactCounts({ integrationId: c.integrationId });
    expect(await rows()).toEqual(await keys());
    expect((await rows()).hours).toBeLessThanOrEqual(before.hours);
    await expectAgree(ws, c.integrationId);

    // The integrations list reads the same totals.
    const { items } = await listIntegrationStatus({ ctx: systemCtx(ws) });
    const scanned = await scanDirectoryCounts(c.integrationId, new Date());
    expect(items.find((i) => i.integration.id === c.integrationId)?.counts).toEqual({
      users: scanned.users.total,
      groups: scanned.groups.total,
      apps: scanned.apps.total,
    });

    // Disconnecting with the data deleted leaves no count behind.
    await disconnectIntegration({ ctx: userCtx(c.actor), input: { integrationId: c.integrationId, deleteData: true } });
    expect(await rows()).toEqual({ counts: 0, hours: 0 });
    const gone = await countDirectory(ws, c.integrationId);
    expect(gone).toMatchObject({ users: { total: 0 }, memberships: 0, signIns: { last30: { total: 0 } } });
  });

  it("counts sign-ins exactly when a window starts and ends inside an hour, whatever the session's time zone", async () => {
    const ws = await createWorkspace();
    const integration = await insertIntegration(ws.id);
    // A moment inside an hour; events on each side of every boundary the windows have.
    const now = new Date(Date.UTC(2026, 10, 20, 14, 37, 21, 345));
    const t = now.getTime();
    const since7 = t - 7 * DAY;
    const since30 = t - 30 * DAY;
    const ceil = (x: number) => Math.ceil(x / HOUR) * HOUR;
    const floor = (x: number) => Math.floor(x / HOUR) * HOUR;
    const moments = [
      since30 - 1,
      since30,
      since30 + 1,
      ceil(since30) - 1,
      ceil(since30),
      since7 - 1,
      since7,
      ceil(since7) - 1,
      ceil(since7),
    ];
    moments.push(floor(t) - 1, floor(t), t - 1, t, t + 1, t + HOUR, t - 2 * DAY, t - 12 * DAY + 5);
    const outcomes = ["SUCCESS", "FAILURE", "ALLOW", "DENY", "UNKNOWN", null];
    const events: LogEventInsert[] = moments.flatMap((m, i) =>
      outcomes.map((o, j) => ({
        workspaceId: ws.id,
        integrationId: integration.id,
        uuid: randomUUID(),
        published: new Date(m),
        // Every fourth one is another kind of event, which no sign-in number counts.
        eventType: (i + j) % 4 === 3 ? "user.authentication.sso" : "user.session.start",
        outcomeResult: o,
      })),
    );
    // Written under a time zone half an hour off UTC: the hours must still be UTC hours.
    await getDb().transaction(async (tx) => {
      await tx.execute(drizzleSql`set local time zone 'Asia/Kolkata'`);
      await tx.insert(oktaLogEvents).values(events);
    });
    const { aggregates, scan } = await both(ws.id, integration.id, now);
    expect(aggregates).toEqual(scan);
    expect(scan.counts.signIns.last7.total).toBeGreaterThan(0);
    expect(scan.counts.signIns.last30.total).toBeGreaterThan(scan.counts.signIns.last7.total);
    // And at other moments: on an hour, a millisecond either side of it.
    for (const at of [floor(t), floor(t) - 1, floor(t) + 1, ceil(since7) + 7 * DAY]) {
      const other = await both(ws.id, integration.id, new Date(at));
      expect({ at, ...other.aggregates }).toEqual({ at, ...other.scan });
    }
  });

  it("a cascade that removes an integration takes its counts along and writes none", async () => {
    const ws = await createWorkspace();
    const integration = await insertIntegration(ws.id);
    await sql()`insert into okta_users (workspace_id, integration_id, content_hash, id, status, login, profile)
      select ${ws.id}, ${integration.id}, 'h', 'u' || g, 'ACTIVE', 'u' || g || '@example.com', '{}' from generate_series(1, 20) g`;
    await insertEvents([
      {
        workspaceId: ws.id,
        integrationId: integration.id,
        uuid: randomUUID(),
        published: new Date(),
        eventType: "user.session.start",
        outcomeResult: "SUCCESS",
      },
    ]);
    expect((await countDirectory(ws.id, integration.id)).users.total).toBe(20);
    await sql()`delete from workspaces where id = ${ws.id}`;
    const [left] = await sql()`select (select count(*) from okta_counts where integration_id = ${integration.id})::int
      + (select count(*) from okta_sign_in_hours where integration_id = ${integration.id})::int as n`;
    expect(left.n).toBe(0);
  });
});
