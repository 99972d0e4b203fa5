import { sql } from "drizzle-orm";
import type { PublicCtx } from "@/lib/context";

/** Public: load balancers call it. The database handle is opened inside the try, so a missing one reads as degraded. */
export async function checkHealth({ ctx }: { ctx: PublicCtx }) {
  const started = Date.now();
  try {
    await ctx.db.execute(sql`select 1`);
    return { status: "ok" as const, database: { status: "ok" as const, latencyMs: Date.now() - started } };
  } catch {
    return { status: "degraded" as const, database: { status: "unreachable" as const, latencyMs: Date.now() - started } };
  }
}
