// What came in: the integration's live directory rows counted by status and type, and sign-ins over
// the last 7 and 30 days and per day. Read from the maintained aggregates (db/schema/counts.ts), not
// by counting the big tables: at 1M people, 10M memberships and 5M log events the counts were seconds
// of scanning (docs/benchmarks/overview-*.txt). The int test holds every number equal to the count it
// replaces (test/overview-scan.ts).
//
// Sign-ins are kept per UTC hour. A window that starts or ends inside an hour ("the last 7 days" from
// now) adds the events of its partial hours from okta_log_events (the published index: at most an
// hour at each end), so every number is exact, not rounded to hours.
import { getDb } from "@/db";
import { COUNT_SUBJECTS, DIRECTORY_LIST_SUBJECTS, HYGIENE_SUBJECTS } from "@/db/schema";
import type { Counts } from "./contracts";
import { FAILURE_OUTCOMES, SIGN_IN_EVENT, SUCCESS_OUTCOMES } from "./sign-in";

/**
 * The subjects this reads: not the hygiene card's people and admins by day (lib/overview/count-hygiene.ts),
 * nor the directory lists' per-group, per-app and per-value counts.
 */
const DIRECTORY_SUBJECTS = COUNT_SUBJECTS.filter((s) => !([...HYGIENE_SUBJECTS, ...DIRECTORY_LIST_SUBJECTS] as string[]).includes(s));
const HOUR = 3_600_000;
const DAY = 86_400_000;
const floorHour = (t: number) => Math.floor(t / HOUR) * HOUR;
const ceilHour = (t: number) => Math.ceil(t / HOUR) * HOUR;
const iso = (t: number) => new Date(t).toISOString();

type Outcome = { outcome: string; n7: number; n30: number };
const ok = new Set<string>(SUCCESS_OUTCOMES);
const bad = new Set<string>(FAILURE_OUTCOMES);
/** success / failure / total of per-outcome counts. */
function classify(rows: { outcome: string; n: number }[]) {
  const out = { success: 0, failure: 0, total: 0 };
  for (const r of rows) {
    out.total += r.n;
    if (ok.has(r.outcome)) out.success += r.n;
    else if (bad.has(r.outcome)) out.failure += r.n;
  }
  return out;
}

export async function countDirectory(
  workspaceId: string,
  integrationId: string,
  now = new Date(),
): Promise<Omit<Counts, "memberships"> & { memberships: number }> {
  const sql = getDb().$client;
  const t = now.getTime();
  // The windows [since, now]: whole hours from the aggregate, the partial ones from the log.
  const [since7, since30] = [t - 7 * DAY, t - 30 * DAY];
  const [h7, h30, hEnd] = [ceilHour(since7), ceilHour(since30), floorHour(t)];
  const [counts, [admins], hours, edges] = await Promise.all([
    sql<{ subject: string; key: string; n: number }[]>`
      select c.subject, c.key, sum(c.n)::int as n from okta_counts c
      join integrations i on i.id = c.integration_id and i.workspace_id = ${workspaceId}
      where c.integration_id = ${integrationId} and c.subject = any(${DIRECTORY_SUBJECTS}) group by 1, 2 having sum(c.n) <> 0`,
    // Role assignments are a few hundred rows even in a large org: counted as they are.
    sql<{ users: number; groups: number; assignments: number }[]>`select
      count(distinct principal_id) filter (where principal_type = 'USER')::int as users,
      count(distinct principal_id) filter (where principal_type = 'GROUP')::int as groups,
      count(*)::int as assignments
      from okta_role_assignments where integration_id = ${integrationId} and workspace_id = ${workspaceId} and deleted_at is null`,
    sql<Outcome[]>`
      select outcome, coalesce(sum(n) filter (where hour >= ${iso(h7)}::timestamptz), 0)::int as n7, sum(n)::int as n30
      from okta_sign_in_hours where integration_id = ${integrationId} and hour >= ${iso(h30)}::timestamptz and hour < ${iso(hEnd)}::timestamptz
      group by 1`,
    // okta_log_events_workspace_type_idx (workspace, event type, published): three ranges of at most an hour each.
    sql<Outcome[]>`
      select coalesce(outcome_result, '') as outcome,
        count(*) filter (where published < ${iso(h7)}::timestamptz and published >= ${iso(since7)}::timestamptz or published >= ${iso(hEnd)}::timestamptz)::int as n7,
        count(*) filter (where published < ${iso(h30)}::timestamptz or published >= ${iso(hEnd)}::timestamptz)::int as n30
      from okta_log_events
      where integration_id = ${integrationId} and workspace_id = ${workspaceId} and event_type = ${SIGN_IN_EVENT}
        and (published >= ${iso(since30)}::timestamptz and published < ${iso(h30)}::timestamptz
          or published >= ${iso(since7)}::timestamptz and published < ${iso(h7)}::timestamptz
          or published >= ${iso(hEnd)}::timestamptz and published <= ${iso(t)}::timestamptz)
      group by 1`,
  ]);
  const of = (subject: string) => counts.filter((c) => c.subject === subject);
  const byKey = (subject: string) => Object.fromEntries(of(subject).map((c) => [c.key, c.n]));
  const total = (subject: string) => of(subject).reduce((a, c) => a + c.n, 0);
  const both = [...hours, ...edges];
  return {
    users: { total: total("users"), byStatus: byKey("users") },
    groups: { total: total("groups"), byType: byKey("groups") },
    memberships: total("memberships"),
    apps: { total: total("apps"), byStatus: byKey("apps") },
    assignments: { users: total("app_users"), groups: total("app_groups") },
    admins,
    idps: { total: total("idps"), byStatus: byKey("idps") },
    signIns: {
      last7: classify(both.map((r) => ({ outcome: r.outcome, n: r.n7 }))),
      last30: classify(both.map((r) => ({ outcome: r.outcome, n: r.n30 }))),
    },
  };
}

/** Sign-ins per UTC day over the last `days` days (today included), zero-filled. */
export async function signInsPerDay(workspaceId: string, integrationId: string, days: number, now = new Date()) {
  const sql = getDb().$client;
  const t = now.getTime();
  const today = Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), now.getUTCDate());
  const from = today - (days - 1) * DAY;
  const hEnd = floorHour(t);
  const day = (column: string) => `to_char(${column} at time zone 'UTC', 'YYYY-MM-DD')`;
  const [hours, edge] = await Promise.all([
    sql<{ day: string; outcome: string; n: number }[]>`
      select ${sql.unsafe(day("hour"))} as day, outcome, sum(n)::int as n from okta_sign_in_hours
      where integration_id = ${integrationId} and hour >= ${iso(from)}::timestamptz and hour < ${iso(hEnd)}::timestamptz
      group by 1, 2`,
    sql<{ day: string; outcome: string; n: number }[]>`
      select ${sql.unsafe(day("published"))} as day, coalesce(outcome_result, '') as outcome, count(*)::int as n from okta_log_events
      where integration_id = ${integrationId} and workspace_id = ${workspaceId} and event_type = ${SIGN_IN_EVENT}
        and published >= ${iso(Math.max(hEnd, from))}::timestamptz and published <= ${iso(t)}::timestamptz
      group by 1, 2`,
  ]);
  const byDay = new Map<string, { success: number; failure: number }>();
  for (const r of [...hours, ...edge]) {
    const d = byDay.get(r.day) ?? { success: 0, failure: 0 };
    if (ok.has(r.outcome)) d.success += r.n;
    else if (bad.has(r.outcome)) d.failure += r.n;
    byDay.set(r.day, d);
  }
  const points = Array.from({ length: days }, (_, i) => {
    const d = new Date(from + i * DAY).toISOString().slice(0, 10);
    const r = byDay.get(d);
    return { day: d, success: r?.success ?? 0, failure: r?.failure ?? 0 };
  });
  return { days, points };
}
