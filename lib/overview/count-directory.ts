// What came in: the integration's live directory rows counted by status and type, and sign-ins over
// the last 7 and 30 days. One grouped count per table, each on an index that leads with the
// integration (or the workspace the index leads with, plus the integration): a 100k-user tenant
// answers in tens of milliseconds (see overview.test.ts and the report in README for the figure).
import { getDb } from "@/db";
import type { Counts } from "./contracts";
import { FAILURE_OUTCOMES, SIGN_IN_EVENT, SUCCESS_OUTCOMES } from "./sign-in";

const ok = [...SUCCESS_OUTCOMES];
const bad = [...FAILURE_OUTCOMES];
type Grouped = { k: string; n: number }[];
const toRecord = (rows: Grouped) => Object.fromEntries(rows.map((r) => [r.k, r.n]));
const sum = (rows: Grouped) => rows.reduce((a, r) => a + r.n, 0);

export async function countDirectory(
  workspaceId: string,
  integrationId: string,
  now = new Date(),
): Promise<Omit<Counts, "memberships"> & { memberships: number }> {
  const sql = getDb().$client;
  // postgres.js (as drizzle configures it) binds timestamps as strings, not Dates.
  const [since7, since30, until] = [7, 30, 0].map((d) => new Date(now.getTime() - d * 86_400_000).toISOString());
  const [users, groups, apps, idps, [memberships], [assignments], [admins], [signIns]] = await Promise.all([
    // okta_users_sort_status_idx (workspace, status, ..., integration) where deleted_at is null: index-only.
    sql<Grouped>`select status as k, count(*)::int as n from okta_users
      where workspace_id = ${workspaceId} and integration_id = ${integrationId} and deleted_at is null group by status order by status`,
    sql<Grouped>`select type as k, count(*)::int as n from okta_groups
      where workspace_id = ${workspaceId} and integration_id = ${integrationId} and deleted_at is null group by type order by type`,
    sql<Grouped>`select status as k, count(*)::int as n from okta_apps
      where workspace_id = ${workspaceId} and integration_id = ${integrationId} and deleted_at is null group by status order by status`,
    sql<Grouped>`select status as k, count(*)::int as n from okta_idps
      where workspace_id = ${workspaceId} and integration_id = ${integrationId} and deleted_at is null group by status order by status`,
    sql<{ n: number }[]>`select count(*)::int as n from okta_group_members
      where integration_id = ${integrationId} and workspace_id = ${workspaceId} and deleted_at is null`,
    sql<{ users: number; groups: number }[]>`select
      (select count(*)::int from okta_app_users where integration_id = ${integrationId} and workspace_id = ${workspaceId} and deleted_at is null) as users,
      (select count(*)::int from okta_app_groups where integration_id = ${integrationId} and workspace_id = ${workspaceId} and deleted_at is null) as groups`,
    sql<{ users: number; groups: number; assignments: number }[]>`select
      count(distinct principal_id) filter (where principal_type = 'USER')::int as users,
      count(distinct principal_id) filter (where principal_type = 'GROUP')::int as groups,
      count(*)::int as assignments
      from okta_role_assignments where integration_id = ${integrationId} and workspace_id = ${workspaceId} and deleted_at is null`,
    // okta_log_events_published_idx (integration, published) bounds the scan to 30 days.
    sql<{ s7: number; f7: number; t7: number; s30: number; f30: number; t30: number }[]>`select
      count(*) filter (where published >= ${since7}::timestamptz and outcome_result = any(${ok}))::int as s7,
      count(*) filter (where published >= ${since7}::timestamptz and outcome_result = any(${bad}))::int as f7,
      count(*) filter (where published >= ${since7}::timestamptz)::int as t7,
      count(*) filter (where outcome_result = any(${ok}))::int as s30,
      count(*) filter (where outcome_result = any(${bad}))::int as f30,
      count(*)::int as t30
      from okta_log_events where integration_id = ${integrationId} and workspace_id = ${workspaceId}
        and published >= ${since30}::timestamptz and published <= ${until}::timestamptz and event_type = ${SIGN_IN_EVENT}`,
  ]);
  return {
    users: { total: sum(users), byStatus: toRecord(users) },
    groups: { total: sum(groups), byType: toRecord(groups) },
    memberships: memberships.n,
    apps: { total: sum(apps), byStatus: toRecord(apps) },
    assignments: { users: assignments.users, groups: assignments.groups },
    admins,
    idps: { total: sum(idps), byStatus: toRecord(idps) },
    signIns: {
      last7: { success: signIns.s7, failure: signIns.f7, total: signIns.t7 },
      last30: { success: signIns.s30, failure: signIns.f30, total: signIns.t30 },
    },
  };
}

/** Sign-ins per UTC day over the last `days` days (today included), zero-filled. */
export async function signInsPerDay(workspaceId: string, integrationId: string, days: number, now = new Date()) {
  const sql = getDb().$client;
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const from = new Date(today - (days - 1) * 86_400_000);
  const rows = await sql<{ day: string; success: number; failure: number }[]>`
    select to_char(date_trunc('day', published at time zone 'UTC'), 'YYYY-MM-DD') as day,
      count(*) filter (where outcome_result = any(${ok}))::int as success,
      count(*) filter (where outcome_result = any(${bad}))::int as failure
    from okta_log_events
    where integration_id = ${integrationId} and workspace_id = ${workspaceId} and event_type = ${SIGN_IN_EVENT} and published >= ${from.toISOString()}::timestamptz and published <= ${now.toISOString()}::timestamptz
    group by 1`;
  const byDay = new Map(rows.map((r) => [r.day, r]));
  const points = Array.from({ length: days }, (_, i) => {
    const day = new Date(from.getTime() + i * 86_400_000).toISOString().slice(0, 10);
    const r = byDay.get(day);
    return { day, success: r?.success ?? 0, failure: r?.failure ?? 0 };
  });
  return { days, points };
}
