// `npm run bench:sync`: full syncs of emulated tenants of growing size, timed, with the syncing
// process's peak memory, against a plain SDK baseline on the same tenant, plus a rate-limited run
// compared with the rate-limit floor.
//
//   npm run bench:sync -- [--sizes 10000,50000,100000] [--baseline 100000|none] [--baseline-minutes 10] [--baseline-read-only]
//                         [--rl-users 12000|none] [--rl-window-ms 15000] [--log-days 30 | 30,30,7]
//                         [--incremental 100000|none] [--change 0.01] [--statements 12]
// --log-days: one number for every size, or one per size (the 1M tenant of issue 16 has 7 days).
// CPU is reported per process (the syncing process's own process.cpuUsage(), the emulator's and
// Postgres's from /proc), and per row written. Postgres's is split into this database's backends
// and the server's background processes; backends of other databases on a shared server are left
// out. With pg_stat_statements preloaded on the server, the statements that took the most time are
// listed after each full sync (--statements N, 0 for none).
// Incremental: after the full sync of that size, --change x users random mutations (hires,
// departures, profile edits, memberships, app assignments... as the emulator's mutations mix them),
// then an incremental run; its requests and time are compared with the full run's.
// The baseline writes row by row with a commit each; on the large tenant that takes hours, so it
// stops after --baseline-minutes and the ratio is then reported as a lower bound (the baseline was
// still running when ours had long finished) plus a projection from its measured rows per second.
// A tenant of N users has N/20 groups, N/200 apps and --log-days of System Log (100k users: 5,000
// groups, ~1M memberships, 500 apps, ~250k app assignments, ~500k events over 30 days).
// DATABASE_URL set: a throw-away database per sync on that server (dropped after). Unset: embedded Postgres.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { bucketFor } from "@/emulator/ratelimit";
import { machineBusyMs } from "./processes";

const { values: args } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,50000,100000" },
    baseline: { type: "string", default: "100000" },
    "baseline-minutes": { type: "string", default: "10" },
    "baseline-read-only": { type: "boolean", default: false },
    "rl-users": { type: "string", default: "12000" },
    "rl-window-ms": { type: "string", default: "15000" },
    "log-days": { type: "string", default: "30" },
    seed: { type: "string", default: "42" },
    incremental: { type: "string", default: "100000" },
    change: { type: "string", default: "0.01" },
    statements: { type: "string", default: "12" },
  },
});

const root = process.cwd();
const tsx = path.join(root, "node_modules/.bin/tsx");
process.env.APP_ENCRYPTION_KEY ||= Buffer.alloc(32, 9).toString("base64");
process.env.AUTH_SECRET ||= "bench-auth-secret-0123456789abcdef0123456789";
process.env.LOG_LEVEL ||= "warn";

// ---- infrastructure -------------------------------------------------------------------------------

type PgServer = Awaited<ReturnType<typeof databaseServer>>;
async function databaseServer() {
  if (process.env.DATABASE_URL)
    return { base: process.env.DATABASE_URL, stop: async () => {}, ...(await pgServer(process.env.DATABASE_URL)) };
  const { freePort, startEmbeddedPostgres } = await import("@/db/embedded");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osc-bench-pg-"));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dir: path.join(dir, "data"), port: await freePort(), persistent: false, database: "postgres" });
  return { base: pg.url, stop: () => pg.stop(), ...(await pgServer(pg.url)) };
}

async function freshDatabase(base: string, label: string) {
  const name = `osc_bench_sync_${label}_${Date.now().toString(36)}`;
  const admin = postgres(base, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const u = new URL(base);
  u.pathname = `/${name}`;
  const { migrateDatabase } = await import("@/db/migrate");
  await migrateDatabase(u.toString());
  return {
    name,
    url: u.toString(),
    drop: async () => {
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
      await a.end();
    },
  };
}

interface Emu {
  url: string;
  pid: number;
  control<T>(method: string, p: string, body?: unknown): Promise<T>;
  stop(): Promise<void>;
}

/** The emulator in its own process, so its memory and CPU are not the syncing process's. */
async function startEmulatorProcess(o: {
  users: number;
  seed: number;
  logDays: number;
  rateLimits: boolean;
  windowMs?: number;
}): Promise<Emu> {
  const port = 18_000 + Math.floor(Math.random() * 2000);
  const cli = [
    "emulator/cli.ts",
    "--port",
    String(port),
    "--seed",
    String(o.seed),
    "--users",
    String(o.users),
    "--groups",
    String(Math.max(5, Math.round(o.users / 20))),
    "--apps",
    String(Math.max(3, Math.round(o.users / 200))),
    "--log-days",
    String(o.logDays),
    ...(o.rateLimits ? ["--rate-window-ms", String(o.windowMs ?? 60_000)] : ["--no-rate-limits"]),
  ];
  // A 1M-user tenant holds ~2.6 GB of heap (docs/benchmarks/write-path.md), close to V8's default limit
  // on this machine (~4.3 GB): room for the pages it serializes while serving.
  const env =
    o.users > 500_000
      ? { ...process.env, NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --max-old-space-size=8192`.trim() }
      : process.env;
  const child = spawn(tsx, cli, { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
  await new Promise<void>((resolve, reject) => {
    let out = "";
    child.stdout!.on("data", (c: Buffer) => {
      out += c.toString();
      if (out.includes("control plane")) resolve();
    });
    child.once("exit", (code) => reject(new Error(`emulator exited with ${code}: ${out}`)));
  });
  const url = `http://127.0.0.1:${port}`;
  return {
    url,
    pid: child.pid!,
    async control<T>(method: string, p: string, body?: unknown) {
      const res = await fetch(`${url}/__emulator${p}`, {
        method,
        headers: body ? { "content-type": "application/json" } : {},
        body: body ? JSON.stringify(body) : undefined,
      });
      if (!res.ok) throw new Error(`emulator ${method} ${p}: ${res.status}`);
      return (await res.json()) as T;
    },
    stop: () =>
      new Promise<void>((resolve) => {
        child.once("exit", () => resolve());
        child.kill("SIGTERM");
      }),
  };
}

/** CPU milliseconds used so far by a process tree's members (Linux /proc), for where-did-the-time-go. */
function cpuMsOf(pids: number[]): number {
  let ticks = 0;
  for (const pid of pids) {
    try {
      const f = fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ");
      ticks += Number(f[11]) + Number(f[12]);
    } catch {
      // gone
    }
  }
  return ticks * 10;
}
/** The Postgres server the bench writes to: its postmaster (a backend's parent) and whether pg_stat_statements is loaded. */
async function pgServer(base: string) {
  const a = postgres(base, { max: 1, onnotice: () => {} });
  try {
    const [r] = await a`select pg_backend_pid() as pid, current_setting('shared_preload_libraries') as preload`;
    const postmaster = Number(fs.readFileSync(`/proc/${r.pid}/stat`, "utf8").split(") ")[1].split(" ")[1]);
    return { postmaster, statements: String(r.preload).includes("pg_stat_statements") };
  } finally {
    await a.end();
  }
}

/**
 * Samples the CPU of the server's processes while `fn` runs, split into this database's backends
 * (their process title names the database) and the server's own background processes (WAL writer,
 * checkpointer, background writer...: on a server shared with other databases, part of theirs is
 * someone else's). Backends of other databases are left out. Backends exit with their connections,
 * so it polls; a process first seen after the start is counted from zero.
 */
async function postgresCpuDuring<T>(
  postmaster: number,
  database: string,
  fn: () => Promise<T>,
): Promise<[T, { db: number; background: number }]> {
  const first = new Map<number, number>();
  const last = new Map<number, number>();
  const kind = new Map<number, "db" | "background" | "other">();
  const classify = (pid: number) => {
    const title = fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").replace(/\0/g, " ");
    if (title.includes(` ${database} `)) return "db";
    // A client backend's title holds its client's address: another database's.
    if (/\d+\.\d+\.\d+\.\d+\(\d+\)|\[local\]|::1\(/.test(title)) return "other";
    return "background";
  };
  let started = false;
  const poll = () => {
    for (const d of fs.readdirSync("/proc")) {
      if (!/^\d+$/.test(d)) continue;
      const pid = Number(d);
      try {
        if (!kind.has(pid)) {
          const ppid = Number(fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1].split(" ")[1]);
          if (ppid !== postmaster) continue;
          kind.set(pid, classify(pid));
          if (started) first.set(pid, 0);
        }
        const ms = cpuMsOf([pid]);
        if (!first.has(pid)) first.set(pid, ms);
        last.set(pid, ms);
      } catch {
        // exited
      }
    }
  };
  poll();
  started = true;
  const timer = setInterval(poll, 250);
  try {
    const result = await fn();
    poll();
    const sum = (k: string) => [...last].filter(([pid]) => kind.get(pid) === k).reduce((a, [pid, ms]) => a + ms - (first.get(pid) ?? 0), 0);
    return [result, { db: sum("db"), background: sum("background") }];
  } finally {
    clearInterval(timer);
  }
}

/** Where the database's time went, from pg_stat_statements (when the server preloads it). */
async function topStatements(dbUrl: string, n: number) {
  const a = postgres(dbUrl, { max: 1, onnotice: () => {} });
  try {
    const rows = await a`
      select calls::bigint as calls, total_exec_time as ms, rows::bigint as rows, shared_blks_hit + shared_blks_read as blks,
        wal_bytes::bigint as wal, regexp_replace(query, '[[:space:]]+', ' ', 'g') as query
      from pg_stat_statements where dbid = (select oid from pg_database where datname = current_database())
      order by total_exec_time desc`;
    const total = rows.reduce((s, r) => s + Number(r.ms), 0);
    console.log(`     pg_stat_statements: ${fmt(rows.length)} statements, ${secs(total)} executing in all; the top ${n}:`);
    for (const r of rows.slice(0, n))
      console.log(
        `       ${secs(Number(r.ms)).padStart(8)} ${((100 * Number(r.ms)) / total).toFixed(1).padStart(5)}% ${fmt(Number(r.calls)).padStart(8)} calls ${fmt(Number(r.rows)).padStart(10)} rows ${(Number(r.wal) / 1048576).toFixed(0).padStart(6)} MB WAL  ${String(r.query).slice(0, 150)}`,
      );
  } finally {
    await a.end();
  }
}

const emulatorPids = (pid: number) =>
  fs
    .readdirSync("/proc")
    .filter((d) => /^\d+$/.test(d))
    .map(Number)
    .filter((p) => {
      try {
        return p === pid || fs.readFileSync(`/proc/${p}/stat`, "utf8").split(") ")[1].split(" ")[1] === String(pid);
      } catch {
        return false;
      }
    });

function runChild(argv: string[], env: NodeJS.ProcessEnv): Promise<Record<string, unknown>> {
  return new Promise((resolve, reject) => {
    // BENCH_CPU_PROF=<dir> writes a V8 CPU profile of the syncing process there.
    const prof = process.env.BENCH_CPU_PROF;
    const [cmd, pre] = prof ? [process.execPath, ["--cpu-prof", `--cpu-prof-dir=${prof}`, "--import", "tsx"]] : [tsx, []];
    const child = spawn(cmd, [...pre, "bench/sync-child.ts", ...argv], { cwd: root, env, stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout!.on("data", (c: Buffer) => (out += c.toString()));
    child.once("exit", (code) => {
      const line = out.trim().split("\n").pop() ?? "";
      if (code !== 0) return reject(new Error(`sync child exited with ${code}`));
      resolve(JSON.parse(line));
    });
  });
}

/** A workspace, an admin and an integration connected through the real connect verb. */
async function connect(dbUrl: string, emu: Emu) {
  const { closeDb, getDb } = await import("@/db");
  const { resetEnvCache } = await import("@/lib/env");
  await closeDb();
  process.env.DATABASE_URL = dbUrl;
  process.env.OKTA_ALLOWED_INSECURE_HOSTS = new URL(emu.url).host;
  resetEnvCache();
  const { workspaces, users } = await import("@/db/schema");
  const [ws] = await getDb().insert(workspaces).values({ name: "bench" }).returning();
  const [admin] = await getDb()
    .insert(users)
    .values({ workspaceId: ws.id, email: `bench-${ws.id}@example.com`, role: "admin", passwordHash: "x" })
    .returning();
  const creds = await emu.control<{
    apps: { name: string; clientId: string; privateKeyPem?: string; kid?: string; rateLimitPercent?: number }[];
    apiTokens: { name: string; token: string }[];
  }>("GET", "/credentials");
  const app = creds.apps.find((a) => a.name === "readonly-key")!;
  const { connectIntegration } = await import("@/lib/integrations/connect-integration");
  const { userCtx } = await import("@/lib/context");
  const { integration } = await connectIntegration({
    ctx: userCtx({ userId: admin.id, workspaceId: ws.id, email: admin.email, name: "bench", role: "admin", via: "api_key" }),
    input: {
      name: "Okta",
      domain: emu.url,
      auth: { method: "private_key_jwt", clientId: app.clientId, privateKey: app.privateKeyPem!, keyId: app.kid },
    },
  });
  const [run] = await getDb().$client`select id from sync_runs where integration_id = ${integration.id} and status = 'queued'`;
  const { stopBoss } = await import("@/lib/jobs/boss");
  await stopBoss();
  return {
    integrationId: integration.id,
    workspaceId: ws.id,
    runId: run.id as string,
    token: creds.apiTokens.find((t) => t.name === "admin-token")!.token,
    appPercent: app.rateLimitPercent ?? 50,
  };
}

async function resourceStats(runId: string) {
  const { getDb } = await import("@/db");
  return getDb().$client`
    select resource, status, objects, pages, requests, added + updated + deleted as written,
      extract(epoch from finished_at - started_at)::float as secs
    from sync_run_resources where run_id = ${runId} order by started_at nulls last`;
}

async function rowsStored(integrationId: string) {
  const { getDb } = await import("@/db");
  const tables = [
    "okta_users",
    "okta_groups",
    "okta_group_members",
    "okta_apps",
    "okta_app_users",
    "okta_app_groups",
    "okta_role_assignments",
    "okta_idps",
    "okta_log_events",
  ];
  let n = 0;
  for (const t of tables)
    n += (await getDb().$client.unsafe(`select count(*)::int as n from ${t} where integration_id = $1`, [integrationId]))[0].n;
  return n;
}

const fmt = (n: number) => n.toLocaleString("en-US");
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;

// ---- the three measurements -----------------------------------------------------------------------

async function runTotals(runId: string) {
  const { getDb } = await import("@/db");
  const [r] = await getDb().$client`
    select r.requests, (select coalesce(sum(requests), 0)::int from sync_run_resources where run_id = r.id and resource = 'log_events') as log_requests,
      (select coalesce(sum(added + updated + deleted), 0)::int from sync_run_resources where run_id = r.id and resource <> 'log_events') as changed
    from sync_runs r where r.id = ${runId}`;
  return { requests: Number(r.requests), logRequests: Number(r.log_requests), changed: Number(r.changed) };
}

/** After a full sync: a share of the tenant changes, then an incremental run catches up. */
async function incremental(
  c: { integrationId: string; workspaceId: string; runId: string },
  emu: Emu,
  env: NodeJS.ProcessEnv,
  users: number,
  fullWallMs: number,
  logDays: number,
) {
  const count = Math.max(1, Math.round(users * Number(args.change)));
  const applied = await emu.control<{ applied: number; logEvents: number }>("POST", "/mutations", { count, seed: Number(args.seed) });
  const { startSync } = await import("@/lib/sync/start-sync");
  const { systemCtx } = await import("@/lib/context");
  const { run } = await startSync({
    ctx: systemCtx(c.workspaceId),
    input: { integrationId: c.integrationId, trigger: "manual", mode: "incremental" },
  });
  const { stopBoss } = await import("@/lib/jobs/boss");
  await stopBoss();
  const inc = await runChild(["ours", run.id], env);
  const full = await runTotals(c.runId);
  const mine = await runTotals(run.id);
  const steady = full.requests - full.logRequests;
  const reqShare = mine.requests / full.requests;
  const timeShare = Number(inc.wallMs) / fullWallMs;
  console.log(
    `   incremental after ${fmt(applied.applied)} changes (${(100 * Number(args.change)).toFixed(1)}% of users; ${fmt(applied.logEvents)} System Log events): ${inc.status} in ${secs(Number(inc.wallMs))}, ${fmt(mine.requests)} requests, ${fmt(mine.changed)} rows changed`,
  );
  for (const r of await resourceStats(run.id))
    console.log(
      `     ${String(r.resource).padEnd(16)} ${fmt(r.requests).padStart(7)} requests ${fmt(r.written).padStart(8)} rows changed ${(r.secs ?? 0).toFixed(1).padStart(6)} s`,
    );
  console.log(
    `   => requests: incremental ${fmt(mine.requests)} vs full ${fmt(full.requests)} = ${(100 * reqShare).toFixed(1)}% (vs ${fmt(steady)} without the full run's one-off ${logDays}-day System Log backfill: ${((100 * mine.requests) / steady).toFixed(1)}%)`,
  );
  console.log(`   => time: incremental ${secs(Number(inc.wallMs))} vs full ${secs(fullWallMs)} = ${(100 * timeShare).toFixed(1)}%`);
  return {
    requests: mine.requests,
    fullRequests: full.requests,
    steadyRequests: steady,
    wallMs: Number(inc.wallMs),
    fullWallMs,
    status: inc.status,
  };
}

const load = () =>
  os
    .loadavg()
    .map((x) => x.toFixed(2))
    .join(" ");
/** Resident memory of a process tree (Linux /proc), in MB. */
function rssMbOf(pids: number[]): number {
  let kb = 0;
  for (const pid of pids) {
    try {
      kb += Number(/VmRSS:\s+(\d+)/.exec(fs.readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0);
    } catch {
      // gone
    }
  }
  return Math.round(kb / 1024);
}
const perRow = (ms: number, rows: number) => `${((ms * 1000) / Math.max(1, rows)).toFixed(1)} µs`;

async function fullSync(server: PgServer, users: number, logDays: number, withBaseline: boolean) {
  const base = server.base;
  const genStarted = performance.now();
  const emu = await startEmulatorProcess({ users, seed: Number(args.seed), logDays, rateLimits: false });
  const genMs = performance.now() - genStarted;
  const summary = await emu.control<Record<string, number>>("GET", "/truth/summary");
  console.log(
    `\n== Tenant: ${fmt(summary.users)} users, ${fmt(summary.groups)} groups, ${fmt(summary.memberships)} memberships, ${fmt(summary.apps)} apps, ${fmt(summary.appUsers + summary.appGroups)} app assignments, ${fmt(summary.logEvents)} log events (${logDays} days)`,
  );
  console.log(`   emulator: ready in ${secs(genMs)}, RSS ${fmt(rssMbOf(emulatorPids(emu.pid)))} MB`);
  const db = await freshDatabase(base, `u${users}`);
  try {
    const c = await connect(db.url, emu);
    const env = { ...process.env, DATABASE_URL: db.url };
    if (server.statements)
      await postgres(db.url, { max: 1, onnotice: () => {} }).begin(async (a) => {
        await a`create extension if not exists pg_stat_statements`;
        await a`select pg_stat_statements_reset()`;
      });
    const loadBefore = load();
    const busyBefore = machineBusyMs();
    const emuBefore = cpuMsOf(emulatorPids(emu.pid));
    const [ours, pg] = await postgresCpuDuring(server.postmaster, db.name, () => runChild(["ours", c.runId], env));
    const cpu = {
      sync: Number(ours.cpuMs),
      emulator: cpuMsOf(emulatorPids(emu.pid)) - emuBefore,
      postgres: pg.db + pg.background,
      busy: machineBusyMs() - busyBefore,
    };
    const rows = await resourceStats(c.runId);
    const oursRows = await rowsStored(c.integrationId);
    const { requests } = await runTotals(c.runId);
    console.log(
      `   ours: ${ours.status} in ${secs(Number(ours.wallMs))}, ${fmt(requests)} requests, peak RSS ${ours.peakRssMb} MB, rows written ${fmt(oursRows)}; load average ${loadBefore} before, ${load()} after`,
    );
    console.log(
      `     CPU: sync process ${secs(cpu.sync)}, emulator ${secs(cpu.emulator)}, Postgres ${secs(cpu.postgres)} (this database's backends ${secs(pg.db)}, server background ${secs(pg.background)}), everything else ${secs(cpu.busy - cpu.sync - cpu.emulator - cpu.postgres)}; ${((100 * cpu.busy) / (Number(ours.wallMs) * os.cpus().length)).toFixed(0)}% of ${os.cpus().length} cores busy`,
    );
    console.log(
      `     per row written: Postgres ${perRow(cpu.postgres, oursRows)} (backends ${perRow(pg.db, oursRows)}), sync process ${perRow(cpu.sync, oursRows)}, emulator ${perRow(cpu.emulator, oursRows)}; the console's share of the CPU (sync + Postgres) ${((100 * (cpu.sync + cpu.postgres)) / Math.max(1, cpu.sync + cpu.postgres + cpu.emulator)).toFixed(0)}%, the emulator's ${((100 * cpu.emulator) / Math.max(1, cpu.sync + cpu.postgres + cpu.emulator)).toFixed(0)}%`,
    );
    if (server.statements) await topStatements(db.url, Number(args.statements));
    for (const r of rows) {
      const rate = r.secs > 0 ? Math.round(r.objects / r.secs) : 0;
      console.log(
        `     ${String(r.resource).padEnd(16)} ${fmt(r.objects).padStart(10)} objects ${String(r.pages).padStart(6)} pages ${fmt(r.requests).padStart(7)} requests ${(r.secs ?? 0).toFixed(1).padStart(6)} s ${fmt(rate).padStart(9)} objects/s`,
      );
    }
    const inc =
      args.incremental !== "none" && Number(args.incremental) === users
        ? await incremental(c, emu, env, users, Number(ours.wallMs), logDays)
        : undefined;
    let ratio: number | undefined;
    let ratioIsBound = false;
    if (withBaseline) {
      const bdb = await freshDatabase(base, `base${users}`);
      try {
        const b = await connect(bdb.url, emu);
        const since = new Date(Date.now() - logDays * 86_400_000).toISOString();
        const budgetMs = Number(args["baseline-minutes"]) * 60_000;
        const readOnly = args["baseline-read-only"];
        const baseline = await runChild(
          ["baseline", b.integrationId, emu.url, b.token, since, String(budgetMs), ...(readOnly ? ["read-only"] : [])],
          {
            ...process.env,
            DATABASE_URL: bdb.url,
          },
        );
        const baseRows = Number(baseline.rows);
        ratio = Number(baseline.wallMs) / Number(ours.wallMs);
        console.log(
          `   baseline (@okta/okta-sdk-nodejs, one by one, ${readOnly ? "only reading: nothing written" : "row-at-a-time"}): ${baseline.completed ? "finished" : "stopped after its budget"} in ${secs(Number(baseline.wallMs))}, peak RSS ${baseline.peakRssMb} MB, ${readOnly ? "objects read" : "rows"} ${fmt(baseRows)} (${fmt(Math.round(baseRows / (Number(baseline.wallMs) / 1000)))} rows/s)`,
        );
        console.log(
          `     per resource: ${Object.entries(baseline.timings as Record<string, number>)
            .map(([k, v]) => `${k} ${secs(v)}`)
            .join(", ")}`,
        );
        ratioIsBound = !baseline.completed;
        if (!baseline.completed) {
          const projectedMs = (oursRows / baseRows) * Number(baseline.wallMs);
          console.log(
            `   => ours is at least ${ratio.toFixed(1)}x faster (the baseline had copied ${((100 * baseRows) / oursRows).toFixed(1)}% when stopped); projected ${secs(projectedMs)} for the baseline = ${(projectedMs / Number(ours.wallMs)).toFixed(0)}x`,
          );
        } else console.log(`   => ours is ${ratio.toFixed(1)}x faster than the baseline`);
      } finally {
        await bdb.drop();
      }
    }
    return {
      users,
      wallMs: Number(ours.wallMs),
      peakRssMb: Number(ours.peakRssMb),
      pgPerRowUs: (1000 * cpu.postgres) / Math.max(1, oursRows),
      requests,
      ratio,
      ratioIsBound,
      status: ours.status,
      inc,
    };
  } finally {
    const { closeDb } = await import("@/db");
    await closeDb();
    await db.drop();
    await emu.stop();
  }
}

async function rateLimited(base: string, users: number, windowMs: number) {
  const emu = await startEmulatorProcess({ users, seed: Number(args.seed) + 1, logDays: 3, rateLimits: true, windowMs });
  const summary = await emu.control<Record<string, number>>("GET", "/truth/summary");
  console.log(
    `\n== Rate-limited: ${fmt(summary.users)} users, ${fmt(summary.groups)} groups, ${fmt(summary.apps)} apps; emulator limits on, window ${windowMs} ms (Okta's minute compressed)`,
  );
  const db = await freshDatabase(base, `rl${users}`);
  try {
    const c = await connect(db.url, emu);
    const [{ rate_limit_share: share }] = await (await import("@/db")).getDb()
      .$client`select rate_limit_share from integrations where id = ${c.integrationId}`;
    const before = await emu.control<{ rateLimits: { byBucket: Record<string, { requests: number; limited: number }> } }>("GET", "/stats");
    const ours = await runChild(["ours", c.runId], { ...process.env, DATABASE_URL: db.url });
    const after = await emu.control<{ rateLimits: { limited: number; byBucket: Record<string, { requests: number; limited: number }> } }>(
      "GET",
      "/stats",
    );
    // Floor per bucket: requests it needed / the rate we may use (our share of the app's cap per window).
    const samplePath: Record<string, [string, string]> = {};
    for (const p of [
      "/api/v1/users",
      "/api/v1/groups",
      "/api/v1/groups/x/users",
      "/api/v1/apps",
      "/api/v1/apps/x/users",
      "/api/v1/apps/x",
      "/api/v1/logs",
      "/api/v1/idps",
      "/api/v1/iam/assignees/users",
      "/api/v1/users/x/roles",
      "/oauth2/v1/token",
    ]) {
      samplePath[bucketFor(p === "/oauth2/v1/token" ? "POST" : "GET", p).key] = [p === "/oauth2/v1/token" ? "POST" : "GET", p];
    }
    let floorMs = 0;
    let floorBucket = "";
    let limited = 0;
    console.log(`   bucket                               requests  429s  allowed/window  floor`);
    for (const [key, s] of Object.entries(after.rateLimits.byBucket)) {
      const prev = before.rateLimits.byBucket[key] ?? { requests: 0, limited: 0 };
      const requests = s.requests - prev.requests;
      const l = s.limited - prev.limited;
      limited += l;
      const sp = samplePath[key];
      const limit = sp ? bucketFor(sp[0], sp[1]).limit : 1200;
      const allowed = Math.max(1, Math.floor(Math.max(1, Math.floor((limit * c.appPercent) / 100)) * share));
      const bucketFloor = ((requests - l) / allowed) * windowMs;
      if (bucketFloor > floorMs) {
        floorMs = bucketFloor;
        floorBucket = key;
      }
      console.log(
        `   ${key.padEnd(36)} ${String(requests - l).padStart(8)} ${String(l).padStart(5)} ${String(allowed).padStart(15)}  ${secs(bucketFloor)}`,
      );
    }
    const ratio = Number(ours.wallMs) / floorMs;
    console.log(
      `   ours: ${ours.status} in ${secs(Number(ours.wallMs))}; floor ${secs(floorMs)} (${floorBucket}); wall/floor ${ratio.toFixed(2)}; 429s ${limited}`,
    );
    return { wallMs: Number(ours.wallMs), floorMs, ratio, limited };
  } finally {
    const { closeDb } = await import("@/db");
    await closeDb();
    await db.drop();
    await emu.stop();
  }
}

async function main() {
  const server = await databaseServer();
  const sizes = args.sizes.split(",").map(Number).filter(Boolean);
  const baselineSize = args.baseline === "none" ? null : Number(args.baseline);
  const results = [];
  try {
    const days = args["log-days"].split(",").map(Number);
    for (const [i, users] of sizes.entries())
      results.push(await fullSync(server, users, days[Math.min(i, days.length - 1)], users === baselineSize));
    const rl = args["rl-users"] === "none" ? null : await rateLimited(server.base, Number(args["rl-users"]), Number(args["rl-window-ms"]));
    console.log(`\n== Summary (${os.cpus().length} cores)`);
    for (const r of results) {
      console.log(
        `   ${fmt(r.users).padStart(9)} users: ${r.status}, ${secs(r.wallMs)}, ${fmt(r.requests)} requests, peak RSS ${r.peakRssMb} MB, Postgres ${r.pgPerRowUs.toFixed(1)} µs CPU per row${r.ratio ? `, ${r.ratio.toFixed(1)}x faster than the baseline${r.ratioIsBound ? " (at least)" : ""}` : ""}`,
      );
      if (r.inc) {
        console.log(
          `   ${"".padStart(8)}   incremental after a ${(100 * Number(args.change)).toFixed(1)}% change: ${r.inc.status}, ${fmt(r.inc.requests)} requests (${((100 * r.inc.requests) / r.inc.fullRequests).toFixed(1)}% of the full run's ${fmt(r.inc.fullRequests)}; ${((100 * r.inc.requests) / r.inc.steadyRequests).toFixed(1)}% without its log backfill), ${secs(r.inc.wallMs)} (${((100 * r.inc.wallMs) / r.inc.fullWallMs).toFixed(1)}% of ${secs(r.inc.fullWallMs)})`,
        );
      }
    }
    if (rl)
      console.log(`   rate-limited: wall ${secs(rl.wallMs)} vs floor ${secs(rl.floorMs)} = ${rl.ratio.toFixed(2)}x, ${rl.limited} 429s`);
  } finally {
    await server.stop();
  }
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
