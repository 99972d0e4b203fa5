// What each run changed, object by object: written by the batch writer (added, updated with the
// fields that changed, soft-deleted by the sweep or an incremental delete), capped per run and
// resource, and read through GET /api/integrations/{id}/syncs/{runId}/changes (filters, paging,
// workspace isolation, bad input named).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { GET as changesRoute } from "@/app/api/integrations/[id]/syncs/[runId]/changes/route";
import { getDb } from "@/db";
import { userCtx } from "@/lib/context";
import { stopBoss } from "@/lib/jobs/boss";
import { callRoute } from "@/test/call-route";
import { createTenant, createWorkspace } from "@/test/factories";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { connectToEmulator, insertIntegration, insertRunningRun } from "@/test/sync-fixtures";
import { CHANGES_PER_RESOURCE, type RunChangeItem } from "./contracts";
import { deleteRows } from "./incremental/delete-rows";
import { startSync } from "./start-sync";
import { sweep } from "./sweep";
import { membershipsTable, userRow, usersTable } from "./tables";
import { commitPage, type Lease, writeRowsInOwnTransaction } from "./upsert-batch";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: 12, users: 40, groups: 5, apps: 3, logDays: 2 });
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

const sql = () => getDb().$client;

function user(id: string, profile: Record<string, unknown> = {}) {
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
    profile: { login: `${id}@example.com`, email: `${id}@example.com`, firstName: "Ada", lastName: id, ...profile },
  });
}

const page = (lease: Lease, rows: ReturnType<typeof user>[]) =>
  commitPage(lease, { resource: "users", writes: [{ spec: usersTable, rows }], pages: 1, objects: rows.length });

async function logged(runId: string) {
  return (await sql()`select resource, object, change, object_key, fields from sync_run_changes where run_id = ${runId} order by id`).map(
    (r) => ({ ...r }),
  );
}

async function setup() {
  const t = await createTenant();
  const integration = await insertIntegration(t.ws.id);
  const id = integration.id;
  return {
    ...t,
    id,
    newRun: () => insertRunningRun(t.ws.id, id),
    changes: (runId: string, query = "", key: string | null = t.viewerKey) =>
      callRoute(changesRoute, `/api/integrations/${id}/syncs/${runId}/changes${query}`, { key, params: { id, runId } }),
  };
}

describe("the batch writer logs a run's changes", () => {
  it("added, updated with exactly the fields that differ, unchanged not at all, swept as deleted", async () => {
    const s = await setup();
    const r1 = await s.newRun();
    await page(r1, [user("u1"), user("u2", { costCenter: "CC-1" }), user("u3")]);
    expect(await logged(r1.runId)).toEqual(
      ["u1", "u2", "u3"].map((k) => ({ resource: "users", object: "user", change: "added", object_key: k, fields: null })),
    );
    await sql()`update sync_runs set status = 'succeeded', lease_owner = null, finished_at = now() where id = ${r1.runId}`;

    const r2 = await s.newRun();
    // u1: a column and a profile attribute of its own; u2: only an attribute outside the columns;
    // u3: unchanged. The title is mirrored in a column, so it is named once, as the column.
    await page(r2, [user("u1", { title: "CTO", nickName: "Ace" }), user("u2", { costCenter: "CC-2" }), user("u3")]);
    expect(await logged(r2.runId)).toEqual([
      { resource: "users", object: "user", change: "updated", object_key: "u1", fields: ["title", "profile.nickName"] },
      { resource: "users", object: "user", change: "updated", object_key: "u2", fields: ["profile.costCenter"] },
    ]);
    // u3 was not seen by this pass (a page of its own never came): the sweep deletes and logs it.
    await sql()`update okta_users set updated_at = now() - interval '1 hour', seen_run_id = null where integration_id = ${s.id} and id = 'u3'`;
    await sql()`update sync_runs set started_at = now() - interval '1 minute' where id = ${r2.runId}`;
    expect(await sweep(r2, "users", [usersTable], { guard: false })).toEqual({ deleted: 1, refused: false });
    expect((await logged(r2.runId)).slice(2)).toEqual([
      { resource: "users", object: "user", change: "deleted", object_key: "u3", fields: null },
    ]);
  });

  it("incremental deletes are logged under the resource that deleted them, with the pair's key", async () => {
    const s = await setup();
    const r = await s.newRun();
    await commitPage(r, {
      resource: "memberships",
      writes: [
        {
          spec: membershipsTable,
          rows: [
            { group_id: "g1", user_id: "u1" },
            { group_id: "g1", user_id: "u2" },
          ],
        },
      ],
    });
    expect(await deleteRows(r, "memberships", "okta_group_members", "user_id = any($2::text[])", [["u2"]])).toBe(1);
    expect(await logged(r.runId)).toEqual([
      { resource: "memberships", object: "membership", change: "added", object_key: "g1/u1", fields: null },
      { resource: "memberships", object: "membership", change: "added", object_key: "g1/u2", fields: null },
      { resource: "memberships", object: "membership", change: "deleted", object_key: "g1/u2", fields: null },
    ]);
  });

  it("keeps at most CHANGES_PER_RESOURCE per run and resource while the counters stay exact", async () => {
    const s = await setup();
    const r = await s.newRun();
    const rows = Array.from({ length: CHANGES_PER_RESOURCE + 150 }, (_, i) => user(`c${String(i).padStart(5, "0")}`));
    for (let i = 0; i < rows.length; i += 200) await page(r, rows.slice(i, i + 200));
    const [{ n }] = await sql()`select count(*)::int as n from sync_run_changes where run_id = ${r.runId} and resource = 'users'`;
    expect(n).toBe(CHANGES_PER_RESOURCE);
    const [res] = await sql()`select added from sync_run_resources where run_id = ${r.runId} and resource = 'users'`;
    expect(res.added).toBe(CHANGES_PER_RESOURCE + 150);
    // Another resource of the same run has a budget of its own.
    await commitPage(r, { resource: "memberships", writes: [{ spec: membershipsTable, rows: [{ group_id: "g1", user_id: "c00000" }] }] });
    expect((await logged(r.runId)).filter((c) => c.resource === "memberships")).toHaveLength(1);
  });

  it("event-hook writes (no run) log nothing", async () => {
    const ws = await createWorkspace();
    const integration = await insertIntegration(ws.id);
    await writeRowsInOwnTransaction(
      { integrationId: integration.id, workspaceId: ws.id, runId: null },
      { spec: usersTable, rows: [user("h1")] },
    );
    const [{ n }] = await sql()`select count(*)::int as n from sync_run_changes where integration_id = ${integration.id}`;
    expect(n).toBe(0);
  });
});

describe("GET /api/integrations/{id}/syncs/{runId}/changes", () => {
  it("names the people, groups and apps a real sync added and changed, filtered by resource and change", async () => {
    const c = await connectToEmulator(emu);
    expect((await runSync(c.runId)).status).toBe("succeeded");
    const truth = await emu.control<{ users: { id: string; profile: Record<string, string> }[] }>("GET", "/truth");
    const [first, second] = truth.users;
    await emu.control("POST", "/objects", {
      users: [
        { id: first.id, profile: { ...first.profile, title: "Head of Changes" } },
        { profile: { login: "new.hire@example.com", email: "new.hire@example.com", firstName: "New", lastName: "Hire" } },
      ],
    });
    await emu.control("POST", "/objects", { users: [{ id: second.id, status: "DEPROVISIONED" }] });
    // A person the console holds that Okta no longer has: the next full pass deletes it.
    const w = { integrationId: c.integrationId, workspaceId: c.workspaceId, runId: null };
    await writeRowsInOwnTransaction(w, { spec: usersTable, rows: [user("00ughost")] });
    await sql()`update okta_users set updated_at = now() - interval '1 hour' where integration_id = ${c.integrationId} and id = '00ughost'`;
    const { run } = await startSync({ ctx: userCtx(c.actor), input: { integrationId: c.integrationId, trigger: "manual" } });
    expect((await runSync(run.id)).status).toBe("succeeded");

    const key = c.tenant.viewerKey;
    const call = (query: string) =>
      callRoute(changesRoute, `/api/integrations/${c.integrationId}/syncs/${run.id}/changes${query}`, {
        key,
        params: { id: c.integrationId, runId: run.id },
      });
    const res = await call("?resource=users");
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: RunChangeItem[]; nextCursor: string | null };
    const [hire] = await sql()`select id from okta_users where integration_id = ${c.integrationId} and login = 'new.hire@example.com'`;
    const byKey = Object.fromEntries(body.items.map((i) => [i.key, i]));
    expect(byKey[first.id]).toMatchObject({
      change: "updated",
      object: "user",
      fields: ["title"],
      subject: { type: "user", id: first.id },
      target: null,
    });
    expect(byKey[hire.id]).toMatchObject({ change: "added", subject: { type: "user", id: hire.id, name: "New Hire" }, fields: null });
    expect(byKey[second.id]).toMatchObject({ change: "updated", fields: ["status"] });
    expect(byKey["00ughost"]).toMatchObject({ change: "deleted", subject: { type: "user", id: "00ughost", name: "Ada 00ughost" } });
    expect(body.items).toHaveLength(4);
    expect(body.nextCursor).toBeNull();
    // The run's counters and its list agree.
    const [counts] = await sql()`select added, updated, deleted from sync_run_resources where run_id = ${run.id} and resource = 'users'`;
    expect({
      added: body.items.filter((i) => i.change === "added").length,
      updated: body.items.filter((i) => i.change === "updated").length,
      deleted: body.items.filter((i) => i.change === "deleted").length,
    }).toEqual({ added: counts.added, updated: counts.updated, deleted: counts.deleted });

    const added = (await (await call("?resource=users&change=added")).json()) as { items: RunChangeItem[] };
    expect(added.items.map((i) => i.key)).toEqual([hire.id]);
    // The new hire is in no group yet; every membership change of the run names a person and a group.
    const memberships = (await (await call("?resource=memberships")).json()) as { items: RunChangeItem[] };
    for (const m of memberships.items) expect([m.subject.type, m.target?.type]).toEqual(["user", "group"]);
  });

  it("names the admin role assignments a first sync added (the role's label, on a person or a group)", async () => {
    const c = await connectToEmulator(emu);
    expect((await runSync(c.runId)).status).toBe("succeeded");
    const res = await callRoute(changesRoute, `/api/integrations/${c.integrationId}/syncs/${c.runId}/changes?resource=roles`, {
      key: c.tenant.viewerKey,
      params: { id: c.integrationId, runId: c.runId },
    });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { items: RunChangeItem[] };
    const held =
      await sql()`select coalesce(nullif(label, ''), role_type) as name from okta_role_assignments where integration_id = ${c.integrationId}`;
    expect(held.length).toBeGreaterThan(0);
    expect(body.items).toHaveLength(held.length);
    for (const item of body.items) {
      expect(item.change).toBe("added");
      expect(held.map((r) => r.name)).toContain(item.target?.name ?? item.subject.name);
    }
  });

  it("pages in the order written, with a cursor that ends", async () => {
    const s = await setup();
    const r = await s.newRun();
    await page(
      r,
      ["p1", "p2", "p3", "p4", "p5"].map((id) => user(id)),
    );
    const seen: string[] = [];
    let cursor: string | null = null;
    let pages = 0;
    do {
      const res = await s.changes(r.runId, `?limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.status).toBe(200);
      const b = (await res.json()) as { items: RunChangeItem[]; nextCursor: string | null };
      seen.push(...b.items.map((i) => i.key));
      cursor = b.nextCursor;
      pages++;
    } while (cursor);
    expect(seen).toEqual(["p1", "p2", "p3", "p4", "p5"]);
    expect(pages).toBe(3);
    // Names come from the stored copy: "Ada p1".
    const one = (await (await s.changes(r.runId, "?limit=1")).json()) as { items: RunChangeItem[] };
    expect(one.items[0].subject).toEqual({ type: "user", id: "p1", name: "Ada p1" });
  });

  it("answers 404 for another workspace and for a run of another integration; 400 names the bad field", async () => {
    const s = await setup();
    const r = await s.newRun();
    await page(r, [user("x1")]);
    const other = await createTenant();
    expect((await s.changes(r.runId, "", other.viewerKey)).status).toBe(404);
    const sibling = await insertIntegration(s.ws.id);
    const res = await callRoute(changesRoute, `/api/integrations/${sibling.id}/syncs/${r.runId}/changes`, {
      key: s.viewerKey,
      params: { id: sibling.id, runId: r.runId },
    });
    expect(res.status).toBe(404);
    expect((await res.json()).error.message).toMatch(/Sync run/);
    expect((await s.changes(r.runId, "", null)).status).toBe(401);
    for (const [query, field] of [
      ["?change=renamed", "change"],
      ["?resource=log_events", "resource"],
      ["?limit=0", "limit"],
      ["?cursor=not-a-cursor", "cursor"],
      ["?sort=id", "sort"],
    ] as const) {
      const bad = await s.changes(r.runId, query);
      expect({ query, status: bad.status }).toEqual({ query, status: 400 });
      const err = (await bad.json()).error;
      expect(err.code).toBe("VALIDATION");
      expect(err.message).toContain(field);
    }
    const notUuid = await callRoute(changesRoute, `/api/integrations/${s.id}/syncs/nope/changes`, {
      key: s.viewerKey,
      params: { id: s.id, runId: "nope" },
    });
    expect(notUuid.status).toBe(400);
  });
});
