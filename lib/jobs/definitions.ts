// Every background job: a name (its pg-boss queue), a zod payload, a handler. Workers register
// these; nothing else talks to pg-boss queues directly.
import { z, type ZodType } from "zod";
import { enqueueDueSyncs } from "@/lib/sync/enqueue-due-syncs";
import { reapStaleRuns } from "@/lib/sync/reap-stale-runs";
import { runSync } from "@/lib/sync/run-sync";
import { QUEUES } from "./boss";

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
  handler: ({ runId }, { signal }) => runSync(runId, { signal }),
});

export const syncTickJob = define({
  name: QUEUES.syncTick,
  payload: z.object({}).loose(),
  cron: "* * * * *",
  concurrency: 1,
  handler: async () => ({ started: await enqueueDueSyncs(), reaped: await reapStaleRuns() }),
});

export const JOBS: JobDefinition<never>[] = [syncRunJob, syncTickJob] as unknown as JobDefinition<never>[];
