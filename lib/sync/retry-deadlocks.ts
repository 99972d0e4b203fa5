// The sync's writer transactions (page commits, sweeps, deletions, event hooks' re-reads) are retried
// when Postgres breaks a deadlock by aborting one of them (SQLSTATE 40P01). Each is all or nothing, so
// the aborted one left nothing behind and running it again is safe; the other side has gone on and
// the retry then finds its locks free. The triggers that keep the directory's aggregates take their
// advisory locks in a fixed order within a statement, but not across rows and statements: a sweep of
// people may take the role-holders lock for a live person and then want the deprovisioned-access lock
// for a deactivated one, while a page of memberships holds the latter and wants the former
// (retry-deadlocks.int.test.ts). Anything else is thrown at once. A single statement (an event hook's
// removal) is a transaction too and is retried the same way.
import { log } from "@/lib/log";

/** Attempts in all, the first included. */
export const DEADLOCK_ATTEMPTS = 4;

/** Postgres's error, or drizzle's wrapping of it (its cause). */
export function isDeadlock(e: unknown): boolean {
  const pg = e instanceof Error && e.name !== "PostgresError" ? e.cause : e;
  return pg instanceof Error && pg.name === "PostgresError" && (pg as { code?: unknown }).code === "40P01";
}

export async function retryDeadlocks<T>(what: string, transaction: () => PromiseLike<T>): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await transaction();
    } catch (e) {
      if (!isDeadlock(e) || attempt >= DEADLOCK_ATTEMPTS) throw e;
      log.warn("writer transaction deadlocked; retrying", { what, attempt });
      // A short, random pause: two writers that met once should not meet again in step.
      await new Promise((r) => setTimeout(r, 20 + Math.random() * 80 * attempt));
    }
  }
}
