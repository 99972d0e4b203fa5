// Starts this process's job workers: SYNC_WORKER_CONCURRENCY sync runs at once, the scheduler tick,
// and a local reaper every few seconds (the tick's minute is too slow to notice a dead worker).
// Stopping hands running syncs back (lease released, run re-queued) so another worker resumes them
// at once instead of after the lease expires. The workers' ids are kept so a job sent from this
// process wakes them at once (boss.ts wakeLocalWorkers) instead of at their next poll, and a job sent
// from another process too: it NOTIFYs WAKE_CHANNEL, which this process LISTENs to (one connection).
import { getDb } from "@/db";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { reapStaleRuns } from "@/lib/sync/reap-stale-runs";
import { getBoss, localWorkers, WAKE_CHANNEL, wakeLocalWorkers, wakePayload } from "./boss";
import { JOBS } from "./definitions";
import { surviveLostJobCompletions } from "./lost-job-completion";

export interface Workers {
  stop(): Promise<void>;
}

export async function startWorkers(
  opts: { concurrency?: number; reapIntervalMs?: number; pollingIntervalSeconds?: number } = {},
): Promise<Workers> {
  const env = getEnv();
  surviveLostJobCompletions();
  const boss = await getBoss();
  const shutdown = new AbortController();
  const active = new Set<Promise<unknown>>();

  for (const job of JOBS) {
    const n = job.concurrency ?? opts.concurrency ?? env.SYNC_WORKER_CONCURRENCY;
    for (let i = 0; i < n; i++) {
      let self: string | null = null;
      const workerId = await boss.work(
        job.name,
        { batchSize: 1, pollingIntervalSeconds: opts.pollingIntervalSeconds ?? 1 },
        async (jobs) => {
          // pg-boss waits a whole polling interval after every fetch, even one that found a job: with a
          // backlog (runs queued while no worker ran, duplicate enqueues) each job would cost a second per
          // worker. A worker that found a job asks again at once.
          if (jobs.length && self) boss.notifyWorker(self);
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
        },
      );
      self = workerId;
      localWorkers(job.name).add(workerId);
    }
    if (job.cron) await boss.schedule(job.name, job.cron, {});
  }

  // Another process sent a job: wake this process's idle workers of that queue.
  const listener = await getDb()
    .$client.listen(WAKE_CHANNEL, (payload) => {
      const queue = wakePayload.safeParse(payload);
      if (queue.success) wakeLocalWorkers(boss, queue.data);
    })
    .catch((error) => {
      log.warn("not listening for job wake-ups; workers find jobs at their next poll", { error });
      return null;
    });

  const reap = () => reapStaleRuns().catch((error) => log.warn("reaper failed", { error }));
  void reap();
  const timer = setInterval(reap, opts.reapIntervalMs ?? Math.max(2000, (env.SYNC_LEASE_SECONDS * 1000) / 3));
  log.info("job workers started", { syncConcurrency: opts.concurrency ?? env.SYNC_WORKER_CONCURRENCY });

  return {
    async stop() {
      clearInterval(timer);
      await listener?.unlisten().catch(() => {});
      shutdown.abort();
      for (const job of JOBS) {
        localWorkers(job.name).clear();
        await boss.offWork(job.name).catch(() => {});
      }
      await Promise.allSettled([...active]);
    },
  };
}
