// Identity hygiene at a glance: who holds admin roles (and which of them has not signed in lately),
// dormant and never-used accounts, deactivated people who still hold access, locked-out and expired
// passwords. Every number is the length of a people list with the same filters (lib/directory's
// userFilters, built with the same cut-off days), so the count and the list it opens agree.
// Read from maintained aggregates (issue 16: 1.4-1.6 s of scanning at 1M people): the people by
// status and UTC day of last sign-in (okta_counts, subject user_logins) and the admin role holders by
// day of last sign-in (admin_logins), summed over the days before each cut-off, and the access each
// deactivated person still holds (okta_deprovisioned_access), all kept by triggers
// (drizzle/0023_hygiene_counts.sql, 0030_admin_logins.sql). lib/overview/hygiene-counts.int.test.ts
// holds every number equal to its list after syncs, deletions and an integration's removal.
import { sql } from "drizzle-orm";
import type { WorkspaceCtx } from "@/lib/context";
import { daysAgo, isoDay } from "@/lib/directory/contracts";
import { type Hygiene, hygieneSchema } from "./contracts";

/** Admins count as not signing in lately after this many days. */
export const ADMIN_RECENT_DAYS = 30;

export async function countHygiene({ ctx, input }: { ctx: WorkspaceCtx; input: { integrationId?: string; now?: Date } }): Promise<Hygiene> {
  const now = input.now ?? new Date();
  const [d30, d60, d90] = [30, 60, 90].map((d) => daysAgo(d, now));
  const adminCut = daysAgo(ADMIN_RECENT_DAYS, now);
  const ofIntegration = (alias: string) =>
    input.integrationId ? sql` and ${sql.raw(alias)}.integration_id = ${input.integrationId}::uuid` : sql``;
  const [logins, [deactivated]] = await Promise.all([
    ctx.db.execute<{ subject: string; key: string; n: number }>(sql`
      select c.subject, c.key, sum(c.n)::int as n from okta_counts c
      join integrations i on i.id = c.integration_id and i.workspace_id = ${ctx.workspaceId}::uuid
      where c.subject in ('user_logins', 'admin_logins')${ofIntegration("c")}
      group by 1, 2 having sum(c.n) <> 0`),
    ctx.db.execute<{ groups: number; apps: number }>(sql`
      select count(*) filter (where g > 0)::int as groups, count(*) filter (where a > 0)::int as apps
      from (select sum(x.n) filter (where x.kind = 'okta_groups') as g, sum(x.n) filter (where x.kind = 'apps') as a
        from okta_deprovisioned_access x
        join integrations i on i.id = x.integration_id and i.workspace_id = ${ctx.workspaceId}::uuid
        where true${ofIntegration("x")}
        group by x.integration_id, x.user_id) p`),
  ]);
  const admins = tallyAdmins(
    logins.filter((r) => r.subject === "admin_logins"),
    adminCut,
  );
  const people = tallyLogins(
    logins.filter((r) => r.subject === "user_logins"),
    { d30, d60, d90 },
  );
  return hygieneSchema.parse({
    integrationId: input.integrationId ?? null,
    days: { d30: isoDay(d30), d60: isoDay(d60), d90: isoDay(d90), admin: isoDay(adminCut) },
    admins,
    dormant: { d30: people.d30, d60: people.d60, d90: people.d90, never: people.never },
    deactivated: { inOktaGroups: deactivated.groups, withApps: deactivated.apps },
    lockedOut: people.locked,
    passwordExpired: people.expired,
    generatedAt: now,
  });
}

/** Day numbers (days since 1970-01-01 UTC) as okta_user_login_key writes them; the cut-offs are UTC midnights. */
const dayOf = (d: Date) => Math.floor(d.getTime() / 86_400_000);

/** Whether a login day key ('' never, 'inf', or a day number) falls before the cut-off's day. */
const before = (day: string, cut: Date) => day === "" || (day !== "inf" && Number(day) < dayOf(cut));

/** The admin numbers from the holders per `<day>` key: all of them, and those whose last sign-in is before the cut-off. */
export function tallyAdmins(rows: { key: string; n: number }[], cut: Date) {
  const out = { holders: 0, noRecentSignIn: 0 };
  for (const { key, n } of rows) {
    out.holders += n;
    if (before(key, cut)) out.noRecentSignIn += n;
  }
  return out;
}

/**
 * The dormancy, locked and expired numbers from the people per `<status>/<day>` key: "last sign-in
 * before the cut-off" is every day before the cut-off's, plus never ('') and no +infinity ('inf').
 */
export function tallyLogins(rows: { key: string; n: number }[], cuts: { d30: Date; d60: Date; d90: Date }) {
  const out = { d30: 0, d60: 0, d90: 0, never: 0, locked: 0, expired: 0 };
  for (const { key, n } of rows) {
    const slash = key.lastIndexOf("/");
    const [status, day] = [key.slice(0, slash), key.slice(slash + 1)];
    if (status === "LOCKED_OUT") out.locked += n;
    else if (status === "PASSWORD_EXPIRED") out.expired += n;
    if (status !== "ACTIVE") continue;
    if (day === "") out.never += n;
    if (before(day, cuts.d30)) out.d30 += n;
    if (before(day, cuts.d60)) out.d60 += n;
    if (before(day, cuts.d90)) out.d90 += n;
  }
  return out;
}
