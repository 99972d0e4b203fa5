// The commit a resource syncer gets (makeCommit): pages handed in while a commit of the same resource
// is in flight are merged into the next one, without losing a row, a counter or a checkpoint entry.
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { createWorkspace } from "@/test/factories";
import { insertIntegration, insertRunningRun } from "@/test/sync-fixtures";
import { DataIssues } from "./data-issues";
import { makeCommit, Progress } from "./run-context";
import { appUsersTable, membershipsTable } from "./tables";

const sql = () => getDb().$client;

async function runningLease() {
  const ws = await createWorkspace();
  const integration = await insertIntegration(ws.id);
  return insertRunningRun(ws.id, integration.id);
}

const noted: string[] = [];
const issues = () => new DataIssues(async (_level, kind) => void noted.push(kind), "test");

describe("makeCommit", () => {
  it("merges the pages of parallel parents into fewer transactions, keeping every row, counter and checkpoint entry", async () => {
    const lease = await runningLease();
    const progress = new Progress();
    const commit = makeCommit(lease, "memberships", progress, issues());
    const groups = ["g1", "g2", "g3", "g4", "g5", "g6"];
    await Promise.all(
      groups.map((g, i) =>
        commit({
          writes: [{ spec: membershipsTable, rows: [1, 2, 3].map((u) => ({ group_id: g, user_id: `u${i * 3 + u}` })) }],
          pages: 1,
          objects: 3,
          checkpoint: { setPath: ["inflight", g], value: i % 2 ? "done" : `next-${g}` },
        }),
      ),
    );
    expect(progress.take()).toBe(true);
    const rows =
      await sql()`select group_id, user_id, xmin::text as tx from okta_group_members where integration_id = ${lease.integrationId}`;
    expect(rows).toHaveLength(18);
    // The first page commits alone; the five handed in while it was in flight go together.
    expect(new Set(rows.map((r) => r.tx)).size).toBe(2);
    const [res] =
      await sql()`select pages, objects, added, checkpoint from sync_run_resources where run_id = ${lease.runId} and resource = 'memberships'`;
    expect(res).toEqual({
      pages: 6,
      objects: 18,
      added: 18,
      checkpoint: { inflight: { g1: "next-g1", g2: "done", g3: "next-g3", g4: "done", g5: "next-g5", g6: "done" } },
    });

    // The watermark is never merged: it commits after the pages handed in before it, in order.
    const after = Promise.all([
      commit({ writes: [], checkpoint: { setPath: ["inflight", "g7"], value: "next-g7" } }),
      commit({ writes: [], checkpoint: { advance: "g6", remove: groups } }),
      commit({ writes: [], checkpoint: { setPath: ["inflight", "g8"], value: "done" } }),
    ]);
    await after;
    const [cp] = await sql()`select checkpoint from sync_run_resources where run_id = ${lease.runId} and resource = 'memberships'`;
    expect(cp.checkpoint).toEqual({ after: "g6", inflight: { g7: "next-g7", g8: "done" } });
  });

  it("sets nested entries of several parents at once (assignments per app and list), the later page of a parent winning", async () => {
    const lease = await runningLease();
    const commit = makeCommit(lease, "app_assignments", new Progress(), issues());
    const assignment = (app: string, user: string) => ({ app_id: app, user_id: user, status: "ACTIVE" });
    await Promise.all([
      commit({
        writes: [{ spec: appUsersTable, rows: [assignment("a1", "u1")] }],
        pages: 1,
        objects: 1,
        checkpoint: { setPath: ["inflight", "a1", "users"], value: "p2" },
      }),
      commit({
        writes: [{ spec: appUsersTable, rows: [assignment("a1", "u2")] }],
        pages: 1,
        objects: 1,
        checkpoint: { setPath: ["inflight", "a1", "users"], value: "p3" },
      }),
      commit({
        writes: [{ spec: appUsersTable, rows: [assignment("a2", "u1")] }],
        pages: 1,
        objects: 1,
        checkpoint: { setPath: ["inflight", "a2", "users"], value: "done" },
      }),
      commit({ writes: [], checkpoint: { setPath: ["inflight", "a1", "groups"], value: "done" } }),
      commit({
        writes: [{ spec: appUsersTable, rows: [assignment("a1", "u2")] }],
        pages: 1,
        objects: 1,
        checkpoint: { setPath: ["inflight", "a1", "users"], value: "done" },
      }),
    ]);
    const [res] =
      await sql()`select pages, objects, added, unchanged, checkpoint from sync_run_resources where run_id = ${lease.runId} and resource = 'app_assignments'`;
    expect(res.checkpoint).toEqual({ inflight: { a1: { users: "done", groups: "done" }, a2: { users: "done" } } });
    expect(res).toMatchObject({ pages: 4, objects: 4 });
    const [{ n }] = await sql()`select count(*)::int as n from okta_app_users where integration_id = ${lease.integrationId}`;
    expect(n).toBe(3);
  });

  it("a failed merged commit fails every page in it", async () => {
    const lease = await runningLease();
    const commit = makeCommit(lease, "memberships", new Progress(), issues());
    await sql()`update sync_runs set status = 'cancelled', lease_owner = null where id = ${lease.runId}`;
    const results = await Promise.allSettled(
      ["g1", "g2", "g3"].map((g) => commit({ writes: [{ spec: membershipsTable, rows: [{ group_id: g, user_id: "u1" }] }], pages: 1 })),
    );
    expect(results.map((r) => r.status)).toEqual(["rejected", "rejected", "rejected"]);
    expect(results.map((r) => (r as PromiseRejectedResult).reason.name)).toEqual(["LeaseLostError", "LeaseLostError", "LeaseLostError"]);
  });
});
