// Applies the committed migrations in drizzle/. Called on start by the app, the worker and the tests.
// An advisory lock keeps concurrent starters (web + workers) from racing.
import path from "node:path";
import { drizzle } from "drizzle-orm/postgres-js";
import { migrate } from "drizzle-orm/postgres-js/migrator";
import postgres from "postgres";

const LOCK_ID = 724_001;

export async function migrateDatabase(url: string, migrationsFolder = path.resolve(process.cwd(), "drizzle")) {
  const client = postgres(url, { max: 1, onnotice: () => {} });
  try {
    await client`select pg_advisory_lock(${LOCK_ID})`;
    try {
      await migrate(drizzle(client), { migrationsFolder });
    } finally {
      await client`select pg_advisory_unlock(${LOCK_ID})`;
    }
  } finally {
    await client.end({ timeout: 5 });
  }
}
