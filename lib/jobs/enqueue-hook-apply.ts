// Queues the application of an integration's stored hook events. Queue policy `stately` with the
// integration as singleton key: one job applies at a time, and a burst of deliveries adds at most one
// more waiting behind it. The delivery arrives in a web process: the workers, wherever they run, are
// woken at once (boss.ts wakeWorkers), so a pushed change does not wait for their next poll.
import { getBoss, QUEUES, wakeWorkers } from "./boss";

export async function enqueueHookApply(integrationId: string) {
  const boss = await getBoss();
  const id = await boss.send(QUEUES.hookApply, { integrationId }, { singletonKey: integrationId });
  // null: a job already waits (it will see these events too), nobody to wake.
  if (id) await wakeWorkers(boss, QUEUES.hookApply);
  return id;
}
