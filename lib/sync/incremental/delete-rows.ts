// Soft-deletes the live rows of one directory table that a predicate names, under the run's lease,
// and counts them as the resource's deletions. Incremental passes delete only what Okta told us is
// gone (an event, a 404 on a targeted re-read, or a child list re-read in full). What it deletes is
// logged as the run's changes (run-changes.ts).
import type { Resource } from "@/db/schema";
import { deleteAndLogSql } from "../run-changes";
import { type Lease, leasedTransaction } from "../upsert-batch";

const TABLES = new Set([
  "okta_users",
  "okta_groups",
  "okta_group_members",
  "okta_apps",
  "okta_app_users",
  "okta_app_groups",
  "okta_role_assignments",
]);

/** `where` is SQL over the table's columns with parameters from $2 on ($1 is the integration). */
export async function deleteRows(lease: Lease, resource: Resource, table: string, where: string, params: unknown[]): Promise<number> {
  if (!TABLES.has(table)) throw new Error(`deleteRows: unknown table ${table}`);
  return leasedTransaction(lease, `deletion from ${table}`, { asyncCommit: false }, async (tx) => {
    // The run and workspace come after the caller's parameters, so its $2… keep their numbers.
    const n = params.length + 2;
    const [r] = await tx.unsafe(
      deleteAndLogSql(
        table,
        resource,
        // Marked as this run's, so the run itself may revive the row later (upsert-batch.ts leaves
        // alone only what other writers changed after the run started).
        `update "${table}" set deleted_at = now(), seen_run_id = $${n}::uuid where integration_id = $1::uuid and deleted_at is null and (${where}) returning *`,
        { integration: "$1", run: `$${n}`, workspace: `$${n + 1}` },
      ),
      [lease.integrationId, ...params, lease.runId, lease.workspaceId] as never[],
    );
    if (r.n) await tx`update sync_run_resources set deleted = deleted + ${r.n} where run_id = ${lease.runId} and resource = ${resource}`;
    return r.n as number;
  });
}
