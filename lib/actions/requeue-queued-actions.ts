// Queued requests whose job was never sent (the queue could not be reached when they were requested or
// approved) are sent again by the scheduler tick. A send while the request's job waits is a no-op
// (singleton per request); the executor starts a request only from `queued`, so a second job finds it
// running or done and leaves it.
import { and, eq, lt } from "drizzle-orm";
import { getDb } from "@/db";
import { actionRequests } from "@/db/schema";
import { enqueueActionExecution } from "@/lib/jobs/enqueue-action-execution";

export async function requeueQueuedActions(olderThanMs = 60_000): Promise<number> {
  const rows = await getDb()
    .select({ id: actionRequests.id })
    .from(actionRequests)
    .where(and(eq(actionRequests.status, "queued"), lt(actionRequests.decidedAt, new Date(Date.now() - olderThanMs))))
    .limit(100);
  for (const r of rows) await enqueueActionExecution(r.id);
  return rows.length;
}
