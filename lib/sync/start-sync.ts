// Starts a sync run, or returns the one already queued or running: the database allows one active
// run per integration (partial unique index sync_runs_one_active), so twenty concurrent "Sync now"
// clicks insert one row and nineteen unique violations that resolve to it.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { integrations, RESOURCES, type RunMode, type RunTrigger, type SyncRun, syncRunResources, syncRuns } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { findIntegration } from "@/lib/integrations/find-integration";
import { recordEvent } from "@/lib/integrations/record-event";
import { enqueueSyncRun } from "@/lib/jobs/enqueue-sync-run";
import { log } from "@/lib/log";

export interface StartSyncInput {
  integrationId: string;
  trigger: RunTrigger;
  mode?: RunMode;
}

const isUniqueViolation = (e: unknown) =>
  (e as { cause?: { code?: string } })?.cause?.code === "23505" || (e as { code?: string })?.code === "23505";

async function activeRun(db: DbOrTx, integrationId: string) {
  const [run] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.integrationId, integrationId), inArray(syncRuns.status, ["queued", "running"])))
    .limit(1);
  return run;
}

/** Who started it is ctx.actor (null for the scheduler and other system callers). */
export async function startSync({ ctx, input }: { ctx: WorkspaceCtx; input: StartSyncInput }): Promise<{ run: SyncRun; created: boolean }> {
  const integration = await findIntegration(ctx.workspaceId, input.integrationId, ctx.db);
  const actorUserId = ctx.actor?.userId ?? null;
  if (integration.state !== "connected") throw new AppError("CONFLICT", "This integration is disconnected; reconnect it to sync");
  const mode = input.mode ?? "full";

  for (let attempt = 0; attempt < 3; attempt++) {
    const existing = await activeRun(ctx.db, input.integrationId);
    if (existing) return { run: existing, created: false };
    try {
      const run = await ctx.db.transaction(async (tx) => {
        const [created] = await tx
          .insert(syncRuns)
          .values({
            workspaceId: integration.workspaceId,
            integrationId: integration.id,
            trigger: input.trigger,
            mode,
            triggeredById: actorUserId,
          })
          .returning();
        await tx.insert(syncRunResources).values(RESOURCES.map((resource) => ({ runId: created.id, resource })));
        // Both schedules count from the latest start: a full run also brings the copy up to date,
        // so it moves the next incremental run too; an incremental run leaves the full one alone.
        await tx
          .update(integrations)
          .set({
            ...(mode === "full" ? { nextSyncAt: sql`now() + make_interval(mins => ${integrations.fullSyncIntervalMinutes})` } : {}),
            nextIncrementalSyncAt: sql`case when ${integrations.incrementalSyncIntervalMinutes} > 0 then now() + make_interval(mins => ${integrations.incrementalSyncIntervalMinutes}) end`,
          })
          .where(eq(integrations.id, integration.id));
        await recordEvent(
          {
            workspaceId: integration.workspaceId,
            integrationId: integration.id,
            runId: created.id,
            kind: "sync.queued",
            message: `Sync queued (${input.trigger}${mode === "incremental" ? ", incremental" : ""})`,
            details: { trigger: input.trigger, mode },
            actorUserId,
          },
          tx,
        );
        return created;
      });
      // Outside the transaction: if this fails the reaper re-enqueues queued runs, so the run is not lost.
      await enqueueSyncRun(run).catch((error) => log.warn("could not enqueue sync run; the reaper will retry", { runId: run.id, error }));
      return { run, created: true };
    } catch (e) {
      if (!isUniqueViolation(e)) throw e;
      // Someone else's run won the race; loop to return it (or retry if it already finished).
    }
  }
  const run = await activeRun(ctx.db, input.integrationId);
  if (run) return { run, created: false };
  throw new AppError("CONFLICT", "Could not start a sync; try again");
}
