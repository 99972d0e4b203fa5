// Queues the application of an integration's stored hook events. Queue policy `stately` with the
// integration as singleton key: one job applies at a time, and a burst of deliveries adds at most one
// more waiting behind it.
import { getBoss, QUEUES } from "./boss";

export async function enqueueHookApply(integrationId: string) {
  const boss = await getBoss();
  return boss.send(QUEUES.hookApply, { integrationId }, { singletonKey: integrationId });
}
