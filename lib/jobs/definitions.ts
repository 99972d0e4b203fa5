// Every background job: a name (its pg-boss queue), a zod payload, a handler. Workers register
// these; nothing else talks to pg-boss queues directly.
import { type ZodType, z } from "zod";
import { getDb } from "@/db";
import { executeAction } from "@/lib/actions/execute-action";
import { expireActions } from "@/lib/actions/expire-actions";
import { requeueQueuedActions } from "@/lib/actions/requeue-queued-actions";
import { resumeStalledActions } from "@/lib/actions/resume-stalled-actions";
import { applyHookEvents } from "@/lib/hooks/apply-hook-events";
import { loadOktaClient } from "@/lib/integrations/load-okta-client";
import { compactCounts } from "@/lib/overview/compact-counts";
import { enqueueDueSyncs } from "@/lib/sync/enqueue-due-syncs";
import { reapStaleRuns } from "@/lib/sync/reap-stale-runs";
import { runSync } from "@/lib/sync/run-sync";
import { QUEUES } from "./boss";
import { enqueueHookApply } from "./enqueue-hook-apply";

export interface JobDefinition<T> {
  name: string;
  payload: ZodType<T>;
  handler: (data: T, ctx: { signal: AbortSignal }) => Promise<unknown>;
  /** pg-boss cron expression, for periodic jobs. */
  cron?: string;
  /** Jobs of this kind one worker process runs at once (from env when omitted). */
  concurrency?: number;
}

const define = <T>(d: JobDefinition<T>) => d;

export const syncRunJob = define({
  name: QUEUES.syncRun,
  payload: z.object({ runId: z.uuid() }),
  handler: ({ runId }, { signal }) => runSync(runId, { signal, loadClient: loadOktaClient }),
});

export const syncTickJob = define({
  name: QUEUES.syncTick,
  payload: z.object({}).loose(),
  cron: "* * * * *",
  concurrency: 1,
  handler: async () => ({
    started: await enqueueDueSyncs(),
    reaped: await reapStaleRuns(),
    hooks: await requeuePendingHookEvents(),
    counts: await compactCounts(),
    actionsExpired: await expireActions(),
    actionsRequeued: await requeueQueuedActions(),
    actionsResumed: await resumeStalledActions(),
  }),
});

export const hookApplyJob = define({
  name: QUEUES.hookApply,
  payload: z.object({ integrationId: z.uuid() }),
  handler: ({ integrationId }) => applyHookEvents(integrationId),
});

export const actionExecuteJob = define({
  name: QUEUES.actionExecute,
  payload: z.object({ requestId: z.uuid() }),
  // Actions are few and each waits on Okta; two at once per worker keeps them from queueing behind a batch.
  concurrency: 2,
  handler: ({ requestId }, { signal }) => executeAction(requestId, { signal }),
});

/** Hook events stored while the queue was unreachable are picked up by the next tick. */
async function requeuePendingHookEvents() {
  const rows = await getDb().$client`
    select distinct integration_id from hook_events where status = 'pending' and received_at < now() - interval '1 minute' limit 100`;
  for (const r of rows) await enqueueHookApply(r.integration_id);
  return rows.length;
}

export const JOBS: JobDefinition<never>[] = [syncRunJob, syncTickJob, hookApplyJob, actionExecuteJob] as unknown as JobDefinition<never>[];
