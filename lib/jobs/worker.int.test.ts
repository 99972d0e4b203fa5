// Sync workers as real processes (`npm run worker`) on their own database: a queued run is worked
// end to end, and a worker killed with SIGKILL mid-run is taken over by another, which resumes from
// the checkpoints and ends with exactly the truth (no duplicate rows, exact counts).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { userCtx } from "@/lib/context";
import { startSync } from "@/lib/sync/start-sync";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { connectToEmulator, differences, fetchTruth, storedRows, truthRows } from "@/test/sync-fixtures";
import { ownDatabase, WorkerProcesses, waitFor } from "@/test/worker-processes";

let db: Awaited<ReturnType<typeof ownDatabase>>;
let emu: TestEmulator;
const workers = new WorkerProcesses();

beforeAll(async () => {
  db = await ownDatabase();
  emu = await startTestEmulator({ seed: 21, users: 1500, groups: 60, apps: 16, logDays: 5 });
}, 120_000);

afterAll(async () => {
  await workers.stopAll();
  await emu?.close();
  await db?.drop();
});

// Each test's workers stop with it: a worker left running would pick up the next test's runs. Its
// faults go too, even when it failed before clearing them.
afterEach(async () => {
  await workers.stopAll();
  await emu.control("DELETE", "/faults");
});

const startWorker = () => workers.start({ DATABASE_URL: db.url, SYNC_LEASE_SECONDS: "4", SYNC_WORKER_CONCURRENCY: "1" });

const sql = () => getDb().$client;
const runStatus = async (runId: string) => (await sql()`select status, attempts from sync_runs where id = ${runId}`)[0];
const pagesDone = async (runId: string) =>
  (await sql()`select coalesce(sum(pages), 0)::int as n from sync_run_resources where run_id = ${runId}`)[0].n as number;

async function expectTruth(integrationId: string) {
  const truth = truthRows(await fetchTruth(emu));
  const stored = await storedRows(integrationId);
  for (const key of Object.keys(truth) as (keyof typeof truth)[])
    expect({ key, ...differences(stored[key], truth[key]) }).toEqual({ key, count: 0, first: [] });
  return truth;
}

describe("sync workers", () => {
  it("a worker killed mid-run is replaced; the run resumes and ends equal to the truth with exact counts", async () => {
    const c = await connectToEmulator(emu);
    // Slow answers keep the run going long enough to be killed in the middle.
    await emu.control("POST", "/faults", { latencyMs: 25 });
    const first = startWorker();
    await waitFor("the first worker to commit pages", async () => (await pagesDone(c.runId)) >= 15);
    await workers.killAndWait(first);
    const mid = await runStatus(c.runId);
    expect(mid.status).toBe("running");
    const pagesAtKill = await pagesDone(c.runId);

    await emu.control("DELETE", "/faults");
    startWorker();
    const done = await waitFor("the run to finish", async () => {
      const s = await runStatus(c.runId);
      return ["succeeded", "partial", "failed"].includes(s.status) && s;
    });
    // Claimed twice: by the killed worker and by the one that took over.
    expect(done).toMatchObject({ status: "succeeded", attempts: 2 });
    const truth = await expectTruth(c.integrationId);
    const res = Object.fromEntries((await sql()`select * from sync_run_resources where run_id = ${c.runId}`).map((r) => [r.resource, r]));
    // Each object counted once across both workers: nothing was copied twice.
    expect(res.users.added).toBe(truth.users.size);
    expect(res.memberships.added).toBe(truth.memberships.size);
    expect(res.app_assignments.added).toBe(truth.appAssignments.size);
    expect(await pagesDone(c.runId)).toBeGreaterThan(pagesAtKill);
    const kinds = (await sql()`select kind from integration_events where run_id = ${c.runId}`).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["sync.worker_lost", "sync.resumed", "sync.succeeded"]));
  });

  it("works a Sync now end to end and hands a run back on SIGTERM", async () => {
    const c = await connectToEmulator(emu, { name: "second" });
    // Finish the initial run first, then start a manual one.
    const w = startWorker();
    await waitFor("the initial run", async () => (await runStatus(c.runId)).status === "succeeded");
    // Slow enough that the run is still mid-walk when SIGTERM lands, however loaded the machine.
    await emu.control("POST", "/faults", { latencyMs: 150 });
    const { run } = await startSync({ ctx: userCtx(c.actor), input: { integrationId: c.integrationId, trigger: "manual" } });
    await waitFor("pages of the manual run", async () => (await pagesDone(run.id)) >= 5);
    // The whole process group gets SIGTERM; npm may exit before node has handed the run back.
    workers.kill(w, "SIGTERM");
    await waitFor("the run to be handed back", async () => (await runStatus(run.id)).status === "queued", 20_000);
    await emu.control("DELETE", "/faults");
    startWorker();
    await waitFor("the manual run", async () => (await runStatus(run.id)).status === "succeeded");
    const kinds = (await sql()`select kind from integration_events where run_id = ${run.id}`).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["sync.handed_back", "sync.resumed"]));
    expect(kinds).not.toContain("sync.worker_lost");
    await expectTruth(c.integrationId);
  });
});
