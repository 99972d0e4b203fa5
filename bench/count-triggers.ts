// What the overview's count triggers (drizzle/0018_overview_counts.sql) and the hygiene card's
// (drizzle/0023_hygiene_counts.sql) cost the sync's page writes: the batch writer's commitPage
// (lib/sync/upsert-batch.ts), 1000 rows a page, timed in rotating rounds with no trigger, with the
// overview's only, and with both, so the machine's load weighs on all three alike. Cases: new people
// (counted from the insert's transition table), the same people again in a later run (re-marked as
// seen: the update trigger's WHEN skips them), a page where a tenth of the people changed status (the
// update trigger fires for those), new memberships, and new System Log events (sign-ins per hour;
// the app-usage trigger stays on throughout).
//   DATABASE_URL=postgres://…/postgres npx tsx bench/count-triggers.ts [--rounds 40]
// A throw-away database is created on that server and dropped afterwards. Heavy: run it under flock.
import { randomUUID } from "node:crypto";
import os from "node:os";
import { parseArgs } from "node:util";
import { benchDatabase, percentiles } from "./throwaway-db";

const { values: args } = parseArgs({ options: { rounds: { type: "string", default: "42" } } });

const COUNTED = ["okta_users", "okta_group_members", "okta_log_events"];
const ops = ["insert", "update", "delete"];
const triggersOf = (table: string) =>
  table === "okta_log_events" ? ops.map((o) => `okta_log_events_sign_ins_${o}`) : ops.map((o) => `${table}_counts_${o}`);
/** The hygiene triggers (0023) on the tables the cases write. */
const hygieneTriggersOf = (table: string) =>
  table === "okta_users"
    ? ops.flatMap((o) => [`okta_users_logins_${o}`, `okta_users_access_${o}`])
    : table === "okta_group_members"
      ? ops.map((o) => `okta_group_members_access_${o}`)
      : [];
type Mode = "off" | "counts" | "all";

async function main() {
  const db = await benchDatabase({ prefix: "osc_bench_counts" });
  process.env.DATABASE_URL = db.url;
  try {
    const { migrateDatabase } = await import("@/db/migrate");
    await migrateDatabase(db.url);
    const { getDb, closeDb } = await import("@/db");
    const { commitPage } = await import("@/lib/sync/upsert-batch");
    const { userRow, usersTable, membershipsTable, logEventsTable } = await import("@/lib/sync/tables");
    const { createWorkspace } = await import("@/test/factories");
    const { insertIntegration, insertRunningRun, finishRun } = await import("@/test/sync-fixtures");
    const sql = getDb().$client;
    const ws = await createWorkspace();
    const integration = await insertIntegration(ws.id);
    // One active run per integration: the previous one ends when the next starts.
    let last: string | undefined;
    const newRun = async () => {
      if (last) await finishRun(last);
      const lease = await insertRunningRun(ws.id, integration.id);
      last = lease.runId;
      return lease;
    };
    const setTriggers = async (mode: Mode) => {
      for (const table of COUNTED) {
        for (const t of triggersOf(table)) await sql.unsafe(`alter table ${table} ${mode === "off" ? "disable" : "enable"} trigger ${t}`);
        for (const t of hygieneTriggersOf(table))
          await sql.unsafe(`alter table ${table} ${mode === "all" ? "enable" : "disable"} trigger ${t}`);
      }
    };

    const person = (id: string, status = "ACTIVE", lastLogin = "2024-06-01T00:00:00.000Z") =>
      userRow({
        id,
        status,
        created: "2024-01-01T00:00:00.000Z",
        activated: "2024-01-02T00:00:00.000Z",
        statusChanged: null,
        lastLogin,
        lastUpdated: "2024-02-01T00:00:00.000Z",
        passwordChanged: null,
        type: { id: "oty1" },
        profile: {
          login: `${id}@example.com`,
          email: `${id}@example.com`,
          firstName: "Ada",
          lastName: "Lovelace",
          department: "IT",
          title: "Engineer",
        },
      });
    const cols = Object.keys(logEventsTable.columns);
    const event = (i: number) => {
      const row: Record<string, unknown> = {
        uuid: randomUUID(),
        published: new Date(Date.now() - Math.random() * 7 * 864e5).toISOString(),
        event_type: i % 5 < 2 ? "user.session.start" : "user.authentication.sso",
        severity: "INFO",
        outcome_result: i % 25 === 0 ? "FAILURE" : "SUCCESS",
        display_message: "User login to Okta",
        actor_id: `00u${i % 5000}`,
        actor_type: "User",
        actor_alternate_id: `u${i % 5000}@example.com`,
        target_app_id: i % 5 < 2 ? null : `0oa${i % 50}`,
        client_ip: "203.0.113.1",
        user_agent: "Mozilla/5.0",
        raw: { uuid: "x" },
      };
      return Object.fromEntries(cols.map((c) => [c, row[c] ?? null]));
    };

    type Case = { name: string; prepare: () => Promise<() => Promise<unknown>> };
    let seq = 0;
    const cases: Case[] = [
      {
        name: "1000 new people",
        prepare: async () => {
          const lease = await newRun();
          const rows = Array.from({ length: 1000 }, () => person(`00u${++seq}`));
          return () => commitPage(lease, { resource: "users", writes: [{ spec: usersTable, rows }] });
        },
      },
      {
        name: "1000 people again, unchanged (seen)",
        prepare: async () => {
          const rows = Array.from({ length: 1000 }, () => person(`00u${++seq}`));
          await commitPage(await newRun(), { resource: "users", writes: [{ spec: usersTable, rows }] });
          const lease = await newRun();
          return () => commitPage(lease, { resource: "users", writes: [{ spec: usersTable, rows }] });
        },
      },
      {
        name: "1000 people, 100 changed status",
        prepare: async () => {
          const ids = Array.from({ length: 1000 }, () => `00u${++seq}`);
          await commitPage(await newRun(), { resource: "users", writes: [{ spec: usersTable, rows: ids.map((id) => person(id)) }] });
          const lease = await newRun();
          const rows = ids.map((id, i) => person(id, i % 10 === 0 ? "SUSPENDED" : "ACTIVE"));
          return () => commitPage(lease, { resource: "users", writes: [{ spec: usersTable, rows }] });
        },
      },
      {
        name: "1000 people, all signed in since",
        prepare: async () => {
          const ids = Array.from({ length: 1000 }, () => `00u${++seq}`);
          await commitPage(await newRun(), { resource: "users", writes: [{ spec: usersTable, rows: ids.map((id) => person(id)) }] });
          const lease = await newRun();
          const rows = ids.map((id, i) => person(id, "ACTIVE", new Date(Date.now() - (i % 24) * 3_600_000).toISOString()));
          return () => commitPage(lease, { resource: "users", writes: [{ spec: usersTable, rows }] });
        },
      },
      {
        name: "1000 people, 100 deactivated",
        prepare: async () => {
          const ids = Array.from({ length: 1000 }, () => `00u${++seq}`);
          await commitPage(await newRun(), { resource: "users", writes: [{ spec: usersTable, rows: ids.map((id) => person(id)) }] });
          const lease = await newRun();
          const rows = ids.map((id, i) => person(id, i % 10 === 0 ? "DEPROVISIONED" : "ACTIVE"));
          return () => commitPage(lease, { resource: "users", writes: [{ spec: usersTable, rows }] });
        },
      },
      {
        name: "1000 new memberships",
        prepare: async () => {
          const lease = await newRun();
          const g = `00g${++seq}`;
          const rows = Array.from({ length: 1000 }, (_, i) => ({ group_id: g, user_id: `00u${i}` }));
          return () => commitPage(lease, { resource: "memberships", writes: [{ spec: membershipsTable, rows }] });
        },
      },
      {
        name: "1000 new System Log events",
        prepare: async () => {
          const lease = await newRun();
          const rows = Array.from({ length: 1000 }, (_, i) => event(i));
          return () => commitPage(lease, { resource: "log_events", writes: [{ spec: logEventsTable, rows }], appendOnly: true });
        },
      },
    ];

    console.log(
      `Count triggers: none, the overview's (0018/0021), and those plus the hygiene card's (0023); ${args.rounds} rounds per case (${db.where}; load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(", ")})`,
    );
    const modes: Mode[] = ["off", "counts", "all"];
    const ms = (x: number) => x.toFixed(1).padStart(6);
    const delta = (a: number, b: number) =>
      `${a >= b ? "+" : ""}${(a - b).toFixed(1)} ms, ${a >= b ? "+" : ""}${(((a - b) / b) * 100).toFixed(0)}%`;
    for (const c of cases) {
      const times: Record<Mode, number[]> = { off: [], counts: [], all: [] };
      for (let round = 0; round < Number(args.rounds); round++) {
        const mode = modes[round % modes.length];
        await setTriggers("all");
        const write = await c.prepare();
        await setTriggers(mode);
        const t = performance.now();
        await write();
        times[mode].push(performance.now() - t);
      }
      await setTriggers("all");
      const [off, counts, all] = modes.map((m) => percentiles(times[m]).p50);
      console.log(
        `  ${c.name.padEnd(38)} median off ${ms(off)} ms, overview's ${ms(counts)} ms (${delta(counts, off)}), + hygiene ${ms(all)} ms (${delta(all, counts)} over the overview's)`,
      );
    }
    console.log(
      `(load ${os
        .loadavg()
        .map((l) => l.toFixed(2))
        .join(", ")})`,
    );
    await closeDb();
  } finally {
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
