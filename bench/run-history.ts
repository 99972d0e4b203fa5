// The console's pages as the run history grows: --integrations integrations with --days of runs on the
// default schedule (an incremental every 15 minutes, a full sync a day; 8 resources each) and the three
// events a run writes, then the dashboard's status list and the integration page's overview (of an
// integration without a sync scope, and of one whose scope was set when its history began) and the run
// page's check of what a run imported for the first time, each timed
// --repeat times (median and min). They read maintained aggregates (drizzle/0027_run_history_aggregates.sql),
// so the figures should not grow with --days.
//   npm run bench:history -- [--integrations 20] [--days 90] [--repeat 7] [--reuse URL] [--keep]
// DATABASE_URL set: a throw-away database on that server (dropped afterwards); unset: an embedded Postgres.
import { parseArgs } from "node:util";
import { benchDatabase } from "./throwaway-db";

const { values: args } = parseArgs({
  options: {
    integrations: { type: "string", default: "20" },
    days: { type: "string", default: "90" },
    repeat: { type: "string", default: "7" },
    reuse: { type: "string" },
    keep: { type: "boolean", default: false },
  },
});

async function main() {
  const db = await benchDatabase({ prefix: "osc_bench_history", reuse: args.reuse, keep: args.keep });
  process.env.DATABASE_URL = db.url;
  try {
    const { migrateDatabase } = await import("@/db/migrate");
    await migrateDatabase(db.url);
    const { getDb, closeDb } = await import("@/db");
    const { integrations } = await import("@/db/schema");
    const { createTenant } = await import("@/test/factories");
    const { insertIntegration } = await import("@/test/sync-fixtures");
    const { systemCtx } = await import("@/lib/context");
    const { listIntegrationStatus } = await import("@/lib/integrations/list-integration-status");
    const { getOverview } = await import("@/lib/overview/get-overview");
    const { firstImports } = await import("@/lib/sync/first-imports");
    const sql = getDb().$client;

    let workspaceId: string;
    let ids: string[];
    if (db.reused) {
      const rows = await getDb().select({ id: integrations.id, ws: integrations.workspaceId }).from(integrations);
      ids = rows.map((r) => r.id);
      workspaceId = rows[0].ws;
    } else {
      const days = Number(args.days);
      const { ws } = await createTenant();
      workspaceId = ws.id;
      ids = [];
      const t0 = performance.now();
      for (let k = 0; k < Number(args.integrations); k++) {
        // The first has had a sync scope (a group) from the start: its full passes record what it left out.
        const { id } = await insertIntegration(
          ws.id,
          k === 0
            ? {
                syncScope: { groupIds: ["00g0000000000000000"] },
                cursors: { scopeChangedAt: new Date(Date.now() - (days + 1) * 86_400_000).toISOString() },
              }
            : {},
        );
        ids.push(id);
        // Through the tables' own triggers, as the sync writes them.
        await sql`insert into sync_runs (workspace_id, integration_id, trigger, mode, status, queued_at, started_at, finished_at)
          select ${ws.id}, ${id}, 'scheduled', case when g % 96 = 0 then 'full' else 'incremental' end, 'succeeded',
            now() - make_interval(mins => 15 * g), now() - make_interval(mins => 15 * g), now() - make_interval(mins => 15 * g - 1)
          from generate_series(1, ${days * 96}) g`;
        await sql`insert into sync_run_resources (run_id, resource, status, started_at, finished_at, reconciliation, out_of_scope)
          select r.id, x.res, 'succeeded', r.started_at, r.finished_at,
            case when x.res = 'memberships' then '{"expected":1,"stored":1,"outOfScope":null,"groupsCompared":1,"mismatchedGroups":0}'::jsonb end,
            case when ${k === 0} and r.mode = 'full' and x.res in ('users', 'memberships', 'app_assignments', 'roles') then 7 end
          from sync_runs r cross join unnest(array['users','groups','memberships','apps','app_assignments','roles','idps','log_events']) x(res)
          where r.integration_id = ${id}`;
        await sql`insert into integration_events (workspace_id, integration_id, run_id, at, level, kind, message)
          select r.workspace_id, r.integration_id, r.id, r.queued_at, 'info', k, k from sync_runs r
          cross join unnest(array['sync.queued', 'sync.started', 'sync.succeeded']) k where r.integration_id = ${id}`;
      }
      const { compactCounts } = await import("@/lib/overview/compact-counts");
      await compactCounts();
      await sql`analyze`;
      console.log(`seeded in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
    }
    const [h] = await sql`select (select count(*) from sync_runs)::int as runs, (select count(*) from sync_run_resources)::int as resources,
      (select count(*) from integration_events)::int as events`;
    console.log(
      `bench:history — ${ids.length} integrations, ${h.runs.toLocaleString()} runs, ${h.resources.toLocaleString()} run resources, ${h.events.toLocaleString()} events; ${db.where}`,
    );
    const ctx = systemCtx(workspaceId);
    const time = async (name: string, f: () => Promise<unknown>) => {
      const ms: number[] = [];
      for (let k = 0; k < Number(args.repeat); k++) {
        const s = performance.now();
        await f();
        ms.push(performance.now() - s);
      }
      ms.sort((a, b) => a - b);
      console.log(`  ${name.padEnd(48)} median ${ms[ms.length >> 1].toFixed(1).padStart(7)} ms   min ${ms[0].toFixed(1).padStart(7)} ms`);
    };
    await time("status list (dashboard, integrations page)", () => listIntegrationStatus({ ctx }));
    await time("overview (integration page)", () => getOverview({ ctx, input: { integrationId: ids[ids.length >> 1] } }));
    await time("overview of the integration with a sync scope", () => getOverview({ ctx, input: { integrationId: ids[0] } }));
    const mid = ids[ids.length >> 1];
    const [newest] = await sql`select id from sync_runs where integration_id = ${mid} order by queued_at desc limit 1`;
    await time("run page: what the newest run imported first", () =>
      firstImports({ ctx, input: { integrationId: mid, runId: newest.id } }),
    );
    await closeDb();
  } finally {
    await db.stop();
  }
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
