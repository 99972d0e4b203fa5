// Server start-up shared by the web process (instrumentation.ts). Idempotent.
import { migrateDatabase } from "@/db/migrate";
import { getEnv } from "@/lib/env";
import { log } from "@/lib/log";
import { seedFirstAdmin } from "@/lib/workspaces/seed-first-admin";

const g = globalThis as unknown as { __serverStarted?: Promise<void> };

export function startServer() {
  g.__serverStarted ??= (async () => {
    const env = getEnv();
    if (!env.DATABASE_URL) {
      log.warn("DATABASE_URL is not set; start the console with `npm run dev` to get an embedded database");
      return;
    }
    await migrateDatabase(env.DATABASE_URL);
    const seeded = await seedFirstAdmin();
    if (seeded.created) {
      // Printed once, on the very first start, when started without the dev command.
      console.log(`First admin created: ${seeded.email}${seeded.generated ? ` / password ${seeded.password}` : ""}`);
    }
    if (env.RUN_WORKERS) {
      // A queue problem must not keep the console from serving pages; runs wait in the database.
      const { startWorkers } = await import("@/lib/jobs/start-workers");
      await startWorkers().catch((error) => log.error("sync workers did not start", { error }));
    }
  })();
  return g.__serverStarted;
}
