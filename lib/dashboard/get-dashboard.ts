// Everything the home dashboard shows, in one call: integration statuses (lib/integrations), totals,
// workspace-wide hygiene counts (lib/overview/count-hygiene.ts) and the newest changes the syncs
// recorded, newest first (one index probe per integration).
import { sql } from "drizzle-orm";
import type { SyncRunChange } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { listIntegrationStatus } from "@/lib/integrations/list-integration-status";
import { countHygiene } from "@/lib/overview/count-hygiene";
import { describeChanges } from "@/lib/sync/list-run-changes";
import { type Dashboard, dashboardSchema, LATEST_CHANGES } from "./contracts";

export async function getDashboard({ ctx, input = {} }: { ctx: WorkspaceCtx; input?: { now?: Date } }): Promise<Dashboard> {
  const now = input.now ?? new Date();
  const [{ items }, rows] = await Promise.all([
    listIntegrationStatus({ ctx, input: { now } }),
    ctx.db.execute<Record<string, unknown>>(sql`
      select c.id, c.run_id, c.workspace_id, c.integration_id, c.resource, c.object, c.change, c.object_key, c.fields, c.at
      from integrations i cross join lateral (
        select * from sync_run_changes c where c.integration_id = i.id order by c.id desc limit ${LATEST_CHANGES}
      ) c
      where i.workspace_id = ${ctx.workspaceId}
      order by c.id desc limit ${LATEST_CHANGES}`),
  ]);
  const changes: SyncRunChange[] = rows.map((r) => ({
    id: Number(r.id),
    runId: r.run_id as string,
    workspaceId: r.workspace_id as string,
    integrationId: r.integration_id as string,
    resource: r.resource as SyncRunChange["resource"],
    object: r.object as SyncRunChange["object"],
    change: r.change as SyncRunChange["change"],
    objectKey: r.object_key as string,
    fields: (r.fields as string[] | null) ?? null,
    at: new Date(r.at as string),
  }));
  const described = await describeChanges(ctx.db, changes);
  const sum = (k: "users" | "groups" | "apps") => items.reduce((n, i) => n + i.counts[k], 0);
  const anyData = items.some((i) => i.hasData);
  return dashboardSchema.parse({
    integrations: items,
    totals: { people: sum("users"), groups: sum("groups"), apps: sum("apps") },
    hygiene: anyData ? await countHygiene({ ctx, input: { now } }) : null,
    latestChanges: described.map((c, i) => ({ ...c, integrationId: changes[i].integrationId, runId: changes[i].runId })),
    generatedAt: now,
  });
}
