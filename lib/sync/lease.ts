// A run's lease: one worker holds a run at a time. It claims the run, proves it is alive with a
// heartbeat (which also writes the request counters and, when the run wrote something since the last
// beat, progress_at), and ends the run or hands it back to the queue. A worker that dies leaves a
// stale heartbeat; a worker that is alive but stuck (a statement or request that never returns)
// leaves a fresh heartbeat and a stale progress_at. Either way the reaper re-queues the run (or
// another worker claims it), the old worker's next beat finds the lease gone and stops, and the next
// worker resumes every resource from its checkpoint.
import { randomUUID } from "node:crypto";
import { and, eq, inArray, type SQL, sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { Resource, RunStatus } from "@/db/enums";
import { type SyncRun, type SyncRunResource, syncRunResources, syncRuns } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { recordEvent } from "@/lib/integrations/record-event";
import { enqueueSyncRun } from "@/lib/jobs/enqueue-sync-run";
import { log } from "@/lib/log";
import { type Progress, type RunTelemetry, telemetryTotals } from "./run-context";
import type { Lease } from "./upsert-batch";

/** A running run's heartbeat is older than the lease: its worker is gone. */
export const heartbeatStale = (leaseSeconds: number) =>
  sql`(${syncRuns.heartbeatAt} is null or ${syncRuns.heartbeatAt} < now() - make_interval(secs => ${leaseSeconds}))`;
/** A running run has written nothing for the stall limit (its worker may still beat). */
export const progressStale = (stallSeconds: number) =>
  sql`coalesce(${syncRuns.progressAt}, ${syncRuns.startedAt}, ${syncRuns.heartbeatAt}) < now() - make_interval(secs => ${stallSeconds})`;

/**
 * The condition of an update that changes who holds a run, or ends it from outside (claim, take-over,
 * reap, cancel, hand back): the matching runs are locked `for update` first, which waits for the
 * page commits in flight (they hold the run `for key share`, see assertLease) and keeps new ones out
 * until the change commits; their next lease check then fails. The heartbeat does not lock this way,
 * so page commits never wait for it.
 */
export const lockedForLeaseChange = (condition: SQL | undefined) =>
  sql`${syncRuns.id} in (select id from sync_runs where ${condition} for update)`;

/** Claims a queued run, or a running one whose worker stopped heartbeating or stopped getting anywhere. */
export async function claimRun(runId: string): Promise<{ run: SyncRun; lease: Lease } | null> {
  const leaseOwner = randomUUID();
  const env = getEnv();
  const [run] = await getDb()
    .update(syncRuns)
    .set({
      status: "running",
      leaseOwner,
      heartbeatAt: sql`now()`,
      progressAt: sql`now()`,
      startedAt: sql`coalesce(${syncRuns.startedAt}, now())`,
      attempts: sql`${syncRuns.attempts} + 1`,
    })
    .where(
      lockedForLeaseChange(
        and(
          eq(syncRuns.id, runId),
          sql`(${syncRuns.status} = 'queued' or (${syncRuns.status} = 'running' and (${heartbeatStale(env.SYNC_LEASE_SECONDS)} or ${progressStale(env.SYNC_STALL_SECONDS)})))`,
        ),
      ),
    )
    .returning();
  if (!run) return null;
  return { run, lease: { runId, leaseOwner, workspaceId: run.workspaceId, integrationId: run.integrationId } };
}

export interface Heartbeat {
  /** Stops beating (idempotent). */
  stop(): void;
  /** Stops, then writes the final counters. */
  end(): Promise<void>;
}

/**
 * Every fifth of the lease (2 s at most): renews it and writes the counters so far (on top of what earlier
 * attempts counted). A heartbeat that finds the lease gone (cancelled, taken over) calls `onLost`.
 */
export function startHeartbeat(opts: {
  lease: Lease;
  run: SyncRun;
  rows: Map<Resource, SyncRunResource>;
  telemetry: RunTelemetry;
  progress: Progress;
  onLost: () => void;
}): Heartbeat {
  const { lease, run, rows, telemetry, progress } = opts;
  const flush = async (final: boolean) => {
    const moved = progress.take();
    try {
      await write(final, moved);
    } catch (e) {
      if (moved) progress.mark();
      throw e;
    }
  };
  const write = async (final: boolean, moved: boolean) => {
    const t = telemetryTotals(telemetry);
    // Lock order everywhere: the run row, then its resource rows (page commits share-lock the run
    // first too), so heartbeats and page commits cannot deadlock.
    await getDb().transaction(async (tx) => {
      const alive = await tx
        .update(syncRuns)
        .set({
          heartbeatAt: sql`now()`,
          ...(moved ? { progressAt: sql`now()` } : {}),
          requests: run.requests + t.requests,
          rateLimitWaits: run.rateLimitWaits + t.rateLimitWaits,
          retries: run.retries + t.retries,
        })
        .where(and(eq(syncRuns.id, lease.runId), eq(syncRuns.leaseOwner, lease.leaseOwner), eq(syncRuns.status, "running")))
        .returning({ id: syncRuns.id });
      if (!alive.length) {
        if (!final) opts.onLost();
        return;
      }
      for (const [resource, s] of telemetry.perResource) {
        const base = rows.get(resource);
        if (!base) continue;
        await tx
          .update(syncRunResources)
          .set({
            requests: base.requests + s.requests,
            rateLimitWaits: base.rateLimitWaits + s.rateLimitWaits,
            retries: base.retries + s.retries,
          })
          .where(and(eq(syncRunResources.runId, lease.runId), eq(syncRunResources.resource, resource)));
      }
    });
  };
  // At least every fifth of the lease, and every 2 s at most: the page shows a reading run's requests
  // (counted here, not by page commits) while it waits on Okta, not only after the first long beat.
  const everyMs = Math.max(1000, Math.min(2000, Math.floor((getEnv().SYNC_LEASE_SECONDS * 1000) / 5)));
  const timer = setInterval(() => {
    flush(false).catch((error) => log.warn("sync heartbeat failed", { runId: lease.runId, error }));
  }, everyMs);
  return {
    stop: () => clearInterval(timer),
    end: async () => {
      clearInterval(timer);
      await flush(true);
    },
  };
}

/** Ends the run if this worker still holds it; false when it was cancelled or taken over. */
export async function finishRun(lease: Lease, status: RunStatus, error: Record<string, unknown> | null) {
  return getDb().transaction(async (tx) => {
    const done = await tx
      .update(syncRuns)
      .set({ status, finishedAt: new Date(), leaseOwner: null, error })
      .where(and(eq(syncRuns.id, lease.runId), eq(syncRuns.leaseOwner, lease.leaseOwner), eq(syncRuns.status, "running")))
      .returning({ id: syncRuns.id });
    if (!done.length) return false;
    // Resources the run never reached (it failed before them) are closed too.
    await tx
      .update(syncRunResources)
      .set({ status: "skipped", finishedAt: new Date(), error: { code: "run_ended", message: "The run ended before this resource ran" } })
      .where(and(eq(syncRunResources.runId, lease.runId), inArray(syncRunResources.status, ["pending", "running"])));
    return true;
  });
}

/** Releases the lease and re-queues the run so any worker resumes it from its checkpoints now. */
export async function handBackRun(lease: Lease) {
  const released = await getDb()
    .update(syncRuns)
    .set({ status: "queued", leaseOwner: null, heartbeatAt: null })
    .where(
      lockedForLeaseChange(and(eq(syncRuns.id, lease.runId), eq(syncRuns.leaseOwner, lease.leaseOwner), eq(syncRuns.status, "running"))),
    )
    .returning({ id: syncRuns.id, trigger: syncRuns.trigger });
  if (!released.length) return;
  await recordEvent({
    workspaceId: lease.workspaceId,
    integrationId: lease.integrationId,
    runId: lease.runId,
    kind: "sync.handed_back",
    message: "The worker stopped; the run went back to the queue and will resume from its checkpoints",
  });
  await enqueueSyncRun(released[0]);
}
