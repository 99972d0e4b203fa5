// Recovers runs whose worker died (killed, machine lost): a running run whose heartbeat is older
// than the lease goes back to queued and onto the queue; the next worker resumes it from its
// checkpoints. Queued runs that have waited a while are re-enqueued too, in case the job was lost
// (the enqueue after the run's insert failed). Safe on many workers at once: re-queuing is one
// conditional UPDATE, enqueueing is deduplicated by run id, and claiming is atomic.
import { getDb } from "@/db";
import { getEnv } from "@/lib/env";
import { recordEvent } from "@/lib/integrations/record-event";
import { enqueueSyncRun } from "@/lib/jobs/enqueue-sync-run";
import { log } from "@/lib/log";

export async function reapStaleRuns(): Promise<{ requeued: string[]; reenqueued: number }> {
  const sql = getDb().$client;
  const lease = getEnv().SYNC_LEASE_SECONDS;
  const stale = await sql<{ id: string; workspace_id: string; integration_id: string; heartbeat_at: Date }[]>`
    update sync_runs set status = 'queued', lease_owner = null
    where status = 'running' and (heartbeat_at is null or heartbeat_at < now() - make_interval(secs => ${lease}))
    returning id, workspace_id, integration_id, heartbeat_at`;
  for (const r of stale) {
    await recordEvent({
      workspaceId: r.workspace_id,
      integrationId: r.integration_id,
      runId: r.id,
      level: "warn",
      kind: "sync.worker_lost",
      message: `The worker running this sync stopped responding (no heartbeat for over ${lease} s); the run was re-queued and will resume from its checkpoints`,
    });
  }
  const waiting = await sql<{ id: string }[]>`
    select id from sync_runs where status = 'queued' and (queued_at < now() - interval '20 seconds' or id = any(${stale.map((r) => r.id)}::uuid[]))`;
  for (const r of waiting) await enqueueSyncRun(r.id).catch((error) => log.warn("re-enqueue failed", { runId: r.id, error }));
  return { requeued: stale.map((r) => r.id), reenqueued: waiting.length };
}
