import { count, desc, eq } from "drizzle-orm";
import { oktaLogEvents as e } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";

/** The event types present in the workspace's synced log, most frequent first (for the filter menu). */
export async function listEventTypes({
  ctx,
  input = {},
}: {
  ctx: WorkspaceCtx;
  input?: { limit?: number };
}): Promise<{ eventType: string; count: number }[]> {
  return ctx.db
    .select({ eventType: e.eventType, count: count() })
    .from(e)
    .where(eq(e.workspaceId, ctx.workspaceId))
    .groupBy(e.eventType)
    .orderBy(desc(count()), e.eventType)
    .limit(input.limit ?? 100);
}
