// `npm run worker`: a sync worker process for more capacity, beside (or instead of, with
// RUN_WORKERS=0 on the web process) the workers inside the web process. Any number may run on any
// number of machines against the same database: runs are claimed with a lease, jobs come from pg-boss.
// SIGTERM/SIGINT hand running syncs back to the queue before exiting.
import fs from "node:fs";
import path from "node:path";

if (fs.existsSync(path.join(process.cwd(), ".env"))) process.loadEnvFile(path.join(process.cwd(), ".env"));

async function main() {
  const { getEnv } = await import("@/lib/env");
  const env = getEnv();
  if (!env.DATABASE_URL) {
    console.error("DATABASE_URL is not set. Point the worker at the console's database (see README: Configuration).");
    process.exit(2);
  }
  const { migrateDatabase } = await import("@/db/migrate");
  await migrateDatabase(env.DATABASE_URL);
  const { startWorkers } = await import("@/lib/jobs/start-workers");
  const { stopBoss } = await import("@/lib/jobs/boss");
  const { closeDb } = await import("@/db");
  const workers = await startWorkers();
  console.log(`Sync worker ${process.pid} started (${env.SYNC_WORKER_CONCURRENCY} concurrent runs)`);
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    await workers.stop();
    await stopBoss();
    await closeDb();
    process.exit(0);
  };
  process.on("SIGTERM", () => void stop());
  process.on("SIGINT", () => void stop());
}

main().catch((err) => {
  console.error(err instanceof Error ? err.message : err);
  process.exit(1);
});
