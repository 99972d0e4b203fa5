// Puts a sync run on the queue. The singleton key is the run id: while a job for the run waits, a
// second enqueue (reaper, retry) is a no-op (queue policy `short`). One active run per integration is
// the database's rule (sync_runs_one_active), so each integration holds at most one worker slot
// whatever its size, and the queue is first come, first served between integrations.
// The one exception to that order: a run someone is waiting for (Sync now, the first import after
// connecting) goes before scheduled runs that queued earlier, so a click is not stuck behind a
// backlog of scheduled full runs. Those triggers are rare (people), so they cannot starve the rest.
import type { RunTrigger } from "@/db/enums";
import { getBoss, QUEUES, wakeWorkers } from "./boss";

/** pg-boss fetches higher priorities first, then oldest first. */
export function syncRunPriority(trigger: RunTrigger): number {
  return trigger === "manual" || trigger === "initial" ? 1 : 0;
}

export async function enqueueSyncRun(run: { id: string; trigger: RunTrigger }) {
  const boss = await getBoss();
  const id = await boss.send(QUEUES.syncRun, { runId: run.id }, { singletonKey: run.id, priority: syncRunPriority(run.trigger) });
  await wakeWorkers(boss, QUEUES.syncRun);
  return id;
}
