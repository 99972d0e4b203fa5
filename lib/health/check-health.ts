import { sql } from "drizzle-orm";
import { getDb } from "@/db";

export async function checkHealth() {
  const started = Date.now();
  try {
    await getDb().execute(sql`select 1`);
    return { status: "ok" as const, database: { status: "ok" as const, latencyMs: Date.now() - started } };
  } catch {
    return { status: "degraded" as const, database: { status: "unreachable" as const, latencyMs: Date.now() - started } };
  }
}
