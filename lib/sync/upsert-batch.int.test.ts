import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createWorkspace } from "@/test/factories";
import { finishRun, insertIntegration, insertRunningRun } from "@/test/sync-fixtures";
import { sweep } from "./sweep";
import { logEventsTable, membershipsTable, userRow, usersTable } from "./tables";
import { commitPage, type Lease, LeaseLostError, type WriteResult } from "./upsert-batch";

const sql = () => getDb().$client;

function user(id: string, extra: Record<string, unknown> = {}) {
  return userRow({
    id,
    status: "ACTIVE",
    created: "2024-01-01T00:00:00.000Z",
    activated: null,
    statusChanged: null,
    lastLogin: null,
    lastUpdated: "2024-02-01T00:00:00.000Z",
    passwordChanged: null,
    type: { id: "oty1" },
    profile: { login: `${id}@example.com`, email: `${id}@example.com`, firstName: "Zoë", lastName: "Ørsted", city: "Kraków", ...extra },
  });
}

async function setup() {
  const ws = await createWorkspace();
  const integration = await insertIntegration(ws.id);
  return { ws, integration, newRun: async () => insertRunningRun(ws.id, integration.id) };
}

/** The counts of a commit that had nothing to clean or quarantine (the test fails if it had). */
async function counts(result: Promise<WriteResult>) {
  const { added, updated, unchanged, cleaned, quarantined } = await result;
  expect({ cleaned, quarantined }).toEqual({ cleaned: [], quarantined: [] });
  return { added, updated, unchanged };
}

const usersPage = (lease: Lease, rows: ReturnType<typeof user>[], checkpoint?: unknown) =>
  counts(
    commitPage(lease, {
      resource: "users",
      writes: [{ spec: usersTable, rows }],
      pages: 1,
      objects: rows.length,
      checkpoint: checkpoint === undefined ? undefined : { replace: checkpoint },
    }),
  );

async function resourceRow(runId: string, resource = "users") {
  const [r] = await sql()`select * from sync_run_resources where run_id = ${runId} and resource = ${resource}`;
  return r;
}

describe("commitPage", () => {
  it("classifies added, unchanged, updated and revived rows and keeps updated_at for real changes only", async () => {
    const { integration, newRun } = await setup();
    const r1 = await newRun();
    expect(await usersPage(r1, [user("u1"), user("u2"), user("u3")], { next: "p2" })).toEqual({ added: 3, updated: 0, unchanged: 0 });
    const stored =
      await sql()`select id, login, location, profile, seen_run_id, updated_at from okta_users where integration_id = ${integration.id} order by id`;
    expect(stored.map((r) => r.id)).toEqual(["u1", "u2", "u3"]);
    expect(stored[0]).toMatchObject({ login: "u1@example.com", location: "Kraków", seen_run_id: r1.runId });
    expect(stored[0].profile.firstName).toBe("Zoë");
    expect(await resourceRow(r1.runId)).toMatchObject({ pages: 1, objects: 3, added: 3, checkpoint: { next: "p2" } });
    await finishRun(r1.runId);

    const r2 = await newRun();
    expect(await usersPage(r2, [user("u1"), user("u2", { title: "CFO" })])).toEqual({ added: 0, updated: 1, unchanged: 1 });
    const after =
      await sql()`select id, title, seen_run_id, updated_at from okta_users where integration_id = ${integration.id} order by id`;
    expect(after[0]).toMatchObject({ seen_run_id: r2.runId });
    expect(after[0].updated_at).toEqual(stored[0].updated_at);
    expect(after[1]).toMatchObject({ title: "CFO", seen_run_id: r2.runId });
    expect(Date.parse(after[1].updated_at)).toBeGreaterThan(Date.parse(stored[1].updated_at));
    expect(after[2].seen_run_id).toBe(r1.runId);

    // The page replayed by a resumed attempt of the same run writes nothing new and counts nothing.
    expect(await usersPage(r2, [user("u1"), user("u2", { title: "CFO" })])).toEqual({ added: 0, updated: 0, unchanged: 0 });

    expect(await sweep(r2, "users", [usersTable])).toEqual({ deleted: 1, refused: false });
    const [gone] = await sql()`select deleted_at from okta_users where integration_id = ${integration.id} and id = 'u3'`;
    expect(gone.deleted_at).not.toBeNull();
    expect(await resourceRow(r2.runId)).toMatchObject({ added: 0, updated: 1, unchanged: 1, deleted: 1 });
    await finishRun(r2.runId);

    // Reappearance revives the soft-deleted row and counts as added.
    const r3 = await newRun();
    expect(await usersPage(r3, [user("u1"), user("u2", { title: "CFO" }), user("u3")])).toEqual({ added: 1, updated: 0, unchanged: 2 });
    const [back] = await sql()`select deleted_at from okta_users where integration_id = ${integration.id} and id = 'u3'`;
    expect(back.deleted_at).toBeNull();
    expect(await sweep(r3, "users", [usersTable])).toEqual({ deleted: 0, refused: false });
  });

  it("de-duplicates a key repeated within one page", async () => {
    const { newRun } = await setup();
    const r = await newRun();
    expect(await usersPage(r, [user("a"), user("a", { title: "x" })])).toEqual({ added: 1, updated: 0, unchanged: 0 });
  });

  it("refuses to write when the lease is lost, and rolls the whole page back", async () => {
    const { integration, newRun } = await setup();
    const r = await newRun();
    await expect(usersPage({ ...r, leaseOwner: crypto.randomUUID() }, [user("x1")], { next: "n" })).rejects.toBeInstanceOf(LeaseLostError);
    await sql()`update sync_runs set status = 'cancelled' where id = ${r.runId}`;
    await expect(usersPage(r, [user("x1")])).rejects.toBeInstanceOf(LeaseLostError);
    const rows = await sql()`select 1 from okta_users where integration_id = ${integration.id}`;
    expect(rows.length).toBe(0);
    expect(await resourceRow(r.runId)).toMatchObject({ pages: 0, checkpoint: null });
  });

  it("updates parent-walk checkpoints atomically from parallel commits", async () => {
    const { newRun } = await setup();
    const r = await newRun();
    const member = (g: string, u: string) => ({ group_id: g, user_id: u });
    await Promise.all(
      ["g1", "g2", "g3", "g4"].map((g, i) =>
        commitPage(r, {
          resource: "memberships",
          writes: [{ spec: membershipsTable, rows: [member(g, "u1"), member(g, "u2")] }],
          pages: 1,
          objects: 2,
          checkpoint: { setPath: ["inflight", g], value: i % 2 ? "done" : `next-${g}` },
        }),
      ),
    );
    expect((await resourceRow(r.runId, "memberships")).checkpoint).toEqual({
      inflight: { g1: "next-g1", g2: "done", g3: "next-g3", g4: "done" },
    });
    await commitPage(r, { resource: "memberships", writes: [], checkpoint: { advance: "g2", remove: ["g1", "g2"] } });
    const row = await resourceRow(r.runId, "memberships");
    expect(row.checkpoint).toEqual({ after: "g2", inflight: { g3: "next-g3", g4: "done" } });
    expect(row).toMatchObject({ pages: 4, objects: 8, added: 8 });
  });

  it("appends log events once per uuid", async () => {
    const { newRun } = await setup();
    const r = await newRun();
    const ev = (uuid: string) => ({
      uuid,
      published: "2024-05-01T10:00:00.000Z",
      event_type: "user.session.start",
      severity: "INFO",
      outcome_result: "SUCCESS",
      outcome_reason: null,
      display_message: "User login to Okta",
      actor_id: "u1",
      actor_type: "User",
      actor_alternate_id: "a@b.c",
      actor_display_name: "A",
      target_app_id: null,
      target_app_name: null,
      targets: [],
      client_ip: "10.0.0.1",
      city: "Berlin",
      state: null,
      country: "Germany",
      lat: 52.5,
      lon: 13.4,
      user_agent: "UA",
    });
    const page = (uuids: string[]) =>
      counts(
        commitPage(r, { resource: "log_events", appendOnly: true, writes: [{ spec: logEventsTable, rows: uuids.map(ev) }], pages: 1 }),
      );
    expect(await page(["e1", "e2"])).toEqual({ added: 2, updated: 0, unchanged: 0 });
    expect(await page(["e2", "e3"])).toEqual({ added: 1, updated: 0, unchanged: 1 });
  });
});

describe("sweep", () => {
  it("refuses to delete more than 90% of stored rows and keeps them", async () => {
    const { integration, newRun } = await setup();
    const r1 = await newRun();
    await usersPage(
      r1,
      Array.from({ length: 20 }, (_, i) => user(`u${i}`)),
    );
    await finishRun(r1.runId);
    const r2 = await newRun();
    await usersPage(r2, [user("u0")]);
    expect(await sweep(r2, "users", [usersTable])).toEqual({ deleted: 0, refused: true, wouldDelete: 19, live: 20 });
    const [{ n }] = await sql()`select count(*)::int as n from okta_users where integration_id = ${integration.id} and deleted_at is null`;
    expect(n).toBe(20);
    // Under the guard's threshold the same pass sweeps normally.
    await finishRun(r2.runId);
    const r3 = await newRun();
    await usersPage(
      r3,
      Array.from({ length: 15 }, (_, i) => user(`u${i}`)),
    );
    expect(await sweep(r3, "users", [usersTable])).toEqual({ deleted: 5, refused: false });
  });
});
