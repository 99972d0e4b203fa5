// Puts an approved (or policy-free) action request on the queue. The singleton key is the request id:
// while a job for the request waits, a second enqueue is a no-op (queue policy `short`).
import { log } from "@/lib/log";
import { getBoss, QUEUES, wakeWorkers } from "./boss";

export async function enqueueActionExecution(requestId: string) {
  const boss = await getBoss();
  const id = await boss.send(QUEUES.actionExecute, { requestId }, { singletonKey: requestId });
  await wakeWorkers(boss, QUEUES.actionExecute);
  return id;
}

/**
 * The send after a request became queued (its transaction committed): a queue that cannot be reached
 * does not fail the request, which stays queued and is sent again by the scheduler tick
 * (lib/actions/requeue-queued-actions.ts).
 */
export async function sendActionExecution(requestId: string) {
  try {
    await enqueueActionExecution(requestId);
  } catch (error) {
    log.warn("action request not enqueued; the scheduler tick will send it", { requestId, error });
  }
}
