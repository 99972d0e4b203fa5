// Recovers runs whose worker died (killed, machine lost): a running run whose heartbeat is older
// than the lease goes back to queued and onto the queue; the next worker resumes it from its
// checkpoints. So does a run whose worker still beats but has written nothing for SYNC_STALL_SECONDS
// (stuck on a lock or a request that never returns): its worker's next beat finds the lease gone. Queued runs that have waited a while are re-enqueued too, in case the job was lost
// (the enqueue after the run's insert failed). Safe on many workers at once: re-queuing is one
// conditional UPDATE, enqueueing is deduplicated by run id, and claiming is atomic.
import { sql as drizzleSql } from "drizzle-orm";
import { getDb } from "@/db";
import type { RunTrigger } from "@/db/enums";
import { syncRuns } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { recordEvent } from "@/lib/integrations/record-event";
import { enqueueSyncRun } from "@/lib/jobs/enqueue-sync-run";
import { log } from "@/lib/log";
import { heartbeatStale, lockedForLeaseChange, progressStale } from "./lease";

export async function reapStaleRuns(): Promise<{ requeued: string[]; reenqueued: number }> {
  const sql = getDb().$client;
  const { SYNC_LEASE_SECONDS: lease, SYNC_STALL_SECONDS: stall } = getEnv();
  const stale = await getDb()
    .update(syncRuns)
    .set({ status: "queued", leaseOwner: null })
    .where(lockedForLeaseChange(drizzleSql`${syncRuns.status} = 'running' and (${heartbeatStale(lease)} or ${progressStale(stall)})`))
    .returning({
      id: syncRuns.id,
      workspaceId: syncRuns.workspaceId,
      integrationId: syncRuns.integrationId,
      // This update leaves heartbeat_at as it was: a fresh one means the worker was alive, only stuck.
      stalled: drizzleSql<boolean>`not ${heartbeatStale(lease)}`,
    });
  for (const r of stale) {
    await recordEvent({
      workspaceId: r.workspaceId,
      integrationId: r.integrationId,
      runId: r.id,
      level: "warn",
      kind: r.stalled ? "sync.stalled" : "sync.worker_lost",
      message: r.stalled
        ? `This sync wrote nothing for over ${stall} s although its worker was still alive (stuck on a lock or a request that never returned); the run was re-queued and will resume from its checkpoints`
        : `The worker running this sync stopped responding (no heartbeat for over ${lease} s); the run was re-queued and will resume from its checkpoints`,
    });
  }
  const waiting = await sql<{ id: string; trigger: RunTrigger }[]>`
    select id, trigger from sync_runs where status = 'queued' and (queued_at < now() - interval '20 seconds' or id = any(${stale.map((r) => r.id)}::uuid[]))`;
  for (const r of waiting) await enqueueSyncRun(r).catch((error) => log.warn("re-enqueue failed", { runId: r.id, error }));
  return { requeued: stale.map((r) => r.id), reenqueued: waiting.length };
}
