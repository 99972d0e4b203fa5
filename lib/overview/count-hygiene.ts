// Identity hygiene at a glance: who holds admin roles (and which of them has not signed in lately),
// dormant and never-used accounts, deactivated people who still hold access, locked-out and expired
// passwords. Every number is the length of a people list with the same filters (lib/directory's
// userFilters, built with the same cut-off days), so the count and the list it opens agree.
// Three queries, run together: one pass over the people, the deactivated ones (status index) with
// two probes each (each app by primary key: left to itself the planner hashes the org's apps once per
// person, 3x slower), and the admin holders (a few hundred role rows and their groups' members).
import { sql } from "drizzle-orm";
import type { WorkspaceCtx } from "@/lib/context";
import { adminHolders } from "@/lib/directory/admin-roles";
import { daysAgo, isoDay } from "@/lib/directory/contracts";
import { type Hygiene, hygieneSchema } from "./contracts";

/** Admins count as not signing in lately after this many days. */
export const ADMIN_RECENT_DAYS = 30;

export async function countHygiene({ ctx, input }: { ctx: WorkspaceCtx; input: { integrationId?: string; now?: Date } }): Promise<Hygiene> {
  const now = input.now ?? new Date();
  const [d30, d60, d90] = [30, 60, 90].map((d) => daysAgo(d, now));
  const adminCut = daysAgo(ADMIN_RECENT_DAYS, now);
  const at = (d: Date) => sql`${d.toISOString()}::timestamptz`;
  const mine = sql`u.workspace_id = ${ctx.workspaceId}::uuid and u.deleted_at is null${
    input.integrationId ? sql` and u.integration_id = ${input.integrationId}::uuid` : sql``
  }`;
  // The last sign-in as the people list sorts and filters it: never = -infinity.
  const last = sql`coalesce(u.last_login, '-infinity'::timestamptz)`;
  const [[people], [deactivated], [admins]] = await Promise.all([
    ctx.db.execute<{ d30: number; d60: number; d90: number; never: number; locked: number; expired: number }>(sql`
      select count(*) filter (where u.status = 'ACTIVE' and ${last} < ${at(d30)})::int as d30,
        count(*) filter (where u.status = 'ACTIVE' and ${last} < ${at(d60)})::int as d60,
        count(*) filter (where u.status = 'ACTIVE' and ${last} < ${at(d90)})::int as d90,
        count(*) filter (where u.status = 'ACTIVE' and u.last_login is null)::int as never,
        count(*) filter (where u.status = 'LOCKED_OUT')::int as locked,
        count(*) filter (where u.status = 'PASSWORD_EXPIRED')::int as expired
      from okta_users u where ${mine}`),
    ctx.db.execute<{ groups: number; apps: number }>(sql`
      select count(*) filter (where exists (select 1 from okta_group_members gm
          join okta_groups g on g.integration_id = gm.integration_id and g.id = gm.group_id and g.deleted_at is null and g.type = 'OKTA_GROUP'
          where gm.integration_id = u.integration_id and gm.user_id = u.id and gm.deleted_at is null))::int as groups,
        count(*) filter (where exists (select 1 from okta_app_users au
          cross join lateral (select 1 from okta_apps a
            where a.integration_id = au.integration_id and a.id = au.app_id and a.deleted_at is null offset 0) a
          where au.integration_id = u.integration_id and au.user_id = u.id and au.deleted_at is null))::int as apps
      from okta_users u where ${mine} and u.status = 'DEPROVISIONED'`),
    ctx.db.execute<{ holders: number; stale: number }>(sql`
      select count(*)::int as holders, count(*) filter (where ${last} < ${at(adminCut)})::int as stale
      from okta_users u where ${mine} and (u.integration_id, u.id) in (${adminHolders(ctx.workspaceId, "any", input.integrationId)})`),
  ]);
  return hygieneSchema.parse({
    integrationId: input.integrationId ?? null,
    days: { d30: isoDay(d30), d60: isoDay(d60), d90: isoDay(d90), admin: isoDay(adminCut) },
    admins: { holders: admins.holders, noRecentSignIn: admins.stale },
    dormant: { d30: people.d30, d60: people.d60, d90: people.d90, never: people.never },
    deactivated: { inOktaGroups: deactivated.groups, withApps: deactivated.apps },
    lockedOut: people.locked,
    passwordExpired: people.expired,
    generatedAt: now,
  });
}
