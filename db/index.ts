// The one database client. Cached on globalThis so Next's dev reloads and tests reuse one pool.
import { drizzle } from "drizzle-orm/postgres-js";
import postgres from "postgres";
import { dbPoolSettings, requireDatabaseUrl } from "./env";
import * as schema from "./schema";

function connect(url: string) {
  const limits = dbPoolSettings();
  const client = postgres(url, {
    max: limits.DB_POOL_MAX,
    onnotice: () => {},
    idle_timeout: 30,
    // Sent at connect, so every statement of the pool runs under them (env: DB_STATEMENT_TIMEOUT_MS,
    // DB_IDLE_IN_TRANSACTION_TIMEOUT_MS; the batch writer raises its own with SET LOCAL).
    connection: {
      statement_timeout: limits.DB_STATEMENT_TIMEOUT_MS,
      idle_in_transaction_session_timeout: limits.DB_IDLE_IN_TRANSACTION_TIMEOUT_MS,
    },
  });
  return drizzle(client, { schema, casing: "snake_case" });
}

export type Db = ReturnType<typeof connect>;
export type Tx = Parameters<Parameters<Db["transaction"]>[0]>[0];
export type DbOrTx = Db | Tx;

const g = globalThis as unknown as { __db?: { url: string; db: Db } };

export function getDb(): Db {
  const url = requireDatabaseUrl();
  if (!g.__db || g.__db.url !== url) g.__db = { url, db: connect(url) };
  return g.__db.db;
}

export async function closeDb() {
  if (g.__db) {
    await g.__db.db.$client.end({ timeout: 5 });
    g.__db = undefined;
  }
}

export { schema };
