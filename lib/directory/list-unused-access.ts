// Assigned but unused: per app, how many of the people assigned to it have not signed in to it (SSO,
// from the System Log copy) for `days` days, or ever, the licence clean-up view. Per app, its assignments
// are matched to its assignments in one merge of two indexes ordered alike (live assignments by
// (app, user), usage by primary key), counted once per app.
import { sql } from "drizzle-orm";
import type { WorkspaceCtx } from "@/lib/context";
import { daysAgo, UNUSED_DAYS_DEFAULT, type UnusedAccessInput } from "./contracts";
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
        n.assigned, n."usedSince", n."everUsed",
        (select max(x.last_used_at) from okta_app_usage x where x.integration_id = a.integration_id and x.app_id = a.id) as "lastUsedAt"
      from okta_apps a
      cross join lateral (
        select count(*)::int as assigned, count(x.user_id)::int as "everUsed",
          (count(*) filter (where x.last_used_at >= ${since.toISOString()}::timestamptz))::int as "usedSince"
        from okta_app_users au
        left join okta_app_usage x on x.integration_id = au.integration_id and x.app_id = au.app_id and x.user_id = au.user_id
        where au.integration_id = a.integration_id and au.app_id = a.id and au.deleted_at is null
      ) n
      where a.workspace_id = ${ctx.workspaceId}::uuid and a.deleted_at is null ${scope} and n.assigned > 0
      order by n.assigned - n."usedSince" desc, lower(a.label), a.integration_id, a.id`),
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
