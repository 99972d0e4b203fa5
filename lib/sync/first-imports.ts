// The resources a run imported for the first time: no earlier run of the integration synced them
// completely. Their "added" counts are the whole org, so the run page says "first sync: N added"
// rather than implying a list of changes (which is capped, run-changes.ts). Each earlier run is probed on
// its own (run, resource) key, not joined with every resource row of the history.
import { sql } from "drizzle-orm";
import type { Resource } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { findIntegration } from "@/lib/integrations/find-integration";

export async function firstImports({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: { integrationId: string; runId: string };
}): Promise<Resource[]> {
  await findIntegration(ctx.workspaceId, input.integrationId, ctx.db);
  const rows = await ctx.db.execute<{ resource: Resource }>(sql`
    select r.resource from sync_run_resources r join sync_runs me on me.id = r.run_id
    where me.id = ${input.runId} and me.integration_id = ${input.integrationId}
      and not exists (
        select 1 from sync_runs s where s.integration_id = me.integration_id and s.queued_at < me.queued_at
          and exists (select 1 from sync_run_resources e where e.run_id = s.id and e.resource = r.resource and e.status = 'succeeded'))`);
  return rows.map((r) => r.resource);
}
