// What the dashboard and the integration page read of the run history is kept as the history is
// written (drizzle/0027_run_history_aggregates.sql): each resource's newest successful pass, and the event
// log's kinds by level. Each is compared with a scan of the whole history, the way they were read before.
import { sql as dsql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { integrationEvents, syncRunResources, syncRuns } from "@/db/schema";
import { systemCtx } from "@/lib/context";
import { listIntegrationStatus } from "@/lib/integrations/list-integration-status";
import { recordEvent } from "@/lib/integrations/record-event";
import { createTenant } from "@/test/factories";
import { insertIntegration } from "@/test/sync-fixtures";
import { compactCounts } from "./compact-counts";
import { getOverview } from "./get-overview";

const sql = () => getDb().$client;
const at = (minutes: number) => new Date(Date.UTC(2026, 10, 1) + minutes * 60_000);

async function run(workspaceId: string, integrationId: string, queuedMin: number) {
  const [r] = await getDb()
    .insert(syncRuns)
    .values({ workspaceId, integrationId, trigger: "scheduled", status: "succeeded", queuedAt: at(queuedMin), startedAt: at(queuedMin) })
    .returning();
  return r.id;
}

/** The newest finish of each resource's successful passes, scanned from every run, as before. */
const scanned = async (integrationId: string) =>
  Object.fromEntries(
    (
      await sql()`select r.resource, max(r.finished_at) as at from sync_run_resources r join sync_runs s on s.id = r.run_id
        where s.integration_id = ${integrationId} and r.status = 'succeeded' group by r.resource`
    ).map((r) => [r.resource, new Date(r.at).toISOString()]),
  );
const kept = async (integrationId: string) =>
  Object.fromEntries(
    (await sql()`select resource, finished_at from sync_resource_successes where integration_id = ${integrationId}`).map((r) => [
      r.resource,
      new Date(r.finished_at).toISOString(),
    ]),
  );

describe("the run history's maintained aggregates", () => {
  it("keep each resource's newest successful pass as runs are written, inserted or updated, whichever run finishes last", async () => {
    const { ws } = await createTenant();
    const [a, b] = [await insertIntegration(ws.id), await insertIntegration(ws.id)];
    const db = getDb();
    // A first run: users succeeded, groups failed, memberships (with Okta's comparison) succeeded.
    const r1 = await run(ws.id, a.id, 0);
    await db.insert(syncRunResources).values([
      { runId: r1, resource: "users", status: "succeeded", finishedAt: at(5) },
      { runId: r1, resource: "groups", status: "failed", finishedAt: at(6) },
      {
        runId: r1,
        resource: "memberships",
        status: "succeeded",
        finishedAt: at(7),
        reconciliation: { expected: 10, stored: 10, outOfScope: null, groupsCompared: 2, mismatchedGroups: 0 },
      },
    ]);
    // A second run, written as the sync writes it: pending, running, then succeeded with its finish time.
    const r2 = await run(ws.id, a.id, 15);
    await db.insert(syncRunResources).values([
      { runId: r2, resource: "users", status: "pending" },
      { runId: r2, resource: "groups", status: "pending" },
      { runId: r2, resource: "memberships", status: "pending" },
    ]);
    const setRow = (runId: string, resource: "users" | "groups" | "memberships", values: Partial<typeof syncRunResources.$inferInsert>) =>
      db
        .update(syncRunResources)
        .set(values)
        .where(dsql`${syncRunResources.runId} = ${runId} and ${syncRunResources.resource} = ${resource}`);
    await setRow(r2, "users", { status: "running", startedAt: at(16) });
    expect((await kept(a.id)).users).toBe(at(5).toISOString());
    await setRow(r2, "users", { status: "succeeded", finishedAt: at(20) });
    await setRow(r2, "groups", { status: "succeeded", finishedAt: at(21) });
    await setRow(r2, "memberships", {
      status: "succeeded",
      finishedAt: at(22),
      reconciliation: { expected: 12, stored: 11, outOfScope: null, groupsCompared: 2, mismatchedGroups: 1 },
    });
    // An older run that finishes last (a resumed run): its finish is the newest, as the scan's max() says.
    const r0 = await run(ws.id, a.id, -30);
    await db.insert(syncRunResources).values({ runId: r0, resource: "groups", status: "succeeded", finishedAt: at(40) });
    // A failure after a success changes nothing; another integration's runs are its own.
    const r3 = await run(ws.id, a.id, 45);
    await db.insert(syncRunResources).values({ runId: r3, resource: "users", status: "failed", finishedAt: at(50) });
    const rb = await run(ws.id, b.id, 0);
    await db.insert(syncRunResources).values({ runId: rb, resource: "users", status: "succeeded", finishedAt: at(99) });

    expect(await kept(a.id)).toEqual(await scanned(a.id));
    expect(await kept(a.id)).toEqual({ users: at(20).toISOString(), groups: at(40).toISOString(), memberships: at(22).toISOString() });
    expect(await kept(b.id)).toEqual(await scanned(b.id));

    // What the integrations list and the integration page show is read from them.
    const ctx = systemCtx(ws.id);
    const { items } = await listIntegrationStatus({ ctx });
    const overview = await getOverview({ ctx, input: { integrationId: a.id } });
    const resources = overview.health.resources;
    expect(resources.find((r) => r.resource === "users")?.lastSucceededAt).toBe(at(20).toISOString());
    expect(resources.find((r) => r.resource === "groups")?.lastSucceededAt).toBe(at(40).toISOString());
    // The newest run failed on users: the list's open problem says when they last synced.
    const problem = items.find((i) => i.integration.id === a.id)?.problems.find((r) => r.resource === "users");
    expect(problem?.lastSucceededAt).toBe(at(20).toISOString());
    // Okta's member counts as the newest successful memberships pass compared them.
    expect(overview.counts.memberships.reconciliation).toMatchObject({ expected: 12, stored: 11, mismatchedGroups: 1, runId: r2 });
  });

  it("count the event log's kinds by their worst level as events are written and deleted, before and after folding", async () => {
    const { ws } = await createTenant();
    const i = await insertIntegration(ws.id);
    const ctx = systemCtx(ws.id);
    const ev = (kind: "sync.started" | "sync.failed" | "sync.rate_limited", level: "info" | "warn" | "error") =>
      recordEvent({ workspaceId: ws.id, integrationId: i.id, kind, level, message: kind });
    for (let k = 0; k < 3; k++) await ev("sync.started", "info");
    await ev("sync.rate_limited", "warn");
    await ev("sync.rate_limited", "info");
    await ev("sync.failed", "error");
    // Many in one statement, and some deleted.
    await getDb()
      .insert(integrationEvents)
      .values(Array.from({ length: 70 }, () => ({ workspaceId: ws.id, integrationId: i.id, kind: "sync.started", message: "x" })));
    await sql()`delete from integration_events where id in (
      select id from integration_events where integration_id = ${i.id} and kind = 'sync.started' order by id limit 5)`;
    await sql()`delete from integration_events where integration_id = ${i.id} and kind = 'sync.failed'`;

    const scan = async () =>
      (
        await sql()`select kind, count(*)::int as count,
            (array['info', 'warn', 'error'])[1 + max(case level when 'error' then 2 when 'warn' then 1 else 0 end)] as level
          from integration_events where integration_id = ${i.id} group by kind order by kind`
      ).map((r) => ({ kind: r.kind, count: r.count, level: r.level }));
    const expected = [
      { kind: "sync.rate_limited", count: 2, level: "warn" },
      { kind: "sync.started", count: 68, level: "info" },
    ];
    expect(await scan()).toEqual(expected);
    expect((await getOverview({ ctx, input: { integrationId: i.id } })).eventKinds).toEqual(expected);
    await compactCounts({ integrationId: i.id });
    expect((await getOverview({ ctx, input: { integrationId: i.id } })).eventKinds).toEqual(expected);
    const [rows] = await sql()`select count(*)::int as n from integration_event_counts where integration_id = ${i.id}`;
    expect(rows.n).toBe(3);
  });
});
