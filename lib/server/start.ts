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
    // Sync workers and schedules start here (lib/jobs) once they exist.
  })();
  return g.__serverStarted;
}
