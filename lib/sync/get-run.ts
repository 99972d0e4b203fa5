// One run with its live per-resource progress and results (the progress bar polls this).
import { and, asc, eq, sql } from "drizzle-orm";
import { RESOURCES, type SyncRun, type SyncRunResource, syncRunResources, syncRuns } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import { findIntegration } from "@/lib/integrations/find-integration";
import { type RunDetail, runDetailSchema } from "./contracts";

export const runTotalsSql = {
  pages: sql<number>`coalesce(sum(${syncRunResources.pages}), 0)::int`,
  objects: sql<number>`coalesce(sum(${syncRunResources.objects}), 0)::int`,
  added: sql<number>`coalesce(sum(${syncRunResources.added}), 0)::int`,
  updated: sql<number>`coalesce(sum(${syncRunResources.updated}), 0)::int`,
  unchanged: sql<number>`coalesce(sum(${syncRunResources.unchanged}), 0)::int`,
  deleted: sql<number>`coalesce(sum(${syncRunResources.deleted}), 0)::int`,
};

export function toRunDetail(run: SyncRun, resources: SyncRunResource[]): RunDetail {
  const order = (r: SyncRunResource) => RESOURCES.indexOf(r.resource);
  const sorted = [...resources].sort((a, b) => order(a) - order(b));
  const sum = (k: "pages" | "objects" | "added" | "updated" | "unchanged" | "deleted") => sorted.reduce((a, r) => a + r[k], 0);
  return runDetailSchema.parse({
    ...run,
    totals: {
      pages: sum("pages"),
      objects: sum("objects"),
      added: sum("added"),
      updated: sum("updated"),
      unchanged: sum("unchanged"),
      deleted: sum("deleted"),
    },
    resources: sorted.map((r) => ({
      ...r,
      progress: r.expectedTotal ? Math.min(1, r.objects / r.expectedTotal) : r.status === "succeeded" ? 1 : null,
    })),
  });
}

export async function getRun({ ctx, input }: { ctx: WorkspaceCtx; input: { integrationId: string; runId: string } }): Promise<RunDetail> {
  const { db } = ctx;
  await findIntegration(ctx.workspaceId, input.integrationId, db);
  const [run] = await db
    .select()
    .from(syncRuns)
    .where(and(eq(syncRuns.id, input.runId), eq(syncRuns.integrationId, input.integrationId)))
    .limit(1);
  if (!run) throw notFound("Sync run");
  const resources = await db
    .select()
    .from(syncRunResources)
    .where(eq(syncRunResources.runId, run.id))
    .orderBy(asc(syncRunResources.resource));
  return toRunDetail(run, resources);
}
