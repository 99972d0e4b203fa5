// `npm run bench:write`: the batch writer alone (lib/sync/upsert-batch.ts), without Okta, HTTP or the
// emulator's CPU in the way. Rows come from the emulator's generator, turned into Okta JSON and
// through the sync's own schemas and row mappers, then are committed page by page with commitPage,
// exactly as a run does: a first pass into empty tables (every row added), then the same pages again
// (every row unchanged: classified and touched). Per table it prints Postgres backend CPU per row
// (from /proc, this database's backends only), the writer's own JS CPU per row, WAL bytes per row and
// wall time, plus the machine's load average, since contention inflates every figure.
//
//   npm run bench:write -- [--users 20000] [--log-days 30] [--tables users,groups,memberships,app_users,log_events]
// (written in the order --tables names them)
//                          [--passes 2] [--drop-indexes]
// --drop-indexes: the first pass writes each table without its secondary indexes and builds them
// after (what dropping them around a first import would cost); the build's CPU is counted in.
// --sql '<statements>': run after the migrations, before any write (an experiment on the schema:
// drop an index, change a column's type, a fillfactor), so variants can be timed side by side.
// DATABASE_URL: the server to use (a throw-away database is created and dropped).
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import { parseArgs } from "node:util";
import postgres from "postgres";
import type { Resource } from "@/db/enums";
import { generateTenant } from "@/emulator/generate";
import { appUserJson, groupJson, logJson, userJson } from "@/emulator/serialize";
import { EVERYONE } from "@/emulator/state";
import { oktaAppUserSchema, oktaGroupSchema, oktaLogEventSchema, oktaUserSchema } from "@/lib/okta/schemas";
import {
  appUserRow,
  appUsersTable,
  groupRow,
  groupsTable,
  logEventRow,
  logEventsTable,
  membershipsTable,
  type TableSpec,
  userRow,
  usersTable,
} from "@/lib/sync/tables";

const { values: args } = parseArgs({
  options: {
    users: { type: "string", default: "20000" },
    "log-days": { type: "string", default: "30" },
    tables: { type: "string", default: "users,groups,memberships,app_users,log_events" },
    passes: { type: "string", default: "2" },
    seed: { type: "string", default: "42" },
    "drop-indexes": { type: "boolean", default: false },
    sql: { type: "string" },
    "merge-members": { type: "string", default: "1" },
  },
});

process.env.APP_ENCRYPTION_KEY ||= Buffer.alloc(32, 9).toString("base64");
process.env.AUTH_SECRET ||= "bench-auth-secret-0123456789abcdef0123456789";
process.env.LOG_LEVEL ||= "warn";

type Row = Record<string, unknown>;
interface Workload {
  name: string;
  resource: Resource;
  spec: TableSpec;
  appendOnly?: boolean;
  pages: Row[][];
}

const chunk = <T>(xs: T[], n: number) => Array.from({ length: Math.ceil(xs.length / n) }, (_, i) => xs.slice(i * n, i * n + n));
const base = "http://127.0.0.1:1";

function workloads(): Workload[] {
  const users = Number(args.users);
  const t = generateTenant({
    seed: Number(args.seed),
    users,
    groups: Math.max(5, Math.round(users / 20)),
    apps: Math.max(3, Math.round(users / 200)),
    logDays: Number(args["log-days"]),
  });
  const want = new Set(args.tables.split(","));
  const out: Workload[] = [];
  if (want.has("users")) {
    const rows = t.users.filter((u) => !u.deleted).map((u) => userRow(oktaUserSchema.parse(userJson(t, u, base))) as Row);
    out.push({ name: "users", resource: "users", spec: usersTable as TableSpec, pages: chunk(rows, 200) });
  }
  if (want.has("groups")) {
    const rows = t.groups.map((g) => groupRow(oktaGroupSchema.parse(groupJson(t, g, base))) as Row);
    out.push({ name: "groups", resource: "groups", spec: groupsTable as TableSpec, pages: chunk(rows, 10_000) });
  }
  if (want.has("memberships")) {
    const pages: Row[][] = [];
    for (const g of t.groups) {
      const members = g.seq === EVERYONE ? t.users.filter((u) => !u.deleted).map((u) => u.seq) : g.members;
      for (const part of chunk([...members], 1000)) pages.push(part.map((s) => ({ group_id: g.id, user_id: t.users[s].id })));
    }
    // --merge-members N: N groups' pages in one commit, as a run merges its parallel parents' pages.
    const merge = Number(args["merge-members"]);
    const merged = merge > 1 ? chunk(pages, merge).map((ps) => ps.flat()) : pages;
    out.push({ name: "memberships", resource: "memberships", spec: membershipsTable as TableSpec, pages: merged });
  }
  if (want.has("app_users")) {
    const pages: Row[][] = [];
    for (const a of t.apps)
      for (const part of chunk(a.userOrder, 500))
        pages.push(
          part.map((s) => appUserRow(a.id, oktaAppUserSchema.parse(appUserJson(t, a, t.users[s], a.users.get(s)!, base, false))) as Row),
        );
    out.push({ name: "app_users", resource: "app_assignments", spec: appUsersTable as TableSpec, pages });
  }
  if (want.has("log_events")) {
    const rows = t.logs.map((r, i) => logEventRow(oktaLogEventSchema.parse(logJson(t, r, i))) as Row);
    out.push({ name: "log_events", resource: "log_events", spec: logEventsTable as TableSpec, appendOnly: true, pages: chunk(rows, 1000) });
  }
  // In the order --tables names them (log_events before app_users: assignments written onto usage rows).
  const order = [...want];
  return out.sort((a, b) => order.indexOf(a.name) - order.indexOf(b.name));
}

/** CPU milliseconds of this database's backends (their process title names the database). */
function backendCpuMs(database: string): Map<number, number> {
  const out = new Map<number, number>();
  for (const d of fs.readdirSync("/proc")) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const title = fs.readFileSync(`/proc/${d}/cmdline`, "utf8").replace(/\0/g, " ");
      if (!title.startsWith("postgres:") || !title.includes(` ${database} `)) continue;
      const f = fs.readFileSync(`/proc/${d}/stat`, "utf8").split(") ")[1].split(" ");
      out.set(Number(d), (Number(f[11]) + Number(f[12])) * 10);
    } catch {
      // exited
    }
  }
  return out;
}
const cpuSince = (before: Map<number, number>, after: Map<number, number>) =>
  [...after].reduce((s, [pid, ms]) => s + ms - (before.get(pid) ?? 0), 0);

async function main() {
  const server = process.env.DATABASE_URL;
  if (!server) throw new Error("Set DATABASE_URL to the Postgres server to use");
  const name = `osc_bench_write_${Date.now().toString(36)}`;
  const admin = postgres(server, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  const u = new URL(server);
  u.pathname = `/${name}`;
  const { migrateDatabase } = await import("@/db/migrate");
  await migrateDatabase(u.toString());
  process.env.DATABASE_URL = u.toString();
  if (args.sql) {
    const db = postgres(u.toString(), { max: 1, onnotice: () => {} });
    await db.unsafe(args.sql);
    await db.end();
    console.log(`* schema changed before writing: ${args.sql}`);
  }
  const { getDb, closeDb } = await import("@/db");
  const { commitPage } = await import("@/lib/sync/upsert-batch");
  const { RESOURCES } = await import("@/db/enums");
  try {
    const genStarted = performance.now();
    const loads = workloads();
    console.log(
      `${new Date().toISOString()}: ${os.cpus().length} cores, tenant of ${Number(args.users).toLocaleString("en-US")} users generated in ${((performance.now() - genStarted) / 1000).toFixed(1)} s`,
    );
    const sql = getDb().$client;
    const [ws] = await sql`insert into workspaces (name) values ('bench') returning id`;
    const [integ] = await sql`
      insert into integrations (workspace_id, name, domain, auth_method) values (${ws.id}, 'bench', 'https://example.okta.com', 'api_token')
      returning id`;
    const newLease = async () => {
      const leaseOwner = randomUUID();
      const [run] = await sql`
        insert into sync_runs (workspace_id, integration_id, trigger, status, lease_owner, started_at, heartbeat_at, attempts)
        values (${ws.id}, ${integ.id}, 'manual', 'running', ${leaseOwner}, now(), now(), 1) returning id`;
      for (const r of RESOURCES) await sql`insert into sync_run_resources (run_id, resource) values (${run.id}, ${r})`;
      return { runId: run.id as string, leaseOwner, workspaceId: ws.id as string, integrationId: integ.id as string };
    };
    if (args["drop-indexes"]) console.log("* written without its secondary indexes, built after (included)");
    console.log("pass   table          rows       pages   Postgres CPU/row   writer JS CPU/row   WAL/row    wall      load average");
    for (let pass = 1; pass <= Number(args.passes); pass++) {
      const lease = await newLease();
      for (const w of loads) {
        const rows = w.pages.reduce((n, p) => n + p.length, 0);
        const [{ lsn: lsn0 }] = await sql`select pg_current_wal_lsn() as lsn`;
        const cpu0 = backendCpuMs(name);
        const js0 = process.cpuUsage();
        const t0 = performance.now();
        const dropped: { name: string; def: string }[] =
          pass === 1 && args["drop-indexes"]
            ? await sql`
                select i.indexrelid::regclass::text as name, pg_get_indexdef(i.indexrelid) as def from pg_index i
                where i.indrelid = ${w.spec.table}::regclass and not i.indisprimary`
            : [];
        for (const d of dropped) await sql.unsafe(`drop index ${d.name}`);
        for (const page of w.pages)
          await commitPage(lease, {
            resource: w.resource,
            writes: [{ spec: w.spec, rows: page }],
            appendOnly: w.appendOnly,
            pages: 1,
            objects: page.length,
          });
        for (const d of dropped) await sql.unsafe(d.def);
        const wall = performance.now() - t0;
        const js = process.cpuUsage(js0);
        const pg = cpuSince(cpu0, backendCpuMs(name));
        const [{ bytes }] = await sql`select pg_wal_lsn_diff(pg_current_wal_lsn(), ${lsn0}::pg_lsn)::bigint as bytes`;
        const us = (ms: number) => `${((ms * 1000) / rows).toFixed(1).padStart(8)} µs`;
        console.log(
          `${String(pass).padEnd(6)} ${(dropped.length ? `${w.name}*` : w.name).padEnd(12)} ${rows.toLocaleString("en-US").padStart(10)} ${String(w.pages.length).padStart(7)}   ${us(pg)}        ${us((js.user + js.system) / 1000)}         ${String(Math.round(Number(bytes) / rows)).padStart(6)} B ${(wall / 1000).toFixed(1).padStart(6)} s   ${os
            .loadavg()
            .map((x) => x.toFixed(2))
            .join(" ")}`,
        );
      }
      await sql`update sync_runs set status = 'succeeded', finished_at = now(), lease_owner = null where id = ${lease.runId}`;
    }
  } finally {
    await closeDb();
    await admin.unsafe(`drop database if exists "${name}" with (force)`);
    await admin.end();
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
