// Full syncs against the real emulator: the database must equal the emulator's ground truth.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { userCtx } from "@/lib/context";
import { loadOktaClient } from "@/lib/integrations/load-okta-client";
import { stopBoss } from "@/lib/jobs/boss";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { connectToEmulator, differences, expectedDiff, fetchTruth, runResources, storedRows, truthRows } from "@/test/sync-fixtures";
import { logWindowStart } from "./resources/log-events";
import { runSync as runSyncWith } from "./run-sync";
import { startSync } from "./start-sync";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: 1, users: 150, groups: 12, apps: 6, logDays: 40 });
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

const sql = () => getDb().$client;

/** Runs the sync and checks its status, showing the resources' errors when it differs. */
async function expectRun(runId: string, status: string) {
  const result = await runSync(runId);
  if (result.status !== status) {
    const rows =
      await sql()`select resource, status, error, missing_scope from sync_run_resources where run_id = ${runId} and status <> 'succeeded'`;
    expect({ status: result.status, rows }).toEqual({ status, rows: [] });
  }
  expect(result).toEqual({ claimed: true, status });
}

async function expectMatchesTruth(integrationId: string) {
  const truth = truthRows(await fetchTruth(emu));
  const stored = await storedRows(integrationId);
  for (const key of Object.keys(truth) as (keyof typeof truth)[]) {
    expect({ key, ...differences(stored[key], truth[key]) }).toEqual({ key, count: 0, first: [] });
  }
  return truth;
}

/** Log events: exactly the truth's events published since the window start the run used. */
async function expectLogWindow(integrationId: string, runId: string, windowDays = 30) {
  const [run] = await sql()`select started_at from sync_runs where id = ${runId}`;
  const since = Date.parse(logWindowStart(windowDays, Date.parse(run.started_at)));
  // The run computed its window a moment after it started: allow that moment at the edge.
  const inner = await emu.control<{ uuid: string }[]>("GET", `/truth/logs?since=${new Date(since + 60_000).toISOString()}`);
  const outer = await emu.control<{ uuid: string }[]>("GET", `/truth/logs?since=${new Date(since - 1_000).toISOString()}`);
  const stored = new Set(
    (await sql()`select uuid from okta_log_events where integration_id = ${integrationId}`).map((r) => r.uuid as string),
  );
  const outerSet = new Set(outer.map((e) => e.uuid));
  expect(inner.filter((e) => !stored.has(e.uuid))).toEqual([]);
  expect([...stored].filter((u) => !outerSet.has(u))).toEqual([]);
  expect(stored.size).toBeGreaterThan(0);
}

describe("full sync", () => {
  it.each([
    { seed: 1, users: 150, groups: 12, apps: 6 },
    { seed: 2, users: 700, groups: 45, apps: 14 },
    { seed: 3, users: 1800, groups: 90, apps: 22 },
  ])("copies the tenant exactly (seed $seed, $users users)", async (size) => {
    await emu.control("POST", "/reset", { ...size, logDays: 40 });
    const c = await connectToEmulator(emu);
    await expectRun(c.runId, "succeeded");
    const truth = await expectMatchesTruth(c.integrationId);
    await expectLogWindow(c.integrationId, c.runId);

    const res = await runResources(c.runId);
    expect(res.users).toMatchObject({ status: "succeeded", added: truth.users.size, updated: 0, deleted: 0 });
    expect(res.memberships).toMatchObject({ status: "succeeded", added: truth.memberships.size, expected_total: truth.memberships.size });
    expect(res.memberships.reconciliation).toMatchObject({
      mismatchedGroups: 0,
      expected: truth.memberships.size,
      stored: truth.memberships.size,
    });
    expect(res.roles.added).toBe(truth.roles.size);
    expect(res.users.pages).toBe(Math.ceil(truth.users.size / 200));
    // DEPROVISIONED users are included (a plain /users would leave them out).
    const [{ n }] =
      await sql()`select count(*)::int as n from okta_users where integration_id = ${c.integrationId} and status = 'DEPROVISIONED'`;
    expect(n).toBeGreaterThan(0);
    const [run] = await sql()`select * from sync_runs where id = ${c.runId}`;
    expect(run.requests).toBeGreaterThan(0);
    expect(run.lease_owner).toBeNull();
  });

  it("counts exactly what mutations changed on the next full run, and ends equal to the truth", async () => {
    await emu.control("POST", "/reset", { seed: 5, users: 500, groups: 30, apps: 10, logDays: 10 });
    const c = await connectToEmulator(emu);
    expect((await runSync(c.runId)).status).toBe("succeeded");
    const before = truthRows(await fetchTruth(emu));
    const applied = await emu.control<{ applied: number }>("POST", "/mutations", { count: 80, seed: 99 });
    expect(applied.applied).toBe(80);
    const after = truthRows(await fetchTruth(emu));

    const { run, created } = await startSync({ ctx: userCtx(c.actor), input: { integrationId: c.integrationId, trigger: "manual" } });
    expect(created).toBe(true);
    expect((await runSync(run.id)).status).toBe("succeeded");
    const res = await runResources(run.id);
    const pairs = {
      users: "users",
      groups: "groups",
      memberships: "memberships",
      apps: "apps",
      appAssignments: "app_assignments",
      roles: "roles",
      idps: "idps",
    } as const;
    for (const [key, resource] of Object.entries(pairs) as [keyof typeof pairs, string][]) {
      const want = expectedDiff(before[key], after[key]);
      const got = { added: res[resource].added, updated: res[resource].updated, deleted: res[resource].deleted };
      expect({ resource, ...got }).toEqual({ resource, ...want });
    }
    expect(res.users.added + res.users.updated + res.users.deleted).toBeGreaterThan(0);
    await expectMatchesTruth(c.integrationId);
    // New events since the first run arrive through the stored polling cursor.
    expect(res.log_events.added).toBeGreaterThan(0);
    const [integration] = await sql()`select cursors from integrations where id = ${c.integrationId}`;
    expect(integration.cursors.logsNext).toMatch(/\/api\/v1\/logs\?.*after=/);
  });

  it("resumes a run handed back mid-way from its checkpoints, with no duplicates and exact counts", async () => {
    await emu.control("POST", "/reset", { seed: 8, users: 900, groups: 40, apps: 12, logDays: 5 });
    const c = await connectToEmulator(emu);
    // The worker shuts down (as on SIGTERM) once the run has asked Okta 12 times: a fixed point of the
    // run, however fast or loaded the machine, never before it started or after it ended.
    const stop = new AbortController();
    let requests = 0;
    const first = await runSyncWith(c.runId, {
      signal: stop.signal,
      loadClient: (id, { events }) =>
        loadOktaClient(id, {
          events: {
            ...events,
            onRequest: (e) => {
              events.onRequest?.(e);
              if (++requests === 12) stop.abort();
            },
          },
        }),
    });
    expect(stop.signal.aborted).toBe(true);
    expect(first).toEqual({ claimed: true });
    const [mid] = await sql()`select status, attempts from sync_runs where id = ${c.runId}`;
    expect(mid).toMatchObject({ status: "queued", attempts: 1 });
    const partial = await runResources(c.runId);
    expect(Object.values(partial).some((r) => r.checkpoint !== null)).toBe(true);

    expect(await runSync(c.runId)).toEqual({ claimed: true, status: "succeeded" });
    const truth = await expectMatchesTruth(c.integrationId);
    const res = await runResources(c.runId);
    expect(res.users.added).toBe(truth.users.size);
    expect(res.memberships.added).toBe(truth.memberships.size);
    expect(res.app_assignments.added).toBe(truth.appAssignments.size);
    const events = await sql()`select kind from integration_events where run_id = ${c.runId} order by id`;
    expect(events.map((e) => e.kind)).toEqual(expect.arrayContaining(["sync.handed_back", "sync.resumed", "sync.succeeded"]));
  });
});

describe("failure isolation", () => {
  it("a missing scope fails only its resources; the run is partial and names the scope", async () => {
    await emu.control("POST", "/reset", { seed: 4, users: 200, groups: 15, apps: 6, logDays: 5 });
    const c = await connectToEmulator(emu, { app: "no-groups-scope" });
    expect(await runSync(c.runId)).toEqual({ claimed: true, status: "partial" });
    const res = await runResources(c.runId);
    expect(res.groups).toMatchObject({ status: "failed", missing_scope: "okta.groups.read" });
    expect(res.memberships.status).toBe("skipped");
    for (const r of ["users", "apps", "app_assignments", "roles", "idps", "log_events"])
      expect({ r, status: res[r].status }).toEqual({ r, status: "succeeded" });
    const truth = truthRows(await fetchTruth(emu));
    const stored = await storedRows(c.integrationId);
    expect(differences(stored.users, truth.users).count).toBe(0);
    expect(differences(stored.appAssignments, truth.appAssignments).count).toBe(0);
    expect(stored.groups.size).toBe(0);
    const [ev] =
      await sql()`select level, message, details from integration_events where run_id = ${c.runId} and kind = 'sync.scope_missing'`;
    expect(ev.level).toBe("warn");
    expect(ev.message).toContain("okta.groups.read");
    const [run] = await sql()`select status, error from sync_runs where id = ${c.runId}`;
    expect(run.error.resources).toEqual(expect.arrayContaining(["groups", "memberships"]));
  });

  it("completes and matches the truth under 5xx, connection resets, slow responses and 429 bursts", async () => {
    await emu.control("POST", "/reset", { seed: 6, users: 400, groups: 20, apps: 8, logDays: 5 });
    const c = await connectToEmulator(emu);
    // A short window so a 429's reset is seconds away, as a compressed Okta minute.
    await emu.control("PATCH", "/config", { rateWindowMs: 2000 });
    await emu.control("POST", "/faults", {
      errorRate: 0.08,
      errorStatus: 503,
      resetRate: 0.04,
      latencyMs: 5,
      jitterMs: 20,
      rateLimitBurst: 6,
      seed: 3,
    });
    try {
      await expectRun(c.runId, "succeeded");
    } finally {
      await emu.control("DELETE", "/faults");
      await emu.control("PATCH", "/config", { rateWindowMs: 60_000 });
    }
    await expectMatchesTruth(c.integrationId);
    const [run] = await sql()`select retries, rate_limit_waits from sync_runs where id = ${c.runId}`;
    expect(run.retries).toBeGreaterThan(0);
    expect(run.rate_limit_waits).toBeGreaterThan(0);
    const kinds = (await sql()`select kind from integration_events where run_id = ${c.runId}`).map((e) => e.kind);
    expect(kinds).toEqual(expect.arrayContaining(["sync.retries", "sync.rate_limit_waits"]));
  });
});
