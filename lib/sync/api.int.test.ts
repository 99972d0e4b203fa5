// The sync API through its route handlers: one run for twenty concurrent "Sync now", roles,
// workspace isolation, live progress, cursor pagination and event filters.
import { afterAll, describe, expect, it } from "vitest";
import { GET as getEvents } from "@/app/api/integrations/[id]/events/route";
import { GET as getRunRoute } from "@/app/api/integrations/[id]/syncs/[runId]/route";
import { GET as listRunsRoute, POST as startRoute } from "@/app/api/integrations/[id]/syncs/route";
import { getDb } from "@/db";
import { recordEvent } from "@/lib/integrations/record-event";
import { stopBoss } from "@/lib/jobs/boss";
import { callRoute } from "@/test/call-route";
import { createTenant } from "@/test/factories";
import { finishRun, insertIntegration } from "@/test/sync-fixtures";

afterAll(() => stopBoss());

async function setup() {
  const t = await createTenant();
  const integration = await insertIntegration(t.ws.id);
  const id = integration.id;
  return {
    ...t,
    id,
    start: (key = t.adminKey, body?: unknown) =>
      callRoute(startRoute, `/api/integrations/${id}/syncs`, { key, method: "POST", body, params: { id } }),
    list: (query = "", key = t.viewerKey) => callRoute(listRunsRoute, `/api/integrations/${id}/syncs${query}`, { key, params: { id } }),
    get: (runId: string, key = t.viewerKey) =>
      callRoute(getRunRoute, `/api/integrations/${id}/syncs/${runId}`, { key, params: { id, runId } }),
    events: (query = "", key = t.viewerKey) => callRoute(getEvents, `/api/integrations/${id}/events${query}`, { key, params: { id } }),
  };
}

describe("POST /api/integrations/{id}/syncs", () => {
  it("twenty concurrent Sync now requests make one run", async () => {
    const s = await setup();
    const responses = await Promise.all(Array.from({ length: 20 }, () => s.start()));
    const bodies = await Promise.all(responses.map((r) => r.json()));
    expect(responses.filter((r) => r.status === 202)).toHaveLength(1);
    expect(responses.filter((r) => r.status === 200)).toHaveLength(19);
    expect(new Set(bodies.map((b) => b.run.id)).size).toBe(1);
    expect(bodies.filter((b) => b.created)).toHaveLength(1);
    const runs = await getDb().$client`select status, trigger from sync_runs where integration_id = ${s.id}`;
    expect(runs).toEqual([{ status: "queued", trigger: "manual" }]);
    expect(bodies[0].run.resources).toHaveLength(8);
    expect(bodies[0].run.resources.every((r: { status: string }) => r.status === "pending")).toBe(true);
  });

  it("lets admins start, not viewers; hides other workspaces; names bad fields", async () => {
    const s = await setup();
    const denied = await s.start(s.viewerKey);
    expect(denied.status).toBe(403);
    const other = await createTenant();
    const hidden = await s.start(other.adminKey);
    expect(hidden.status).toBe(404);
    expect((await s.list("", other.viewerKey)).status).toBe(404);
    const bad = await s.start(s.adminKey, { mode: "partial" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/mode/);
    const extra = await s.start(s.adminKey, { force: true });
    expect(extra.status).toBe(400);
    const notUuid = await callRoute(startRoute, "/api/integrations/nope/syncs", {
      key: s.adminKey,
      method: "POST",
      params: { id: "nope" },
    });
    expect(notUuid.status).toBe(400);
    expect((await notUuid.json()).error.message).toMatch(/id/);
  });

  it("refuses a disconnected integration", async () => {
    const s = await setup();
    await getDb().$client`update integrations set state = 'disconnected' where id = ${s.id}`;
    const res = await s.start();
    expect(res.status).toBe(409);
  });
});

describe("GET runs and events", () => {
  it("lists runs newest first with cursors, and gives a run's live progress", async () => {
    const s = await setup();
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const body = await (await s.start()).json();
      ids.push(body.run.id);
      await finishRun(body.run.id);
    }
    await getDb()
      .$client`update sync_run_resources set status = 'running', objects = 50, pages = 1, expected_total = 200, added = 50 where run_id = ${ids[2]} and resource = 'memberships'`;
    const page1 = await (await s.list("?limit=2")).json();
    expect(page1.items.map((r: { id: string }) => r.id)).toEqual([ids[2], ids[1]]);
    expect(page1.items[0].totals).toMatchObject({ objects: 50, added: 50, pages: 1 });
    expect(page1.nextCursor).toEqual(expect.any(String));
    const page2 = await (await s.list(`?limit=2&cursor=${page1.nextCursor}`)).json();
    expect(page2).toEqual({ items: [expect.objectContaining({ id: ids[0] })], nextCursor: null });

    const detail = await (await s.get(ids[2])).json();
    expect(detail.status).toBe("succeeded");
    const members = detail.resources.find((r: { resource: string }) => r.resource === "memberships");
    expect(members).toMatchObject({ status: "running", objects: 50, expectedTotal: 200, progress: 0.25 });
    expect(detail).not.toHaveProperty("leaseOwner");
    expect(members).not.toHaveProperty("checkpoint");

    expect((await s.list("?cursor=garbage")).status).toBe(400);
    expect((await (await s.list("?cursor=garbage")).json()).error.message).toMatch(/cursor/);
    expect((await s.list("?limit=0")).status).toBe(400);
    expect((await s.get("00000000-0000-4000-8000-000000000000")).status).toBe(404);
  });

  it("pages through the event log filtered by level and kind", async () => {
    const s = await setup();
    const base = { workspaceId: s.ws.id, integrationId: s.id };
    for (let i = 0; i < 5; i++) await recordEvent({ ...base, kind: "sync.retries", message: `retry ${i}` });
    await recordEvent({ ...base, level: "warn", kind: "sync.scope_missing", message: "scope", details: { scope: "okta.groups.read" } });
    await recordEvent({ ...base, level: "error", kind: "sync.failed", message: "failed" });
    const warn = await (await s.events("?level=warn")).json();
    expect(warn.items.map((e: { kind: string }) => e.kind)).toEqual(["sync.scope_missing"]);
    expect(warn.items[0].details).toEqual({ scope: "okta.groups.read" });
    const first = await (await s.events("?kind=sync.retries&limit=3")).json();
    expect(first.items.map((e: { message: string }) => e.message)).toEqual(["retry 4", "retry 3", "retry 2"]);
    const rest = await (await s.events(`?kind=sync.retries&limit=3&cursor=${first.nextCursor}`)).json();
    expect(rest).toMatchObject({ items: [{ message: "retry 1" }, { message: "retry 0" }], nextCursor: null });
    const bad = await s.events("?level=fatal");
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/level/);
    expect((await s.events("?kind=DROP TABLE")).status).toBe(400);
  });
});
