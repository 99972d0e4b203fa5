// A request left `running` by a worker that died is sent to the queue again once nobody holds its
// execution lock (pg-boss would retry its job only when the job expires, up to an hour later). The
// executor resumes it from its target rows and never re-sends a call whose answer it did not record.
import { getDb } from "@/db";
import { enqueueActionExecution } from "@/lib/jobs/enqueue-action-execution";
import { EXECUTE_LOCK } from "./execute-action";

export async function resumeStalledActions(olderThanMs = 120_000): Promise<number> {
  // The transaction-scoped probe of the lock is refused while a worker's session holds it.
  const ids = (await getDb().$client.begin(
    (tx) => tx`
      select id from action_requests
      where status = 'running' and started_at < now() - make_interval(secs => ${olderThanMs / 1000})
        and pg_try_advisory_xact_lock(${EXECUTE_LOCK}, hashtext(id::text))
      limit 100`,
  )) as unknown as { id: string }[];
  for (const r of ids) await enqueueActionExecution(r.id);
  return ids.length;
}
