// Puts a sync run on the queue. The singleton key is the run id: while a job for the run waits, a
// second enqueue (reaper, retry) is a no-op (queue policy `short`).
import { getBoss, QUEUES, wakeLocalWorkers } from "./boss";

export async function enqueueSyncRun(runId: string) {
  const boss = await getBoss();
  const id = await boss.send(QUEUES.syncRun, { runId }, { singletonKey: runId });
  wakeLocalWorkers(boss, QUEUES.syncRun);
  return id;
}
