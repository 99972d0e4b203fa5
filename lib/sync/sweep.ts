// Mark-and-sweep after a complete pass: rows this run did not see are soft-deleted (deleted_at), and
// revived by the upsert if they reappear. Only called after a resource's pass completed; a failed or
// partial pass never sweeps. The guard refuses a sweep that would delete nearly everything: a broken
// scope, a role-less token answering `200 []`, or an Okta incident must not wipe the directory.
// Only rows last written before the run started are candidates: a row an event hook wrote while the
// run was listing (a user created mid-run, after the listing passed them) is newer than anything the
// listing could have missed, and the next full pass judges it.

import type { Resource } from "@/db/schema";
import { deleteAndLogSql } from "./run-changes";
import type { TableSpec } from "./tables";
import { type Lease, leasedTransaction } from "./upsert-batch";

/** Refuse when more than this share of the stored live rows would go... */
export const SWEEP_GUARD_SHARE = 0.9;
/** ...and at least this many: deleting 3 of 3 IdPs is plausible, 9,000 of 10,000 users is not. */
export const SWEEP_GUARD_MIN_ROWS = 10;

export type SweepResult = { deleted: number; refused: false } | { deleted: 0; refused: true; wouldDelete: number; live: number };

/**
 * Not seen by this run ($2) and last written before it started (updated_at, or first_seen_at for the
 * tables without a content hash, whose rows are written only when new or revived: upsert-batch.ts).
 * The start time is read in SQL, to the microsecond, not through a JS Date.
 */
const stale = (spec: TableSpec) =>
  `seen_run_id is distinct from $2::uuid and ${spec.hashed ? "updated_at" : "first_seen_at"} < (select started_at from sync_runs where id = $2::uuid)`;

/** `guard: false` when the sync scope changed since the last sweep: the narrowing is deliberate. */
export async function sweep(
  lease: Lease,
  resource: Resource,
  specs: TableSpec[],
  opts: { guard: boolean } = { guard: true },
): Promise<SweepResult> {
  return leasedTransaction(lease, `sweep of ${resource}`, { asyncCommit: false }, async (tx): Promise<SweepResult> => {
    let wouldDelete = 0;
    let live = 0;
    for (const spec of specs) {
      const [c] = await tx.unsafe(
        `select count(*)::int as live, count(*) filter (where ${stale(spec)})::int as stale
         from "${spec.table}" where integration_id = $1::uuid and deleted_at is null`,
        [lease.integrationId, lease.runId],
      );
      wouldDelete += c.stale;
      live += c.live;
    }
    if (opts.guard && wouldDelete >= SWEEP_GUARD_MIN_ROWS && wouldDelete > SWEEP_GUARD_SHARE * live) {
      return { deleted: 0 as const, refused: true as const, wouldDelete, live };
    }
    let deleted = 0;
    for (const spec of specs) {
      const [r] = await tx.unsafe(
        deleteAndLogSql(
          spec.table,
          resource,
          `update "${spec.table}" set deleted_at = now() where integration_id = $1::uuid and deleted_at is null and ${stale(spec)} returning *`,
          { integration: "$1", run: "$2", workspace: "$3" },
        ),
        [lease.integrationId, lease.runId, lease.workspaceId],
      );
      deleted += r.n;
    }
    await tx`update sync_run_resources set deleted = deleted + ${deleted} where run_id = ${lease.runId} and resource = ${resource}`;
    return { deleted, refused: false as const };
  });
}
