// Server side of the sync scope: the integration's stored scope, the ids of what a run keeps (read
// back from the tables an earlier step of the same run has just written and swept), and the pruning
// of rows whose user or group left the scope between full passes.
import { getDb } from "@/db";
import type { Integration, Resource } from "@/db/schema";
import { deleteRows } from "./incremental/delete-rows";
import type { ResourceContext } from "./run-context";
import { normalizeScope, restrictsGroups, restrictsUsers, type SyncScope } from "./scope-contract";
import type { Lease } from "./upsert-batch";

export function scopeOf(integration: Pick<Integration, "syncScope">): SyncScope | null {
  return normalizeScope(integration.syncScope);
}

/** Live ids of a directory table of the integration. */
export async function liveIds(table: "okta_users" | "okta_groups" | "okta_apps", integrationId: string): Promise<Set<string>> {
  const rows = await getDb().$client.unsafe(`select id from "${table}" where integration_id = $1::uuid and deleted_at is null`, [
    integrationId,
  ]);
  return new Set(rows.map((r) => r.id as string));
}

/** What a child resource keeps: in-scope users and groups (null = no restriction). */
export async function scopeFilter(ctx: Pick<ResourceContext, "scope" | "lease">) {
  const id = ctx.lease.integrationId;
  return {
    users: restrictsUsers(ctx.scope) ? await liveIds("okta_users", id) : null,
    groups: restrictsGroups(ctx.scope) ? await liveIds("okta_groups", id) : null,
  };
}

const userGone = "not exists (select 1 from okta_users u where u.integration_id = $1::uuid and u.id = t_user and u.deleted_at is null)";
const groupGone = "not exists (select 1 from okta_groups g where g.integration_id = $1::uuid and g.id = t_group and g.deleted_at is null)";

/**
 * Incremental passes: soft-deletes the rows of `table` that point at a user (or group) no longer in
 * the stored, scoped directory (they left the scope since the last pass). Only for scoped integrations.
 */
export async function pruneOutOfScope(
  lease: Lease,
  scope: SyncScope | null,
  resource: Resource,
  table: string,
  cols: { user?: string; group?: string },
) {
  let n = 0;
  if (cols.user && restrictsUsers(scope))
    n += await deleteRows(lease, resource, table, userGone.replace("t_user", `"${table}".${cols.user}`), []);
  if (cols.group && restrictsGroups(scope))
    n += await deleteRows(lease, resource, table, groupGone.replace("t_group", `"${table}".${cols.group}`), []);
  return n;
}
