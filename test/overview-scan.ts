// The integration overview's numbers counted the slow, obvious way: a grouped count over the big
// tables for each. lib/overview reads maintained aggregates instead (okta_counts, okta_sign_in_hours);
// the int test holds the two equal after every kind of write, and bench/overview.ts times both.
import { getDb } from "@/db";
import { FAILURE_OUTCOMES, SIGN_IN_EVENT, SUCCESS_OUTCOMES } from "@/lib/overview/sign-in";

type Grouped = { k: string; n: number }[];
const ok = [...SUCCESS_OUTCOMES];
const bad = [...FAILURE_OUTCOMES];
const toRecord = (rows: Grouped) => Object.fromEntries(rows.map((r) => [r.k, r.n]));
const sum = (rows: Grouped) => rows.reduce((a, r) => a + r.n, 0);

/** Each scan on its own, so the bench can time them one by one. */
export function overviewScans(integrationId: string, now: Date, logWindowDays = 30) {
  const sql = getDb().$client;
  const [since7, since30, until] = [7, 30, 0].map((d) => new Date(now.getTime() - d * 86_400_000).toISOString());
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const from = new Date(today - (logWindowDays - 1) * 86_400_000).toISOString();
  const grouped = (table: string, column: string) => () =>
    sql.unsafe<Grouped>(
      `select ${column} as k, count(*)::int as n from ${table} where integration_id = $1 and deleted_at is null group by 1 order by 1`,
      [integrationId],
    );
  const total = (table: string) => async () =>
    (
      await sql.unsafe<{ n: number }[]>(`select count(*)::int as n from ${table} where integration_id = $1 and deleted_at is null`, [
        integrationId,
      ])
    )[0].n;
  return {
    usersByStatus: grouped("okta_users", "status"),
    groupsByType: grouped("okta_groups", "type"),
    appsByStatus: grouped("okta_apps", "status"),
    idpsByStatus: grouped("okta_idps", "status"),
    memberships: total("okta_group_members"),
    appUsers: total("okta_app_users"),
    appGroups: total("okta_app_groups"),
    signIns: async () =>
      (
        await sql<{ s7: number; f7: number; t7: number; s30: number; f30: number; t30: number }[]>`select
          count(*) filter (where published >= ${since7}::timestamptz and outcome_result = any(${ok}))::int as s7,
          count(*) filter (where published >= ${since7}::timestamptz and outcome_result = any(${bad}))::int as f7,
          count(*) filter (where published >= ${since7}::timestamptz)::int as t7,
          count(*) filter (where outcome_result = any(${ok}))::int as s30,
          count(*) filter (where outcome_result = any(${bad}))::int as f30,
          count(*)::int as t30
          from okta_log_events where integration_id = ${integrationId}
            and published >= ${since30}::timestamptz and published <= ${until}::timestamptz and event_type = ${SIGN_IN_EVENT}`
      )[0],
    signInsPerDay: () =>
      sql<{ day: string; success: number; failure: number }[]>`
        select to_char(date_trunc('day', published at time zone 'UTC'), 'YYYY-MM-DD') as day,
          count(*) filter (where outcome_result = any(${ok}))::int as success,
          count(*) filter (where outcome_result = any(${bad}))::int as failure
        from okta_log_events
        where integration_id = ${integrationId} and event_type = ${SIGN_IN_EVENT} and published >= ${from}::timestamptz and published <= ${now.toISOString()}::timestamptz
        group by 1 order by 1`,
  };
}

/** The overview's directory counts and sign-ins by scanning, in the shape countDirectory answers. */
export async function scanDirectoryCounts(integrationId: string, now: Date) {
  const s = overviewScans(integrationId, now);
  const [users, groups, apps, idps, memberships, appUsers, appGroups, signIns] = await Promise.all([
    s.usersByStatus(),
    s.groupsByType(),
    s.appsByStatus(),
    s.idpsByStatus(),
    s.memberships(),
    s.appUsers(),
    s.appGroups(),
    s.signIns(),
  ]);
  return {
    users: { total: sum(users), byStatus: toRecord(users) },
    groups: { total: sum(groups), byType: toRecord(groups) },
    memberships,
    apps: { total: sum(apps), byStatus: toRecord(apps) },
    assignments: { users: appUsers, groups: appGroups },
    idps: { total: sum(idps), byStatus: toRecord(idps) },
    signIns: {
      last7: { success: signIns.s7, failure: signIns.f7, total: signIns.t7 },
      last30: { success: signIns.s30, failure: signIns.f30, total: signIns.t30 },
    },
  };
}

/** Sign-ins per UTC day over the last `days` days, only the days that have any (the chart zero-fills the rest). */
export async function scanSignInsPerDay(integrationId: string, days: number, now: Date) {
  const rows = await overviewScans(integrationId, now, days).signInsPerDay();
  return Object.fromEntries(rows.filter((r) => r.success || r.failure).map((r) => [r.day, { success: r.success, failure: r.failure }]));
}
