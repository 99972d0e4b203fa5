// Fairness between integrations sharing the workers, on a database of its own with this process's
// workers (two slots): a large org's run holds one slot while every other org's run goes through the
// other; a Sync now goes before scheduled runs that queued earlier; and each integration's Okta
// rate budget is its own (one org answering 429 makes only its own run wait).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { systemCtx, userCtx } from "@/lib/context";
import { startSync } from "@/lib/sync/start-sync";
import { createTenant } from "@/test/factories";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { connectToEmulator } from "@/test/sync-fixtures";
import { ownDatabase, waitFor } from "@/test/worker-processes";
import { startWorkers, type Workers } from "./start-workers";

let db: Awaited<ReturnType<typeof ownDatabase>>;
const emus: TestEmulator[] = [];
let workers: Workers | undefined;

beforeAll(async () => {
  db = await ownDatabase("osc_workers_fair");
}, 120_000);

afterEach(async () => {
  await workers?.stop();
  workers = undefined;
});

afterAll(async () => {
  for (const e of emus) await e.close();
  await db?.drop();
});

async function emulator(opts: Parameters<typeof startTestEmulator>[0]) {
  const e = await startTestEmulator(opts);
  emus.push(e);
  return e;
}

const sql = () => getDb().$client;
const runs = async (ids: string[]) =>
  sql()`select id, status, attempts, rate_limit_waits, (extract(epoch from started_at) * 1000)::float8 as started
    from sync_runs where id = any(${ids}::uuid[])`;
const allEnded = (ids: string[]) => async () => {
  const rows = await runs(ids);
  return rows.every((r) => ["succeeded", "partial", "failed", "cancelled"].includes(r.status)) && rows;
};

describe("fairness between integrations", () => {
  let small: Awaited<ReturnType<typeof connectToEmulator>>[] = [];

  it("a large org's run holds one slot; the other orgs' runs all go through the other slot meanwhile", { timeout: 180_000 }, async () => {
    const large = await emulator({ seed: 41, users: 400, groups: 20, apps: 6, logDays: 2 });
    const tenant = await createTenant();
    const big = await connectToEmulator(large, { tenant, name: "Large org" });
    small = [];
    for (let i = 0; i < 4; i++) {
      const se = await emulator({ seed: 50 + i, users: 40, groups: 4, apps: 3, logDays: 1 });
      small.push(
        await connectToEmulator(se, {
          tenant,
          name: `Small ${i}`,
        }),
      );
    }
    // The large org answers slowly: its run stays in its slot for as long as this test needs.
    await large.control("POST", "/faults", { latencyMs: 5000 });
    workers = await startWorkers({ concurrency: 2 });

    const smallIds = small.map((s) => s.runId);
    const ended = await waitFor("the small orgs' runs", allEnded(smallIds), 120_000);
    const [bigRun] = await runs([big.runId]);
    expect(bigRun).toMatchObject({ status: "running", attempts: 1 });
    for (const r of ended) {
      expect(r.status).toBe("succeeded");
      // Queued behind the large run, started after it, finished while it still ran.
      expect(r.started).toBeGreaterThanOrEqual(bigRun.started);
    }

    await large.control("DELETE", "/faults");
    const [done] = await waitFor("the large org's run", allEnded([big.runId]), 120_000);
    expect(done).toMatchObject({ status: "succeeded", attempts: 1 });
  });

  it("a Sync now goes before scheduled runs that queued earlier", { timeout: 120_000 }, async () => {
    // No worker runs while the runs queue: three scheduled, then one someone clicked.
    const scheduled = [];
    for (const s of small.slice(0, 3))
      scheduled.push(
        (await startSync({ ctx: systemCtx(s.workspaceId), input: { integrationId: s.integrationId, trigger: "scheduled" } })).run,
      );
    const clicked = small[3];
    const { run: manual } = await startSync({
      ctx: userCtx(clicked.actor),
      input: { integrationId: clicked.integrationId, trigger: "manual" },
    });

    workers = await startWorkers({ concurrency: 1 });
    const ids = [manual.id, ...scheduled.map((r) => r.id)];
    const ended = await waitFor("the four runs", allEnded(ids), 100_000);
    const order = [...ended].sort((a, b) => a.started - b.started).map((r) => r.id);
    expect(order[0]).toBe(manual.id);
    // The scheduled ones keep their own order: first queued, first run.
    expect(order.slice(1)).toEqual(scheduled.map((r) => r.id));
  });

  it("each integration's rate budget is its own: one org's 429s make only its own run wait", { timeout: 120_000 }, async () => {
    // Org A counts requests in 15 s windows and answers its first requests for users with 429 (its
    // reset at the window's end); org B has no limits.
    const a = await emulator({ seed: 61, users: 60, groups: 5, apps: 3, logDays: 1, rateLimits: true, rateWindowMs: 15_000 });
    const b = await emulator({ seed: 62, users: 60, groups: 5, apps: 3, logDays: 1 });
    const tenant = await createTenant();
    const ca = await connectToEmulator(a, { tenant, name: "Org A" });
    const cb = await connectToEmulator(b, { tenant, name: "Org B" });
    await a.control("POST", "/faults", { rateLimitBurst: 2, path: "/api/v1/users" });

    // Both runs at once, in one worker process.
    workers = await startWorkers({ concurrency: 2 });
    const ended = await waitFor("both runs", allEnded([ca.runId, cb.runId]), 100_000);
    const byId = Object.fromEntries(ended.map((r) => [r.id, r]));
    expect(byId[ca.runId]).toMatchObject({ status: "succeeded" });
    expect(byId[cb.runId]).toMatchObject({ status: "succeeded", rate_limit_waits: 0 });
    expect(byId[ca.runId].rate_limit_waits).toBeGreaterThan(0);
    const waited =
      await sql()`select integration_id from integration_events where kind = 'sync.rate_limit_waits' and run_id = any(${[ca.runId, cb.runId]}::uuid[])`;
    expect(waited.map((e) => e.integration_id)).toEqual([ca.integrationId]);
  });
});
