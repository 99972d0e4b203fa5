// Many workers sharing one Postgres, as on several machines: three `npm run worker` processes
// (scripts/worker.ts, two runs at a time each), started together on a new database, work the initial
// runs of ten integrations, each connected to an Okta org of its own (one emulator per org). While
// every slot holds a run, one worker is killed with SIGKILL. The others take its runs over, and every run ends exactly once: one start,
// one end, each object counted and logged once, no duplicate or stray rows, and every integration's
// data equal to its org's truth.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createTenant } from "@/test/factories";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { connectToEmulator, differences, fetchTruth, storedRows, truthRows } from "@/test/sync-fixtures";
import { ownDatabase, WorkerProcesses, waitFor } from "@/test/worker-processes";

const ORGS = 10;
const WORKERS = 3;
const PER_WORKER = 2;

let db: Awaited<ReturnType<typeof ownDatabase>>;
const emus: TestEmulator[] = [];
const workers = new WorkerProcesses();

beforeAll(async () => {
  db = await ownDatabase();
  // Small orgs of different shapes (their own seed each): the test is about who runs what, not size.
  for (let i = 0; i < ORGS; i++)
    emus.push(await startTestEmulator({ seed: 100 + i, users: 120 + 25 * i, groups: 10 + i, apps: 5, logDays: 2 }));
}, 120_000);

afterAll(async () => {
  await workers.stopAll();
  for (const e of emus) await e.close();
  await db?.drop();
});

const sql = () => getDb().$client;

describe("several worker processes on one database", () => {
  it("ten integrations, three workers, one killed mid-run: every run ends once, equal to its org's truth", {
    timeout: 180_000,
  }, async () => {
    // The workers start together on a database no process has used the job queue on yet: each sets
    // it up (boss.ts), as machines restarted at the same moment do.
    const procs = Array.from({ length: WORKERS }, () =>
      workers.start({ DATABASE_URL: db.url, SYNC_LEASE_SECONDS: "5", SYNC_WORKER_CONCURRENCY: String(PER_WORKER) }),
    );
    await waitFor("the workers to set up the queue", async () => {
      const [q] = await sql()`select to_regclass('pgboss.queue') is not null as ready`;
      return q.ready && (await sql()`select count(*)::int as n from pgboss.queue`)[0].n > 0;
    });

    // Two integrations per workspace, five workspaces. Each org answers slowly from just after its
    // connect, so every run is still mid-walk when the kill lands.
    const connected: { integrationId: string; runId: string; emu: TestEmulator }[] = [];
    for (let i = 0; i < ORGS; i += 2) {
      const tenant = await createTenant();
      for (const emu of emus.slice(i, i + 2)) {
        const c = await connectToEmulator(emu, { tenant, name: `Org ${connected.length + 1}` });
        await emu.control("POST", "/faults", { latencyMs: 300 });
        connected.push({ integrationId: c.integrationId, runId: c.runId, emu });
      }
    }
    const runIds = connected.map((c) => c.runId);
    expect(runIds.every(Boolean)).toBe(true);

    // Every slot of every worker holds a run that has written something: the victim holds two.
    const held = await waitFor(
      "every worker to hold runs mid-walk",
      async () => {
        const rows = await sql()`
          select r.id, coalesce(sum(x.pages), 0)::int as pages from sync_runs r join sync_run_resources x on x.run_id = r.id
          where r.id = any(${runIds}::uuid[]) and r.status = 'running' group by r.id`;
        return rows.length === WORKERS * PER_WORKER && rows.every((r) => r.pages > 0) && rows.map((r) => r.id as string);
      },
      120_000,
    );
    // All three are alive (none failed to start or died), and one of them goes.
    expect(procs.map((p) => p.exitCode ?? p.signalCode)).toEqual([null, null, null]);
    await workers.killAndWait(procs[0]);
    await Promise.all(emus.map((e) => e.control("DELETE", "/faults")));

    const ended = await waitFor(
      "every run to end",
      async () => {
        const rows = await sql()`select id, status, attempts, finished_at, lease_owner from sync_runs where id = any(${runIds}::uuid[])`;
        // A run's summary entry follows its status by a statement (lib/sync/run-sync.ts): wait for both.
        const [logged] = await sql()`select count(distinct run_id)::int as n from integration_events
          where run_id = any(${runIds}::uuid[]) and kind in ('sync.succeeded', 'sync.partial', 'sync.failed')`;
        return rows.every((r) => ["succeeded", "partial", "failed", "cancelled"].includes(r.status)) && logged.n === runIds.length && rows;
      },
      120_000,
    );
    for (const r of ended)
      expect({ id: r.id, status: r.status, leaseOwner: r.lease_owner }).toEqual({ id: r.id, status: "succeeded", leaseOwner: null });

    // Each run started once and ended once; the killed worker's runs were taken over and resumed.
    const events = await sql()`select run_id, kind from integration_events where run_id = any(${runIds}::uuid[])`;
    const kinds = (runId: string) => events.filter((e) => e.run_id === runId).map((e) => e.kind as string);
    const count = (runId: string, kind: string) => kinds(runId).filter((k) => k === kind).length;
    for (const id of runIds) {
      expect({
        id,
        started: count(id, "sync.started"),
        ended: kinds(id).filter((k) => /^sync\.(succeeded|partial|failed)$/.test(k)).length,
      }).toEqual({
        id,
        started: 1,
        ended: 1,
      });
    }
    const taken = runIds.filter((id) => kinds(id).includes("sync.worker_lost"));
    expect(taken.length).toBeGreaterThan(0);
    for (const id of taken) {
      expect(held).toContain(id);
      expect(kinds(id)).toContain("sync.resumed");
      expect(ended.find((r) => r.id === id)!.attempts).toBeGreaterThanOrEqual(2);
    }

    for (const c of connected) {
      const truth = truthRows(await fetchTruth(c.emu));
      const stored = await storedRows(c.integrationId);
      for (const key of Object.keys(truth) as (keyof typeof truth)[])
        expect({ org: c.integrationId, key, ...differences(stored[key], truth[key]) }).toEqual({
          org: c.integrationId,
          key,
          count: 0,
          first: [],
        });

      // No stray rows beside the live ones (a second writer's copy would be a soft-deleted leftover),
      // and every object counted as added exactly once over all attempts of the run.
      const [n] = await sql()`select
        (select count(*) from okta_users where integration_id = ${c.integrationId})::int as users,
        (select count(*) from okta_group_members where integration_id = ${c.integrationId})::int as memberships,
        (select count(*) from okta_app_users where integration_id = ${c.integrationId})::int
          + (select count(*) from okta_app_groups where integration_id = ${c.integrationId})::int as app_assignments,
        (select count(*) from okta_log_events where integration_id = ${c.integrationId})::int as log_events`;
      const added = Object.fromEntries(
        (await sql()`select resource, added from sync_run_resources where run_id = ${c.runId}`).map((r) => [r.resource, r.added]),
      );
      expect({ org: c.integrationId, ...n }).toEqual({
        org: c.integrationId,
        users: truth.users.size,
        memberships: truth.memberships.size,
        app_assignments: truth.appAssignments.size,
        log_events: added.log_events,
      });
      expect({ users: added.users, groups: added.groups, memberships: added.memberships, apps: added.apps }).toEqual({
        users: truth.users.size,
        groups: truth.groups.size,
        memberships: truth.memberships.size,
        apps: truth.apps.size,
      });
      // The change log names each added object once, however many workers the run had.
      const [dup] = await sql()`select count(*)::int as n from (
        select resource, object, object_key from sync_run_changes where run_id = ${c.runId} and change = 'added'
        group by 1, 2, 3 having count(*) > 1) d`;
      expect(dup.n).toBe(0);
    }
  });
});
