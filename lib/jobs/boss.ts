// The one pg-boss instance of this process, on the app's own Postgres. Started lazily by whoever
// first sends or works a job; web processes that only send never run the cron supervisor.
import PgBoss from "pg-boss";
import { z } from "zod";
import { getDb } from "@/db";
import { requireDatabaseUrl } from "@/lib/env";
import { log } from "@/lib/log";

export const QUEUES = {
  syncRun: "sync-run",
  syncTick: "sync-tick",
  hookApply: "hook-apply",
  actionExecute: "action.execute",
} as const;

const g = globalThis as unknown as { __boss?: Promise<PgBoss> };
/** The advisory lock under which a process creates the queues (db/migrate.ts uses 724001). */
const QUEUE_SETUP_LOCK = 724_002;

async function createBoss(): Promise<PgBoss> {
  const boss = new PgBoss({
    connectionString: requireDatabaseUrl(),
    max: 4,
    application_name: "okta-sync-console-jobs",
    // Our own scheduler tick is cron "* * * * *"; check it every 30 s rather than the default minute.
    cronMonitorIntervalSeconds: 30,
  });
  boss.on("error", (error) => log.error("pg-boss error", { error }));
  await boss.start();
  // Several processes starting at once on a new database (machines restarted together, or an upgrade
  // that adds a queue) would each create the queues' tables at the same time, and Postgres ends one of
  // them with a deadlock: that process fails to start. They create them one at a time instead.
  const lock = await getDb().$client.reserve();
  try {
    await lock`select pg_advisory_lock(${QUEUE_SETUP_LOCK})`;
    // v10 needs a queue before send/work. `short`: at most one *queued* job per singletonKey (the run
    // id), so a duplicate enqueue (reaper, retry) is a no-op while one is waiting.
    await boss.createQueue(QUEUES.syncRun, {
      name: QUEUES.syncRun,
      policy: "short",
      retryLimit: 3,
      retryDelay: 15,
      retryBackoff: true,
      expireInSeconds: 12 * 3600,
    });
    await boss.createQueue(QUEUES.hookApply, {
      name: QUEUES.hookApply,
      policy: "stately",
      retryLimit: 2,
      retryDelay: 10,
      expireInSeconds: 3600,
    });
    // An approved action request (lib/actions/execute-action.ts). `short` with the request id as
    // singleton key: a second enqueue while one waits is a no-op. A retried job resumes the request: it
    // never re-sends a call whose outcome it does not know (it re-reads the target instead).
    await boss.createQueue(QUEUES.actionExecute, {
      name: QUEUES.actionExecute,
      policy: "short",
      retryLimit: 3,
      retryDelay: 15,
      retryBackoff: true,
      expireInSeconds: 3600,
    });
    await boss.createQueue(QUEUES.syncTick, { name: QUEUES.syncTick, policy: "short", retryLimit: 0, expireInSeconds: 300 });
  } finally {
    await lock`select pg_advisory_unlock(${QUEUE_SETUP_LOCK})`.catch(() => {});
    lock.release();
  }
  return boss;
}

const w = globalThis as unknown as { __bossWorkers?: Map<string, Set<string>> };

/** This process's pg-boss worker ids per queue (start-workers.ts registers them). */
export function localWorkers(queue: string): Set<string> {
  w.__bossWorkers ??= new Map();
  const ids = w.__bossWorkers.get(queue) ?? new Set<string>();
  w.__bossWorkers.set(queue, ids);
  return ids;
}

/**
 * Wakes this process's workers of a queue after a send: an idle one fetches now instead of at its
 * next poll (up to a second later); a busy one fetches as soon as its job ends. Workers in other
 * processes still find the job on their next poll.
 */
export function wakeLocalWorkers(boss: PgBoss, queue: string) {
  for (const id of localWorkers(queue)) boss.notifyWorker(id);
}

/** The Postgres channel on which a send tells the other processes' workers of a queue to fetch (start-workers.ts listens). */
export const WAKE_CHANNEL = "osc_job_sent";

/** A wake-up's payload: the name of one of our queues, nothing else. */
export const wakePayload = z.enum(Object.values(QUEUES) as [string, ...string[]]);

/**
 * Wakes the queue's workers in every process after a send: this process's at once, the others'
 * through Postgres NOTIFY. A job sent by a process that works no queue (a web process with
 * RUN_WORKERS=0, the event hook endpoint) is then fetched within milliseconds instead of at the
 * workers' next poll. A failed NOTIFY only costs that poll.
 */
export async function wakeWorkers(boss: PgBoss, queue: string) {
  wakeLocalWorkers(boss, queue);
  await getDb().$client`select pg_notify(${WAKE_CHANNEL}, ${queue})`.catch((error) =>
    log.warn("could not wake the workers", { queue, error }),
  );
}

export function getBoss(): Promise<PgBoss> {
  g.__boss ??= createBoss().catch((err) => {
    g.__boss = undefined;
    throw err;
  });
  return g.__boss;
}

export async function stopBoss() {
  const pending = g.__boss;
  g.__boss = undefined;
  if (pending) await (await pending).stop({ graceful: true, wait: true, timeout: 10_000 }).catch(() => {});
}
