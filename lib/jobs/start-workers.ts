// Starts this process's job workers: SYNC_WORKER_CONCURRENCY sync runs at once, the scheduler tick,
// and a local reaper every few seconds (the tick's minute is too slow to notice a dead worker).
// Stopping hands running syncs back (lease released, run re-queued) so another worker resumes them
// at once instead of after the lease expires.
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { reapStaleRuns } from "@/lib/sync/reap-stale-runs";
import { getBoss } from "./boss";
import { JOBS } from "./definitions";

export interface Workers {
  stop(): Promise<void>;
}

export async function startWorkers(opts: { concurrency?: number; reapIntervalMs?: number } = {}): Promise<Workers> {
  const env = getEnv();
  surviveLostJobCompletions();
  const boss = await getBoss();
  const shutdown = new AbortController();
  const active = new Set<Promise<unknown>>();

  for (const job of JOBS) {
    const n = job.concurrency ?? opts.concurrency ?? env.SYNC_WORKER_CONCURRENCY;
    for (let i = 0; i < n; i++) {
      await boss.work(job.name, { batchSize: 1, pollingIntervalSeconds: 1 }, async (jobs) => {
        for (const j of jobs) {
          const parsed = job.payload.safeParse(j.data);
          if (!parsed.success) {
            log.error("job payload rejected", { job: job.name, id: j.id, issues: parsed.error.issues.map((x) => x.message) });
            continue;
          }
          const p = job.handler(parsed.data, { signal: shutdown.signal });
          active.add(p);
          try {
            await p;
          } finally {
            active.delete(p);
          }
        }
      });
    }
    if (job.cron) await boss.schedule(job.name, job.cron, {});
  }

  const reap = () => reapStaleRuns().catch((error) => log.warn("reaper failed", { error }));
  void reap();
  const timer = setInterval(reap, opts.reapIntervalMs ?? Math.max(2000, (env.SYNC_LEASE_SECONDS * 1000) / 3));
  log.info("job workers started", { syncConcurrency: opts.concurrency ?? env.SYNC_WORKER_CONCURRENCY });

  return {
    async stop() {
      clearInterval(timer);
      shutdown.abort();
      for (const job of JOBS) await boss.offWork(job.name).catch(() => {});
      await Promise.allSettled([...active]);
    },
  };
}

let surviving = false;
/**
 * pg-boss 10 records a job's completion without awaiting it (`this.complete(...)` / `this.fail(...)` in
 * Manager.watch): if Postgres is unreachable at that moment (a restart, a failover) the rejection is
 * unhandled and Node ends the worker process. Nothing is lost by skipping that write: the run's own
 * state is in sync_runs (the lease and the reaper recover it) and pg-boss expires the job. So log it and
 * keep working; every other unhandled rejection keeps Node's default (or goes to whoever else listens,
 * e.g. Next's server). Found by `npm run bench:faults` (Postgres restarts).
 */
function surviveLostJobCompletions() {
  if (surviving) return;
  surviving = true;
  process.on("unhandledRejection", (reason) => {
    const stack = reason instanceof Error ? (reason.stack ?? "") : "";
    if (/Manager\.(complete|fail) \(.*pg-boss/.test(stack)) {
      log.warn("pg-boss could not record a job's end (database unreachable); the run's lease and the reaper cover it", { error: reason });
      return;
    }
    if (process.listenerCount("unhandledRejection") > 1) return;
    throw reason;
  });
}
