// Every integration of the workspace with its health, open problems and counts, in a fixed number of
// queries whatever the number of integrations (each list is read for the whole workspace at once).
// Health is the same projection as the integration page's (lib/overview/project-health.ts); the
// counts come from the maintained aggregates (okta_counts), so a 1M-person org costs no more than a small one.
import { eq, sql } from "drizzle-orm";
import { type CountSubject, integrations, type Resource, type ResourceStatus, type RunStatus, type RunTrigger } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { projectHealth, type RunInput } from "@/lib/overview/project-health";
import { IMPORTED_DATA } from "./imported-data";
import { type IntegrationStatusList, integrationStatusListSchema } from "./status-contracts";
import { selectViews } from "./view";

interface RunRow {
  id: string;
  integration_id: string;
  status: RunStatus;
  trigger: RunTrigger;
  queued_at: string | Date;
  started_at: string | Date | null;
  finished_at: string | Date | null;
  error: Record<string, unknown> | null;
  [k: string]: unknown;
}
interface ResourceRow {
  run_id: string;
  resource: Resource;
  status: ResourceStatus;
  missing_scope: string | null;
  error: Record<string, unknown> | null;
  [k: string]: unknown;
}
const date = (v: string | Date | null) => (v === null ? null : new Date(v));
/** Live rows of an integration from the maintained aggregate (db/schema/counts.ts), not a count of the table. */
const counted = (subject: CountSubject) =>
  sql`(select coalesce(sum(c.n), 0) from okta_counts c where c.integration_id = i.id and c.subject = ${subject})::int`;

export async function listIntegrationStatus({
  ctx,
  input = {},
}: {
  ctx: WorkspaceCtx;
  input?: { now?: Date };
}): Promise<IntegrationStatusList> {
  const now = input.now ?? new Date();
  const { db, workspaceId: ws } = ctx;
  const views = await selectViews(eq(integrations.workspaceId, ws), db);
  if (!views.length) return { items: [] };
  // Each integration's newest run of these statuses, read backwards on its (integration, queued) index:
  // a few rows whatever the length of the history.
  const newest = (statuses: RunStatus[]) =>
    db.execute<RunRow>(sql`
      select r.id, r.integration_id, r.status, r.trigger, r.queued_at, r.started_at, r.finished_at, r.error
      from integrations i cross join lateral (
        select * from sync_runs s where s.integration_id = i.id and s.status in (${sql.join(
          statuses.map((s) => sql`${s}`),
          sql`, `,
        )})
        order by s.queued_at desc limit 1) r
      where i.workspace_id = ${ws}`);
  const [active, latest, success, lastOk, facts] = await Promise.all([
    newest(["queued", "running"]),
    newest(["succeeded", "partial", "failed"]),
    newest(["succeeded"]),
    db.execute<{ integration_id: string; resource: Resource; at: string | Date }>(sql`
      select s.integration_id, s.resource, s.finished_at as at from sync_resource_successes s
      join integrations i on i.id = s.integration_id where i.workspace_id = ${ws}`),
    db.execute<{
      id: string;
      next_sync_at: string | Date | null;
      next_incremental_sync_at: string | Date | null;
      users: number;
      groups: number;
      apps: number;
      has_data: boolean;
    }>(sql`
      select i.id, i.next_sync_at, i.next_incremental_sync_at,
        ${counted("users")} as users, ${counted("groups")} as groups, ${counted("apps")} as apps,
        (${sql.join(
          Object.values(IMPORTED_DATA).map((t) => sql`exists (select 1 from ${t} where ${t.integrationId} = i.id)`),
          sql` or `,
        )}) as has_data
      from integrations i where i.workspace_id = ${ws}`),
  ]);
  const runIds = [...new Set([...active, ...latest, ...success].map((r) => r.id))];
  const resources = runIds.length
    ? await db.execute<ResourceRow>(sql`
        select run_id, resource, status, missing_scope, error from sync_run_resources
        where run_id in (${sql.join(
          runIds.map((id) => sql`${id}::uuid`),
          sql`, `,
        )})`)
    : [];
  const asInput = (r: RunRow | undefined): RunInput | null =>
    r
      ? {
          id: r.id,
          status: r.status,
          trigger: r.trigger,
          queuedAt: new Date(r.queued_at),
          startedAt: date(r.started_at),
          finishedAt: date(r.finished_at),
          error: r.error ?? null,
          resources: resources
            .filter((x) => x.run_id === r.id)
            .map((x) => ({ resource: x.resource, status: x.status, missingScope: x.missing_scope, error: x.error ?? null })),
        }
      : null;
  const of = (list: readonly RunRow[], id: string) => asInput(list.find((r) => r.integration_id === id));
  const items = views.map((v) => {
    const f = facts.find((r) => r.id === v.id);
    const { resources: all, ...health } = projectHealth({
      state: v.state,
      authMethod: v.auth.method,
      nextSyncAt: date(f?.next_sync_at ?? null),
      nextIncrementalSyncAt: date(f?.next_incremental_sync_at ?? null),
      active: of(active, v.id),
      latest: of(latest, v.id),
      lastSuccess: of(success, v.id),
      lastSucceededAt: Object.fromEntries(lastOk.filter((r) => r.integration_id === v.id).map((r) => [r.resource, new Date(r.at)])),
      now,
    });
    return {
      integration: v,
      health,
      problems: v.state === "connected" ? all.filter((r) => r.status !== "ok" && r.status !== "not_synced") : [],
      counts: { users: f?.users ?? 0, groups: f?.groups ?? 0, apps: f?.apps ?? 0 },
      hasData: !!f?.has_data,
    };
  });
  return integrationStatusListSchema.parse({ items });
}
