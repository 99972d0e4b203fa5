// Puts an approved (or policy-free) action request on the queue. The singleton key is the request id:
// while a job for the request waits, a second enqueue is a no-op (queue policy `short`).
import { getBoss, QUEUES, wakeLocalWorkers } from "./boss";

export async function enqueueActionExecution(requestId: string) {
  const boss = await getBoss();
  const id = await boss.send(QUEUES.actionExecute, { requestId }, { singletonKey: requestId });
  wakeLocalWorkers(boss, QUEUES.actionExecute);
  return id;
}
