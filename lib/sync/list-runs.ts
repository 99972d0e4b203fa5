// An integration's runs, newest first, with totals; keyset-paginated on (queuedAt, id).
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { syncRunResources, syncRuns } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { findIntegration } from "@/lib/integrations/find-integration";
import { type RunSummary, runSummarySchema } from "./contracts";
import { decodeCursor, encodeCursor, uuidCursor } from "./cursor";
import { runTotalsSql } from "./get-run";

export async function listRuns({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: { integrationId: string; cursor?: string; limit: number };
}): Promise<{ items: RunSummary[]; nextCursor: string | null }> {
  const { db } = ctx;
  await findIntegration(ctx.workspaceId, input.integrationId, db);
  const after = decodeCursor(input.cursor, uuidCursor);
  const rows = await db
    .select()
    .from(syncRuns)
    .where(
      and(
        eq(syncRuns.integrationId, input.integrationId),
        // Compared in SQL against the cursor row itself, so timestamps keep their microseconds.
        after
          ? sql`(${syncRuns.queuedAt}, ${syncRuns.id}) < (select r.queued_at, r.id from sync_runs r where r.id = ${after[0]}::uuid)`
          : undefined,
      ),
    )
    .orderBy(desc(syncRuns.queuedAt), desc(syncRuns.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const totals = page.length
    ? await db
        .select({ runId: syncRunResources.runId, ...runTotalsSql })
        .from(syncRunResources)
        .where(
          inArray(
            syncRunResources.runId,
            page.map((r) => r.id),
          ),
        )
        .groupBy(syncRunResources.runId)
    : [];
  const byRun = new Map(totals.map(({ runId, ...t }) => [runId, t]));
  const zero = { pages: 0, objects: 0, added: 0, updated: 0, unchanged: 0, deleted: 0 };
  const items = page.map((run) => runSummarySchema.parse({ ...run, totals: byRun.get(run.id) ?? zero }));
  const last = page[page.length - 1];
  return { items, nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null };
}
