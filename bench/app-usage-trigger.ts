// What the app-usage trigger (drizzle/0012_hygiene.sql) costs the sync: the System Log page write of
// lib/sync/upsert-batch.ts (append-only, 1000 events, a third of them app sign-ins), timed with the
// trigger on and off in alternate rounds, so the machine's load weighs on both alike.
//   DATABASE_URL=postgres://…/postgres npx tsx bench/app-usage-trigger.ts [--rounds 60]
// A throw-away database is created on that server and dropped afterwards.
import { randomUUID } from "node:crypto";
import { parseArgs } from "node:util";
import postgres from "postgres";

const { values: args } = parseArgs({ options: { rounds: { type: "string", default: "60" } } });

async function main() {
  const base = process.env.DATABASE_URL;
  if (!base) throw new Error("set DATABASE_URL to a Postgres server (a throw-away database is created there)");
  const name = `osc_bench_trigger_${Date.now().toString(36)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const u = new URL(base);
  u.pathname = `/${name}`;
  process.env.DATABASE_URL = u.toString();
  try {
    const { migrateDatabase } = await import("@/db/migrate");
    await migrateDatabase(u.toString());
    const { getDb, closeDb } = await import("@/db");
    const { writeRows } = await import("@/lib/sync/upsert-batch");
    const { logEventsTable } = await import("@/lib/sync/tables");
    const { createWorkspace } = await import("@/test/factories");
    const { insertIntegration } = await import("@/test/sync-fixtures");
    const ws = await createWorkspace();
    const integration = await insertIntegration(ws.id);
    const lease = { integrationId: integration.id as string, workspaceId: ws.id, runId: null };
    const sql = getDb().$client;
    const cols = Object.keys(logEventsTable.columns);
    const page = () =>
      Array.from({ length: 1000 }, (_, i) => {
        const sso = i % 3 === 0;
        const user = `00uuser${Math.floor(Math.random() * 10_000)}`;
        const row: Record<string, unknown> = {
          uuid: randomUUID(),
          published: new Date(Date.now() - Math.random() * 30 * 864e5).toISOString(),
          event_type: sso ? "user.authentication.sso" : "user.session.start",
          severity: "INFO",
          outcome_result: "SUCCESS",
          display_message: sso ? "User single sign on to app" : "User login to Okta",
          actor_id: user,
          actor_type: "User",
          actor_alternate_id: `${user}@example.com`,
          target_app_id: sso ? `0oaapp${i % 50}` : null,
          target_app_name: sso ? `App ${i % 50}` : null,
          client_ip: "203.0.113.1",
          user_agent: "Mozilla/5.0",
          raw: { uuid: "x" },
        };
        return Object.fromEntries(cols.map((c) => [c, row[c] ?? null]));
      });
    const times: Record<"on" | "off", number[]> = { on: [], off: [] };
    for (let round = 0; round < Number(args.rounds); round++) {
      const mode = round % 2 === 0 ? "on" : "off";
      await sql.unsafe(`alter table okta_log_events ${mode === "on" ? "enable" : "disable"} trigger okta_log_events_app_usage`);
      const rows = page();
      const t = performance.now();
      await sql.begin((tx) => writeRows(tx, lease, { spec: logEventsTable, rows }, true));
      times[mode].push(performance.now() - t);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
    const on = median(times.on);
    const off = median(times.off);
    console.log(
      `System Log page of 1000 events, ${times.on.length} rounds each, median: trigger on ${on.toFixed(1)} ms, off ${off.toFixed(1)} ms (+${(on - off).toFixed(1)} ms, +${(((on - off) / off) * 100).toFixed(0)}%)`,
    );
    await closeDb();
  } finally {
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
