// The run history table: newest first, who started each run, duration, requests, 429 waits and the
// added/updated/deleted counts of every resource. Keyset-paginated on (queuedAt, id) like listRuns.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { RESOURCES, syncRunResources, syncRuns, users } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { findIntegration } from "@/lib/integrations/find-integration";
import { decodeCursor, encodeCursor, uuidCursor } from "@/lib/sync/cursor";
import { type RunHistory, runHistorySchema } from "./contracts";

export async function listRunHistory({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: { integrationId: string; cursor?: string; limit: number };
}): Promise<RunHistory> {
  const { db } = ctx;
  await findIntegration(ctx.workspaceId, input.integrationId, db);
  const after = decodeCursor(input.cursor, uuidCursor);
  const rows = await db
    .select({ run: syncRuns, by: { id: users.id, name: users.name, email: users.email } })
    .from(syncRuns)
    .leftJoin(users, eq(users.id, syncRuns.triggeredById))
    .where(
      and(
        eq(syncRuns.integrationId, input.integrationId),
        after
          ? sql`(${syncRuns.queuedAt}, ${syncRuns.id}) < (select r.queued_at, r.id from sync_runs r where r.id = ${after[0]}::uuid and r.integration_id = ${input.integrationId})`
          : undefined,
      ),
    )
    .orderBy(desc(syncRuns.queuedAt), desc(syncRuns.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const resources = page.length
    ? await db
        .select()
        .from(syncRunResources)
        .where(
          inArray(
            syncRunResources.runId,
            page.map((r) => r.run.id),
          ),
        )
    : [];
  const order = (r: { resource: (typeof RESOURCES)[number] }) => RESOURCES.indexOf(r.resource);
  const items = page.map(({ run, by }) => {
    const mine = resources.filter((r) => r.runId === run.id).sort((a, b) => order(a) - order(b));
    const total = (k: "added" | "updated" | "deleted" | "unchanged") => mine.reduce((a, r) => a + r[k], 0);
    return {
      id: run.id,
      status: run.status,
      trigger: run.trigger,
      triggeredBy: by?.id ? { id: by.id, name: by.name || by.email, email: by.email } : null,
      queuedAt: run.queuedAt,
      startedAt: run.startedAt,
      finishedAt: run.finishedAt,
      durationMs: run.startedAt && run.finishedAt ? run.finishedAt.getTime() - run.startedAt.getTime() : null,
      requests: run.requests,
      rateLimitWaits: run.rateLimitWaits,
      retries: run.retries,
      error: (run.error as Record<string, unknown> | null) ?? null,
      totals: { added: total("added"), updated: total("updated"), deleted: total("deleted"), unchanged: total("unchanged") },
      resources: mine.map((r) => ({
        resource: r.resource,
        status: r.status,
        added: r.added,
        updated: r.updated,
        deleted: r.deleted,
        unchanged: r.unchanged,
      })),
    };
  });
  const last = page[page.length - 1];
  return runHistorySchema.parse({ items, nextCursor: rows.length > input.limit && last ? encodeCursor([last.run.id]) : null });
}
