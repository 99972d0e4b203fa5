// An integration's runs, newest first, with totals; keyset-paginated on (queuedAt, id).
import { and, desc, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { syncRunResources, syncRuns } from "@/db/schema";
import { runSummarySchema, type RunSummary } from "./contracts";
import { decodeCursor, encodeCursor, timeIdCursor } from "./cursor";
import { findIntegration } from "./find-integration";
import { runTotalsSql } from "./get-run";

export async function listRuns(input: { workspaceId: string; integrationId: string; cursor?: string; limit: number }): Promise<{ items: RunSummary[]; nextCursor: string | null }> {
  await findIntegration(input.workspaceId, input.integrationId);
  const after = decodeCursor(input.cursor, timeIdCursor);
  const db = getDb();
  const totals = db
    .select({ runId: syncRunResources.runId, ...runTotalsSql })
    .from(syncRunResources)
    .groupBy(syncRunResources.runId)
    .as("totals");
  const rows = await db
    .select({ run: syncRuns, pages: totals.pages, objects: totals.objects, added: totals.added, updated: totals.updated, unchanged: totals.unchanged, deleted: totals.deleted })
    .from(syncRuns)
    .leftJoin(totals, eq(totals.runId, syncRuns.id))
    .where(
      and(
        eq(syncRuns.integrationId, input.integrationId),
        after ? sql`(${syncRuns.queuedAt}, ${syncRuns.id}) < (${after[0]}::timestamptz, ${after[1]}::uuid)` : undefined,
      ),
    )
    .orderBy(desc(syncRuns.queuedAt), desc(syncRuns.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const items = page.map((r) =>
    runSummarySchema.parse({
      ...r.run,
      totals: { pages: r.pages ?? 0, objects: r.objects ?? 0, added: r.added ?? 0, updated: r.updated ?? 0, unchanged: r.unchanged ?? 0, deleted: r.deleted ?? 0 },
    }),
  );
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor([last.run.queuedAt.toISOString(), last.run.id]) : null };
}
