// pg-boss 10 records a job's end without awaiting it (`this.complete(...)` / `this.fail(...)` in
// Manager.watch): if Postgres is unreachable at that moment (a restart, a failover) the rejection is
// unhandled and Node ends the worker process. Nothing is lost by skipping that write: the run's own
// state is in sync_runs (its lease and the reaper recover it) and pg-boss expires the job. So a worker
// logs it and keeps working; every other unhandled rejection keeps Node's default (or goes to whoever
// else listens, e.g. Next's server). Found by `npm run bench:faults` (Postgres restarts).
import { log } from "@/lib/log";

/** A rejection of pg-boss's own un-awaited completion write (its stack passes through Manager.complete / Manager.fail). */
export function isLostJobCompletion(reason: unknown): boolean {
  const stack = reason instanceof Error ? (reason.stack ?? "") : "";
  return /\bManager\.(complete|fail) \([^)]*[\\/]pg-boss[\\/]/.test(stack);
}

let installed = false;

/** Installs the process-wide handler once. */
export function surviveLostJobCompletions() {
  if (installed) return;
  installed = true;
  process.on("unhandledRejection", (reason) => {
    if (isLostJobCompletion(reason)) {
      log.warn("pg-boss could not record a job's end (database unreachable); the run's lease and the reaper cover it", { error: reason });
      return;
    }
    if (process.listenerCount("unhandledRejection") > 1) return;
    throw reason;
  });
}
