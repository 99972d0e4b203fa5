import { count, desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { oktaLogEvents as e } from "@/db/schema";

/** The event types present in the workspace's synced log, most frequent first (for the filter menu). */
export async function listEventTypes(workspaceId: string, limit = 100): Promise<{ eventType: string; count: number }[]> {
  return getDb()
    .select({ eventType: e.eventType, count: count() })
    .from(e)
    .where(eq(e.workspaceId, workspaceId))
    .groupBy(e.eventType)
    .orderBy(desc(count()), e.eventType)
    .limit(limit);
}
