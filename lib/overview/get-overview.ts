// Everything the integration page shows at a glance, in one call: health (projected from the runs),
// counts with Okta's own totals where a run reconciled them, the two chart series, the progress
// estimates for a running sync, and the event kinds the log can be filtered by.
import { and, desc, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { type Resource, type SyncRun, syncResourceSuccesses, syncRunResources, syncRuns } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { findIntegration } from "@/lib/integrations/find-integration";
import { normalizeScope } from "@/lib/sync/scope-contract";
import { type Overview, overviewSchema } from "./contracts";
import { countDirectory, signInsPerDay } from "./count-directory";
import { projectHealth, type RunInput } from "./project-health";
import { summarizeScope } from "./summarize-scope";

/** Runs shown in the duration chart. */
export const DURATION_RUNS = 30;
const LEVELS = ["info", "warn", "error"] as const;

export async function getOverview({ ctx, input }: { ctx: WorkspaceCtx; input: { integrationId: string; now?: Date } }): Promise<Overview> {
  const now = input.now ?? new Date();
  const { db } = ctx;
  const integration = await findIntegration(ctx.workspaceId, input.integrationId, db);
  const id = integration.id;
  const newest = (statuses: SyncRun["status"][]) =>
    db
      .select()
      .from(syncRuns)
      .where(and(eq(syncRuns.integrationId, id), inArray(syncRuns.status, statuses)))
      .orderBy(desc(syncRuns.queuedAt))
      .limit(1)
      .then((r) => r[0] ?? null);

  const [recent, active, latest, lastSuccess, lastOkRows, [reconciled], kinds, counts, signIns] = await Promise.all([
    db.select().from(syncRuns).where(eq(syncRuns.integrationId, id)).orderBy(desc(syncRuns.queuedAt)).limit(DURATION_RUNS),
    newest(["queued", "running"]),
    newest(["succeeded", "partial", "failed"]),
    newest(["succeeded"]),
    db
      .select({ resource: syncResourceSuccesses.resource, at: syncResourceSuccesses.finishedAt })
      .from(syncResourceSuccesses)
      .where(eq(syncResourceSuccesses.integrationId, id)),
    // The membership counts' comparison of the newest successful memberships pass (each stores one).
    db
      .select({ runId: syncRunResources.runId, reconciliation: syncRunResources.reconciliation, at: syncRunResources.finishedAt })
      .from(syncResourceSuccesses)
      .innerJoin(
        syncRunResources,
        and(eq(syncRunResources.runId, syncResourceSuccesses.runId), eq(syncRunResources.resource, syncResourceSuccesses.resource)),
      )
      .where(
        and(
          eq(syncResourceSuccesses.integrationId, id),
          eq(syncResourceSuccesses.resource, "memberships"),
          sql`${syncRunResources.reconciliation} is not null`,
        ),
      ),
    // The event log's kinds with their worst level, from its maintained counts (integration_event_counts).
    db.execute<{ kind: string; count: number; severity: number }>(sql`
      select kind, sum(n)::int as count, max(case level when 'error' then 2 when 'warn' then 1 else 0 end)::int as severity from (
        select kind, level, sum(n) as n from integration_event_counts where integration_id = ${id} group by kind, level) k
      where n > 0 group by kind order by kind`),
    countDirectory(ctx.workspaceId, id, now),
    signInsPerDay(ctx.workspaceId, id, integration.logWindowDays, now),
  ]);

  const withResources = [active, latest, lastSuccess].filter((r): r is SyncRun => !!r);
  const resourceRows = withResources.length
    ? await db
        .select()
        .from(syncRunResources)
        .where(inArray(syncRunResources.runId, [...new Set(withResources.map((r) => r.id))]))
    : [];
  const asInput = (run: SyncRun | null): RunInput | null =>
    run && {
      ...run,
      error: (run.error as Record<string, unknown> | null) ?? null,
      resources: resourceRows
        .filter((r) => r.runId === run.id)
        .map((r) => ({
          resource: r.resource,
          status: r.status,
          missingScope: r.missingScope,
          error: (r.error as Record<string, unknown> | null) ?? null,
        })),
    };

  const health = projectHealth({
    state: integration.state,
    authMethod: integration.authMethod,
    nextSyncAt: integration.nextSyncAt,
    nextIncrementalSyncAt: integration.nextIncrementalSyncAt,
    active: asInput(active),
    latest: asInput(latest),
    lastSuccess: asInput(lastSuccess),
    lastSucceededAt: Object.fromEntries(lastOkRows.map((r) => [r.resource, r.at])) as Partial<Record<Resource, Date>>,
    now,
  });

  const scope = await scopeStatus(integration);
  // Once a disconnect deleted the imported copy there is nothing left for the comparison to be about.
  const dataGone = integration.state === "disconnected" && counts.memberships === 0;
  const rec = dataGone ? null : (reconciled?.reconciliation as Record<string, unknown> | null | undefined);
  const num = (v: unknown) => (typeof v === "number" ? v : 0);
  const estimates = Object.fromEntries(resourceRows.filter((r) => r.runId === lastSuccess?.id).map((r) => [r.resource, r.objects]));

  return overviewSchema.parse({
    integrationId: id,
    health,
    counts: {
      ...counts,
      memberships: {
        total: counts.memberships,
        reconciliation: rec
          ? {
              expected: num(rec.expected),
              stored: num(rec.stored),
              outOfScope: typeof rec.outOfScope === "number" ? rec.outOfScope : null,
              groupsCompared: num(rec.groupsCompared),
              mismatchedGroups: num(rec.mismatchedGroups),
              runId: reconciled!.runId,
              at: reconciled!.at,
            }
          : null,
      },
    },
    signIns,
    durations: recent
      .filter((r) => r.startedAt && r.finishedAt)
      .reverse()
      .map((r) => ({
        runId: r.id,
        status: r.status,
        trigger: r.trigger,
        startedAt: r.startedAt!,
        durationMs: r.finishedAt!.getTime() - r.startedAt!.getTime(),
      })),
    estimates,
    scope,
    eventKinds: kinds.map((k) => ({ kind: k.kind, count: k.count, level: LEVELS[k.severity] ?? "info" })),
    schedule: {
      fullSyncIntervalMinutes: integration.fullSyncIntervalMinutes,
      incrementalSyncIntervalMinutes: integration.incrementalSyncIntervalMinutes,
      logWindowDays: integration.logWindowDays,
      rateLimitShare: integration.rateLimitShare,
    },
    generatedAt: now,
  });
}

/** The scope, and per resource what the newest pass under it (started after the change) left out. */
async function scopeStatus(integration: { id: string; syncScope: unknown; cursors: unknown }) {
  const scope = normalizeScope(integration.syncScope);
  if (!scope) return null;
  const changedAt = ((integration.cursors ?? {}) as { scopeChangedAt?: string }).scopeChangedAt ?? "-infinity";
  const sql = getDb().$client;
  // Only scoped full passes record out_of_scope: its partial index finds those few rows.
  const [rows, [started]] = await Promise.all([
    sql`select distinct on (r.resource) r.resource, r.out_of_scope from sync_run_resources r join sync_runs s on s.id = r.run_id
      where s.integration_id = ${integration.id} and r.status = 'succeeded' and r.out_of_scope is not null and s.started_at >= ${changedAt}::timestamptz
      order by r.resource, r.finished_at desc`,
    sql`select exists (select 1 from sync_runs where integration_id = ${integration.id} and started_at >= ${changedAt}::timestamptz) as any`,
  ]);
  return {
    summary: await summarizeScope(integration.id, scope),
    pending: !started.any,
    outOfScope: Object.fromEntries(rows.map((r) => [r.resource as Resource, r.out_of_scope as number])),
  };
}
