// A stuck query or a stuck worker never holds a sync forever. The pool's statements and idle
// transactions have time limits (the batch writer a longer one of its own), and a run whose worker
// still beats but has written nothing for SYNC_STALL_SECONDS is taken over. On a database of its own:
// the reaper acts on every run it finds, and the tests change the lease and stall limits.
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { systemCtx } from "@/lib/context";
import { resetEnvCache } from "@/lib/env";
import { stopBoss } from "@/lib/jobs/boss";
import { createWorkspace } from "@/test/factories";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { connectToEmulator, insertIntegration, insertRunningRun } from "@/test/sync-fixtures";
import { cancelSyncs } from "./cancel-syncs";
import { claimRun, startHeartbeat } from "./lease";
import { reapStaleRuns } from "./reap-stale-runs";
import { createTelemetry, Progress } from "./run-context";
import { userRow, usersTable } from "./tables";
import { assertLease, commitPage, LeaseLostError, writerSettings } from "./upsert-batch";

const baseUrl = process.env.DATABASE_URL!;
const dbName = `osc_stall_${randomUUID().slice(0, 8)}`;
let dbUrl: string;
let emu: TestEmulator;

beforeAll(async () => {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${dbName}"`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${dbName}`;
  dbUrl = u.toString();
  await migrateDatabase(dbUrl);
  await closeDb();
  process.env.DATABASE_URL = dbUrl;
  resetEnvCache();
  emu = await startTestEmulator({ seed: 41, users: 30, groups: 4, apps: 3, logDays: 1 });
}, 120_000);

afterAll(async () => {
  await emu?.close();
  await stopBoss();
  await closeDb();
  process.env.DATABASE_URL = baseUrl;
  resetEnvCache();
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`).catch(() => {});
  await admin.end();
});

const sql = () => getDb().$client;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Runs `fn` with these environment variables (and a pool connected under them), then restores both. */
async function withEnv<T>(vars: Record<string, string>, fn: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  resetEnvCache();
  await closeDb();
  try {
    return await fn();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    resetEnvCache();
    await closeDb();
  }
}

/** A second connection, outside the app's pool, holding a row lock until released. */
async function lockRun(runId: string) {
  const locker = postgres(dbUrl, { max: 1, onnotice: () => {} });
  const conn = await locker.reserve();
  await conn`begin`;
  await conn`select 1 from sync_runs where id = ${runId} for update`;
  return async () => {
    await conn`rollback`;
    conn.release();
    await locker.end();
  };
}

const aUser = (id: string) =>
  userRow({
    id,
    status: "ACTIVE",
    created: null,
    activated: null,
    statusChanged: null,
    lastLogin: null,
    lastUpdated: null,
    passwordChanged: null,
    type: null,
    profile: { login: `${id}@example.com` },
  });

async function runningRun() {
  const ws = await createWorkspace();
  const integration = await insertIntegration(ws.id);
  return insertRunningRun(ws.id, integration.id);
}

describe("database time limits", () => {
  it("a statement blocked on a lock fails with the statement timeout instead of hanging; the batch writer has a limit of its own", async () => {
    const lease = await runningRun();
    await withEnv(
      { DB_STATEMENT_TIMEOUT_MS: "300", DB_WRITE_STATEMENT_TIMEOUT_MS: "700", DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: "0" },
      async () => {
        expect(await sql()`show statement_timeout`).toEqual([{ statement_timeout: "300ms" }]);
        const inWriter = await sql().begin(async (tx) => {
          await writerSettings(tx, { asyncCommit: true });
          return tx`show statement_timeout`;
        });
        expect(inWriter).toEqual([{ statement_timeout: "700ms" }]);

        const release = await lockRun(lease.runId);
        try {
          // A heartbeat-like update of the locked run, and a page commit whose lease check waits on it.
          await expect(sql()`update sync_runs set heartbeat_at = now() where id = ${lease.runId}`).rejects.toMatchObject({
            code: "57014",
            message: "canceling statement due to statement timeout",
          });
          await expect(
            commitPage(lease, { resource: "users", writes: [{ spec: usersTable, rows: [aUser("t1")] }], pages: 1, objects: 1 }),
          ).rejects.toMatchObject({ code: "57014" });
        } finally {
          await release();
        }
        // Once the lock is gone the same page goes through.
        const ok = await commitPage(lease, {
          resource: "users",
          writes: [{ spec: usersTable, rows: [aUser("t1")] }],
          pages: 1,
          objects: 1,
        });
        expect(ok.added).toBe(1);
      },
    );
  });

  it("a transaction left idle is ended by the idle-in-transaction timeout, and its locks are released", async () => {
    const lease = await runningRun();
    await withEnv({ DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: "300" }, async () => {
      expect(await sql()`show idle_in_transaction_session_timeout`).toEqual([{ idle_in_transaction_session_timeout: "300ms" }]);
      const stuck = sql().begin(async (tx) => {
        await tx`select 1 from sync_runs where id = ${lease.runId} for update`;
        // The caller stalls (a request that does not come back) with the transaction open.
        await sleep(1500);
        await tx`select 1`;
      });
      const err = await stuck.then(
        () => null,
        (e: { code?: string }) => e,
      );
      expect(["CONNECTION_CLOSED", "25P03"]).toContain(err?.code);
      const other = postgres(dbUrl, { max: 1, onnotice: () => {} });
      try {
        expect(await other`select 1 as free from sync_runs where id = ${lease.runId} for update nowait`).toEqual([{ free: 1 }]);
      } finally {
        await other.end();
      }
    });
  });
});

/** A page commit in flight: a transaction that passed the lease check and stays open until `commit()`. */
async function pageInFlight(lease: Awaited<ReturnType<typeof runningRun>>) {
  const writer = postgres(dbUrl, { max: 1, onnotice: () => {} });
  const conn = await writer.reserve();
  await conn`begin`;
  await assertLease(conn as never, lease);
  return async () => {
    await conn`commit`;
    conn.release();
    await writer.end();
  };
}

/** Whether `p` settles within `ms`. */
const settlesWithin = (p: Promise<unknown>, ms: number) => Promise.race([p.then(() => true), sleep(ms).then(() => false)]);

describe("page commits and the run's lease", () => {
  it("the heartbeat does not wait for a page commit in flight, but a cancel and a take-over do, and the page's next commit then finds the lease gone", async () => {
    const lease = await runningRun();
    const [run] = await getDb().query.syncRuns.findMany({ where: (r, { eq }) => eq(r.id, lease.runId) });
    const commit = await pageInFlight(lease);
    try {
      const beat = startHeartbeat({
        lease,
        run,
        rows: new Map(),
        telemetry: createTelemetry().telemetry,
        progress: new Progress(),
        onLost: () => {},
      });
      expect(await settlesWithin(beat.end(), 3000)).toBe(true);
    } finally {
      await commit();
    }

    // Take-over of a run whose worker stopped beating, while one of its pages is still committing.
    await sql()`update sync_runs set heartbeat_at = now() - interval '10 minutes' where id = ${lease.runId}`;
    const commit2 = await pageInFlight(lease);
    const claim = claimRun(lease.runId);
    expect(await settlesWithin(claim, 800)).toBe(false);
    await commit2();
    const claimed = await claim;
    expect(claimed?.lease.leaseOwner).not.toBe(lease.leaseOwner);
    await expect(
      commitPage(lease, { resource: "users", writes: [{ spec: usersTable, rows: [aUser("late")] }], pages: 1, objects: 1 }),
    ).rejects.toBeInstanceOf(LeaseLostError);

    // Cancel while the new holder's page is committing.
    const commit3 = await pageInFlight(claimed!.lease);
    const cancel = cancelSyncs({ ctx: systemCtx(lease.workspaceId), input: { integrationId: lease.integrationId, reason: "test" } });
    expect(await settlesWithin(cancel, 800)).toBe(false);
    await commit3();
    expect((await cancel).cancelled).toEqual([lease.runId]);
  });
});

describe("a run that stops getting anywhere", () => {
  it("the heartbeat moves progress_at only when the run wrote something since the last beat", async () => {
    const lease = await runningRun();
    await sql()`update sync_runs set progress_at = '2020-01-01T00:00:00Z', heartbeat_at = '2020-01-01T00:00:00Z' where id = ${lease.runId}`;
    const [run] = await getDb().query.syncRuns.findMany({ where: (r, { eq }) => eq(r.id, lease.runId) });
    const progress = new Progress();
    const beat = () => startHeartbeat({ lease, run, rows: new Map(), telemetry: createTelemetry().telemetry, progress, onLost: () => {} });
    await beat().end();
    const [idle] =
      await sql()`select progress_at < '2021-01-01' as old_progress, heartbeat_at > now() - interval '1 minute' as fresh from sync_runs where id = ${lease.runId}`;
    expect(idle).toEqual({ old_progress: true, fresh: true });
    progress.mark();
    await beat().end();
    const [moved] = await sql()`select progress_at > now() - interval '1 minute' as fresh from sync_runs where id = ${lease.runId}`;
    expect(moved.fresh).toBe(true);
    expect(progress.take()).toBe(false);
  });

  it("claimRun and the reaper take over a run whose heartbeat is fresh but whose progress is older than SYNC_STALL_SECONDS, and leave a healthy one", async () => {
    const stalled = await runningRun();
    const healthy = await runningRun();
    const dead = await runningRun();
    await sql()`update sync_runs set heartbeat_at = now(), progress_at = now() - interval '16 minutes' where id = ${stalled.runId}`;
    await sql()`update sync_runs set heartbeat_at = now(), progress_at = now() - interval '5 minutes' where id = ${healthy.runId}`;
    await sql()`update sync_runs set heartbeat_at = now() - interval '2 minutes', progress_at = now() where id = ${dead.runId}`;
    // SYNC_STALL_SECONDS defaults to 15 minutes, SYNC_LEASE_SECONDS to 30 s.
    expect(await claimRun(healthy.runId)).toBeNull();
    const claimed = await claimRun(stalled.runId);
    expect(claimed?.run).toMatchObject({ status: "running", attempts: 2 });
    expect(claimed?.lease.leaseOwner).not.toBe(stalled.leaseOwner);
    // Back to stalled for the reaper.
    await sql()`update sync_runs set lease_owner = ${stalled.leaseOwner}, heartbeat_at = now(), progress_at = now() - interval '16 minutes' where id = ${stalled.runId}`;

    const reaped = await reapStaleRuns();
    expect(reaped.requeued.sort()).toEqual([stalled.runId, dead.runId].sort());
    const states =
      await sql()`select id, status, lease_owner from sync_runs where id = any(${[stalled.runId, healthy.runId, dead.runId]}::uuid[])`;
    expect(Object.fromEntries(states.map((r) => [r.id, [r.status, r.lease_owner]]))).toEqual({
      [stalled.runId]: ["queued", null],
      [dead.runId]: ["queued", null],
      [healthy.runId]: ["running", healthy.leaseOwner],
    });
    const kinds =
      await sql()`select run_id, kind from integration_events where run_id = any(${[stalled.runId, healthy.runId, dead.runId]}::uuid[])`;
    expect(Object.fromEntries(kinds.map((e) => [e.run_id, e.kind]))).toEqual({
      [stalled.runId]: "sync.stalled",
      [dead.runId]: "sync.worker_lost",
    });
  });

  it("a worker stuck on a request that does not come back keeps beating, yet another worker takes the run over and completes it", async () => {
    await emu.control("POST", "/reset", { seed: 41, users: 30, groups: 4, apps: 3, logDays: 1 });
    const c = await connectToEmulator(emu);
    await withEnv({ SYNC_STALL_SECONDS: "2", SYNC_LEASE_SECONDS: "3" }, async () => {
      // Every users request hangs for 8 s: worker A lists nothing and writes nothing, but its heartbeat (every second) goes on.
      await emu.control("POST", "/faults", { latencyMs: 8000, path: "/api/v1/users" });
      let a: Promise<unknown> | null = null;
      try {
        a = runSync(c.runId, { only: ["users"] });
        // Wait until the run is stalled in the sense of the lease: heartbeat fresh, progress older than 2 s.
        for (let i = 0; ; i++) {
          const [s] = await sql()`
            select status = 'running' and heartbeat_at > now() - interval '3 seconds' as beating,
                   progress_at < now() - interval '2 seconds' as stalled
            from sync_runs where id = ${c.runId}`;
          if (s.beating && s.stalled) break;
          if (i > 200) throw new Error(`the run never stalled: ${JSON.stringify(s)}`);
          await sleep(100);
        }
        await emu.control("DELETE", "/faults");
        // Worker B: claims the beating but stalled run and syncs the users.
        expect(await runSync(c.runId, { only: ["users"] })).toEqual({ claimed: true, status: "succeeded" });
        // Worker A finds its lease gone and stops without writing anything.
        expect(await a).toEqual({ claimed: true });
      } finally {
        await emu.control("DELETE", "/faults");
        await a?.catch(() => {});
      }
    });
    const [run] = await sql()`select status, attempts from sync_runs where id = ${c.runId}`;
    expect(run).toEqual({ status: "succeeded", attempts: 2 });
    const [{ n }] = await sql()`select count(*)::int as n from okta_users where integration_id = ${c.integrationId} and deleted_at is null`;
    expect(n).toBe((await emu.control<unknown[]>("GET", "/truth/users")).length);
    const kinds = (await sql()`select kind from integration_events where run_id = ${c.runId} order by id`).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["sync.started", "sync.resumed", "sync.succeeded"]));
  });
});
