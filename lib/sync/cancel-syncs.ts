// Cancels an integration's queued and running sync runs (disconnect, or an admin's cancel).
// Database-only so it can join the caller's transaction: a worker still busy with the run notices at
// its next page commit or heartbeat (its lease check requires status 'running') and stops writing; a page
// commit in flight finishes first (the runs are locked for update, see lockedForLeaseChange).
import { and, eq, inArray } from "drizzle-orm";
import { syncRunResources, syncRuns } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { recordEvent } from "@/lib/integrations/record-event";
import { lockedForLeaseChange } from "./lease";

export async function cancelSyncs({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: { integrationId: string; reason: string; runId?: string };
}): Promise<{ cancelled: string[] }> {
  const { db } = ctx;
  const now = new Date();
  const runs = await db
    .update(syncRuns)
    .set({ status: "cancelled", finishedAt: now, leaseOwner: null, error: { message: input.reason } })
    .where(
      lockedForLeaseChange(
        and(
          eq(syncRuns.workspaceId, ctx.workspaceId),
          eq(syncRuns.integrationId, input.integrationId),
          inArray(syncRuns.status, ["queued", "running"]),
          input.runId ? eq(syncRuns.id, input.runId) : undefined,
        ),
      ),
    )
    .returning({ id: syncRuns.id, workspaceId: syncRuns.workspaceId });
  if (runs.length === 0) return { cancelled: [] };
  const ids = runs.map((r) => r.id);
  await db
    .update(syncRunResources)
    .set({ status: "skipped", finishedAt: now, error: { message: input.reason } })
    .where(and(inArray(syncRunResources.runId, ids), inArray(syncRunResources.status, ["pending", "running"])));
  for (const run of runs) {
    await recordEvent(
      {
        workspaceId: run.workspaceId,
        integrationId: input.integrationId,
        runId: run.id,
        level: "warn",
        kind: "sync.cancelled",
        message: `Sync cancelled: ${input.reason}`,
        actorUserId: ctx.actor?.userId ?? null,
      },
      db,
    );
  }
  return { cancelled: ids };
}
