// The one place the environment is read. Parsed with zod once; a bad value stops start-up with a
// message naming the variable.
import { z } from "zod";
import { databaseUrlSchema, dbPoolEnv } from "@/db/env";

export { requireDatabaseUrl } from "@/db/env";

const bool = z.enum(["1", "0", "true", "false", "yes", "no", "on", "off", ""]).transform((v) => ["1", "true", "yes", "on"].includes(v));

const hostPortList = z
  .string()
  .transform((s) =>
    s
      .split(",")
      .map((x) => x.trim().toLowerCase())
      .filter(Boolean),
  )
  .pipe(z.array(z.string().regex(/^[a-z0-9.\-[\]:]+:\d{1,5}$/, "must be a comma-separated list of host:port")));

export const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: databaseUrlSchema,
  PORT: z.coerce.number().int().min(1).max(65535).default(3000),
  AUTH_SECRET: z.string().min(32, "must be at least 32 characters").optional(),
  // base64 of 32 random bytes; older keys for rotation in APP_ENCRYPTION_OLD_KEYS as "kid:base64,kid:base64"
  APP_ENCRYPTION_KEY: z.string().optional(),
  APP_ENCRYPTION_KEY_ID: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,32}$/)
    .default("k1"),
  APP_ENCRYPTION_OLD_KEYS: z.string().optional(),
  ADMIN_EMAIL: z.email("must be an email address").optional(),
  ADMIN_PASSWORD: z.string().min(8, "must be at least 8 characters").optional(),
  OKTA_ALLOWED_INSECURE_HOSTS: hostPortList.default([]),
  // Run sync workers inside the web process (default) or only in `npm run worker` processes.
  RUN_WORKERS: bool.default(true),
  // Sync runs one worker process executes at once.
  SYNC_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(16).default(2),
  // A running sync whose heartbeat is older than this is taken over by another worker.
  SYNC_LEASE_SECONDS: z.coerce.number().int().min(3).max(3600).default(30),
  // A running sync that has written nothing (no page, no finished resource) for this long is taken
  // over although its heartbeat is fresh: its worker is alive but stuck.
  SYNC_STALL_SECONDS: z.coerce.number().int().min(2).max(86_400).default(900),
  // The pool's size, statement and idle-in-transaction limits (db/env.ts), and the batch writer's
  // longer statement limit for page commits, sweeps and ANALYZE (milliseconds, 0 = none).
  ...dbPoolEnv,
  DB_WRITE_STATEMENT_TIMEOUT_MS: z.coerce.number().int().min(0).max(3_600_000).default(300_000),
  // Sync write transactions (page commits, sweeps, deletes) that may run at once across every worker on
  // this database, so many syncs leave the database's CPU to the console's pages (0 = no limit).
  SYNC_WRITE_SLOTS: z.coerce.number().int().min(0).max(1000).default(0),
  // Where the demo emulator listens, so the UI can offer it. Set by the dev command.
  DEMO_OKTA_URL: z.url().optional(),
  // The console's address as Okta reaches it, for event hook URLs; default: the address the admin used.
  PUBLIC_URL: z.url().optional(),
  // How many reverse proxies in front of the console append to X-Forwarded-For; 0: the socket's address is the client's.
  TRUSTED_PROXY_HOPS: z.coerce.number().int().min(0).max(10).default(0),
  // Hours an action request waits for approval before it expires (a workspace may set its own).
  ACTION_APPROVAL_HOURS: z.coerce.number().int().min(1).max(720).default(72),
  DATA_DIR: z.string().default(".data"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function getEnv(): Env {
  if (cached) return cached;
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`);
    throw new Error(`Invalid environment:\n${lines.join("\n")}`);
  }
  cached = parsed.data;
  return cached;
}

/** For tests that change process.env. */
export function resetEnvCache() {
  cached = undefined;
}
