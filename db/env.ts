// The database's own view of the environment: DATABASE_URL, the pool's size and its server-side time limits,
// zod-checked. It sits below lib/ so nothing in db/ imports lib/ (lib/env.ts reuses these schemas).
import { z } from "zod";

export const databaseUrlSchema = z
  .string()
  .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
  .optional();

/** DATABASE_URL, read on every call (tests switch databases by changing process.env). */
export function requireDatabaseUrl(): string {
  const parsed = databaseUrlSchema.safeParse(process.env.DATABASE_URL);
  if (!parsed.success) throw new Error(`Invalid environment:\n  DATABASE_URL: ${parsed.error.issues[0]?.message}`);
  if (!parsed.data)
    throw new Error(
      "DATABASE_URL is not set. Start the console with `npm run dev`, which provides an embedded Postgres, or set DATABASE_URL.",
    );
  return parsed.data;
}

const ms = (fallback: number) => z.coerce.number().int().min(0).max(3_600_000).default(fallback);

/**
 * The pool every process of the console opens (db/index.ts): its size, and the time limits each of
 * its connections gets (milliseconds, 0 = none): a statement stuck on a lock fails instead of hanging
 * whatever waits on it, and a transaction left open by a stuck caller is ended (its locks released).
 * The batch writer sets a longer statement limit of its own. A worker process's syncs each use a few
 * connections at once (parallel resources, heartbeat): size it with SYNC_WORKER_CONCURRENCY (README:
 * several machines), and keep the sum over all processes under Postgres's max_connections.
 */
export const dbPoolEnv = {
  DB_POOL_MAX: z.coerce.number().int().min(1).max(200).default(10),
  DB_STATEMENT_TIMEOUT_MS: ms(60_000),
  DB_IDLE_IN_TRANSACTION_TIMEOUT_MS: ms(60_000),
};
const dbPoolSchema = z.object(dbPoolEnv);

export function dbPoolSettings() {
  const parsed = dbPoolSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  return parsed.data;
}
