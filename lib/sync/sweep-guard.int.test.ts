// The sweep guard inside a real run against the emulator: a full pass that reads nearly nothing (an
// app whose admin role was removed gets `200 []` from /users, as Okta answers) must not wipe the
// copy: the users resource fails with sweep_refused, a sync.sweep_refused event says why, and every
// stored user stays. A scope the admin narrowed is deliberate: that run removes what left the scope
// even when it is over 90%, and only that run (the next accidental empty pass is refused again).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { userCtx } from "@/lib/context";
import { updateSettings } from "@/lib/integrations/update-settings";
import { stopBoss } from "@/lib/jobs/boss";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { connectToEmulator, differences, fetchTruth, runResources, storedRows, truthRows } from "@/test/sync-fixtures";
import type { OktaUserStatus } from "./scope-contract";
import { startSync } from "./start-sync";
import { SWEEP_GUARD_MIN_ROWS, SWEEP_GUARD_SHARE } from "./sweep";

let emu: TestEmulator;
const SIZE = { seed: 31, users: 300, groups: 10, apps: 5, logDays: 2 };
beforeAll(async () => {
  emu = await startTestEmulator(SIZE);
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

const sql = () => getDb().$client;
type Connected = Awaited<ReturnType<typeof connectToEmulator>>;

async function fullRun(c: Connected) {
  const { run, created } = await startSync({ ctx: userCtx(c.actor), input: { integrationId: c.integrationId, trigger: "manual" } });
  expect(created).toBe(true);
  return { runId: run.id as string, result: await runSync(run.id) };
}

async function userCounts(integrationId: string) {
  const [r] =
    await sql()`select count(*) filter (where deleted_at is null)::int as live, count(*) filter (where deleted_at is not null)::int as deleted
                from okta_users where integration_id = ${integrationId}`;
  return r as { live: number; deleted: number };
}

/** The app the integration uses loses its only admin role; restored by clearing the faults. */
async function withoutAdminRole<T>(fn: () => Promise<T>): Promise<T> {
  await emu.control("POST", "/faults", { removeRole: { app: "readonly-key", role: "READ_ONLY_ADMIN" } });
  try {
    return await fn();
  } finally {
    await emu.control("DELETE", "/faults");
  }
}

const refusedMessage = (n: number, live: number) =>
  `Did not delete anything: this pass would have deleted ${n} of ${live} stored users (over 90%). The data is kept; check the app's admin role and scopes.`;

describe("sweep guard in a real run", () => {
  it("an app without its admin role reads 200 [] from /users: the sweep is refused, users fail, nothing is deleted", async () => {
    await emu.control("POST", "/reset", SIZE);
    const c = await connectToEmulator(emu);
    expect(await runSync(c.runId)).toEqual({ claimed: true, status: "succeeded" });
    const truth = await fetchTruth(emu);
    const n = truth.users.length;
    expect(await userCounts(c.integrationId)).toEqual({ live: n, deleted: 0 });

    const { runId, result } = await withoutAdminRole(() => fullRun(c));
    expect(result).toEqual({ claimed: true, status: "failed" });

    const res = await runResources(runId);
    expect(res.users).toMatchObject({ status: "failed", added: 0, updated: 0, deleted: 0 });
    expect(res.users.error).toEqual({ code: "sweep_refused", message: refusedMessage(n, n), wouldDelete: n, live: n });
    // Everything else was refused by Okta (403) or skipped for it; no resource deleted anything.
    expect(Object.fromEntries(Object.entries(res).map(([r, x]) => [r, [x.status, x.error?.code, x.deleted]]))).toEqual({
      users: ["failed", "sweep_refused", 0],
      groups: ["failed", "permission_denied", 0],
      memberships: ["skipped", "dependency_failed", 0],
      apps: ["failed", "permission_denied", 0],
      app_assignments: ["skipped", "dependency_failed", 0],
      roles: ["failed", "permission_denied", 0],
      idps: ["failed", "permission_denied", 0],
      log_events: ["failed", "permission_denied", 0],
    });

    const events =
      await sql()`select level, message, details from integration_events where run_id = ${runId} and kind = 'sync.sweep_refused'`;
    expect(events).toEqual([{ level: "warn", message: refusedMessage(n, n), details: { resource: "users", wouldDelete: n, live: n } }]);
    expect(await userCounts(c.integrationId)).toEqual({ live: n, deleted: 0 });

    // With the role back, the next full run is a normal one: nothing to delete, the copy equals the truth.
    const again = await fullRun(c);
    expect(again.result).toEqual({ claimed: true, status: "succeeded" });
    const after = await runResources(again.runId);
    expect(after.users).toMatchObject({ status: "succeeded", added: 0, deleted: 0, error: null });
    const want = truthRows(await fetchTruth(emu));
    const stored = await storedRows(c.integrationId);
    expect(differences(stored.users, want.users)).toEqual({ count: 0, first: [] });
  });

  it("a scope narrowed by the admin removes over 90% of the users in one run; the next empty pass is refused again", async () => {
    await emu.control("POST", "/reset", SIZE);
    const c = await connectToEmulator(emu);
    expect(await runSync(c.runId)).toEqual({ claimed: true, status: "succeeded" });
    const truth = await fetchTruth(emu);
    const n = truth.users.length;
    // A status held by few users: narrowing to it removes more than the guard's share, and keeps
    // enough users that an empty pass afterwards is still over the guard's minimum.
    const byStatus = new Map<OktaUserStatus, number>();
    for (const u of truth.users) byStatus.set(u.status as OktaUserStatus, (byStatus.get(u.status as OktaUserStatus) ?? 0) + 1);
    const [status, kept] = [...byStatus]
      .filter(([, k]) => k >= SWEEP_GUARD_MIN_ROWS && n - k > SWEEP_GUARD_SHARE * n)
      .sort((a, b) => a[1] - b[1] || a[0].localeCompare(b[0]))[0];
    expect(kept).toBeGreaterThanOrEqual(SWEEP_GUARD_MIN_ROWS);

    await updateSettings({ ctx: userCtx(c.actor), input: { integrationId: c.integrationId, syncScope: { userStatuses: [status] } } });
    const narrowed = await fullRun(c);
    expect(narrowed.result).toEqual({ claimed: true, status: "succeeded" });
    const res = await runResources(narrowed.runId);
    expect(res.users).toMatchObject({ status: "succeeded", deleted: n - kept, out_of_scope: n - kept, error: null });
    const kinds = (await sql()`select kind from integration_events where run_id = ${narrowed.runId}`).map((e) => e.kind as string);
    expect(kinds).not.toContain("sync.sweep_refused");
    expect(kinds).toContain("sync.scope_applied");
    expect(await userCounts(c.integrationId)).toEqual({ live: kept, deleted: n - kept });

    // The waiver was for that narrowing only: under the same scope, a pass that reads nothing is refused.
    const empty = await withoutAdminRole(() => fullRun(c));
    expect(empty.result).toEqual({ claimed: true, status: "failed" });
    const refused = await runResources(empty.runId);
    expect(refused.users.error).toEqual({ code: "sweep_refused", message: refusedMessage(kept, kept), wouldDelete: kept, live: kept });
    const events = await sql()`select details from integration_events where run_id = ${empty.runId} and kind = 'sync.sweep_refused'`;
    expect(events).toEqual([{ details: { resource: "users", wouldDelete: kept, live: kept } }]);
    expect(await userCounts(c.integrationId)).toEqual({ live: kept, deleted: n - kept });
  });
});
