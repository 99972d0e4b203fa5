// Assigned but unused: per app, how many of the people assigned to it have not signed in to it (SSO,
// from the System Log copy) for `days` days, or ever, the licence clean-up view. Per app: how many are
// assigned is the maintained count (lib/directory/counts.ts); how many of them used it (ever, since the
// cut-off) counts the app's usage rows flagged as having a live assignment (okta_app_usage.assigned,
// kept by triggers: drizzle/0032_app_usage_assigned.sql), one read of the app's usage rows (29k in all at
// 1M people) that also finds the last use, and no assignment read at all (a probe of each usage row's
// assignment took 210-270 ms p95 at 1M). The cut-off slides with the day, so "used since" is counted,
// not kept.
import { sql } from "drizzle-orm";
import type { WorkspaceCtx } from "@/lib/context";
import { daysAgo, UNUSED_DAYS_DEFAULT, type UnusedAccessInput } from "./contracts";
import { maintainedCount } from "./counts";
import { withIntegrationNames } from "./scope";

export async function listUnusedAccess({ ctx, input }: { ctx: WorkspaceCtx; input: UnusedAccessInput & { now?: Date } }) {
  const days = input.days ?? UNUSED_DAYS_DEFAULT;
  const since = daysAgo(days, input.now);
  const scope = input.integrationId ? sql`and a.integration_id = ${input.integrationId}::uuid` : sql``;
  const [rows, [known]] = await Promise.all([
    ctx.db.execute<{
      integrationId: string;
      id: string;
      label: string;
      name: string;
      status: string;
      signOnMode: string | null;
      assigned: number;
      usedSince: number;
      everUsed: number;
      lastUsedAt: string | null;
    }>(sql`
      select a.integration_id as "integrationId", a.id, a.label, a.name, a.status, a.sign_on_mode as "signOnMode",
        n.assigned, x."usedSince", x."everUsed", x."lastUsedAt"
      from okta_apps a
      cross join lateral (select ${maintainedCount("app_assignees", sql`a.integration_id`, sql`a.id`)} as assigned) n
      cross join lateral (
        select (count(*) filter (where x.assigned))::int as "everUsed",
          (count(*) filter (where x.assigned and x.last_used_at >= ${since.toISOString()}::timestamptz))::int as "usedSince",
          max(x.last_used_at) as "lastUsedAt"
        from okta_app_usage x
        where x.integration_id = a.integration_id and x.app_id = a.id
      ) x
      where a.workspace_id = ${ctx.workspaceId}::uuid and a.deleted_at is null ${scope} and n.assigned > 0
      order by n.assigned - x."usedSince" desc, lower(a.label), a.integration_id, a.id`),
    ctx.db.execute<{ at: string | null }>(sql`
      select min(published) as at from okta_log_events
      where workspace_id = ${ctx.workspaceId}::uuid and event_type = 'user.authentication.sso'
        ${input.integrationId ? sql`and integration_id = ${input.integrationId}::uuid` : sql``}`),
  ]);
  const apps = await withIntegrationNames(
    ctx,
    rows.map((r) => ({
      integrationId: r.integrationId,
      id: r.id,
      label: r.label,
      name: r.name,
      status: r.status,
      signOnMode: r.signOnMode,
      assigned: r.assigned,
      unused: r.assigned - r.usedSince,
      neverUsed: r.assigned - r.everUsed,
      lastUsedAt: r.lastUsedAt ? new Date(r.lastUsedAt) : null,
    })),
  );
  return { days, since, usageKnownSince: known?.at ? new Date(known.at) : null, apps };
}

export type UnusedAccess = Awaited<ReturnType<typeof listUnusedAccess>>;
