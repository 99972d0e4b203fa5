// The opt-in columns of the people CSV (`columns=groups,apps,roles,manager`), for one page of people
// at a time: three indexed reads per page (memberships and app assignments by person, roles via
// rolesOf), so the default export never pays for them. Each group and app is fetched by primary key
// from the person's rows (LATERAL ... offset 0): the planner, guessing 100 people for the page,
// would otherwise pair every person with every app of the org and probe 20x more.
import { sql } from "drizzle-orm";
import type { WorkspaceCtx } from "@/lib/context";
import { rolesOf } from "./admin-roles";
import type { PEOPLE_CSV_EXTRAS } from "./contracts";

type Extra = (typeof PEOPLE_CSV_EXTRAS)[number];
export interface PersonRef {
  integrationId: string;
  id: string;
}
const keyOf = (p: { integrationId: string; id: string }) => `${p.integrationId}/${p.id}`;

/** Names joined with "; " per person (a CSV cell), from a query answering integration_id, user_id, names. */
async function joined(ctx: WorkspaceCtx, people: PersonRef[], query: (page: ReturnType<typeof sql>) => ReturnType<typeof sql>) {
  const pairs = JSON.stringify(people.map((p) => ({ integration_id: p.integrationId, user_id: p.id })));
  const page = sql`(select * from json_to_recordset(${pairs}::json) as p(integration_id uuid, user_id text))`;
  const rows = await ctx.db.execute<{ integration_id: string; user_id: string; names: string }>(query(page));
  return new Map(rows.map((r) => [`${r.integration_id}/${r.user_id}`, r.names]));
}

export async function peopleExtras(ctx: WorkspaceCtx, people: PersonRef[], columns: Extra[]) {
  const want = new Set(columns);
  const none = new Map<string, string>();
  const [groups, apps, roles] = await Promise.all([
    want.has("groups") && people.length
      ? joined(
          ctx,
          people,
          (page) => sql`select p.integration_id, p.user_id, string_agg(g.name, '; ' order by lower(g.name), g.id) as names from ${page} p
            join okta_group_members gm on gm.integration_id = p.integration_id and gm.user_id = p.user_id and gm.deleted_at is null
            cross join lateral (select g.id, g.name from okta_groups g
              where g.integration_id = gm.integration_id and g.id = gm.group_id and g.deleted_at is null offset 0) g
            group by 1, 2`,
        )
      : none,
    want.has("apps") && people.length
      ? joined(
          ctx,
          people,
          (page) => sql`select p.integration_id, p.user_id, string_agg(a.label, '; ' order by lower(a.label), a.id) as names from ${page} p
            join okta_app_users au on au.integration_id = p.integration_id and au.user_id = p.user_id and au.deleted_at is null
            cross join lateral (select a.id, a.label from okta_apps a
              where a.integration_id = au.integration_id and a.id = au.app_id and a.deleted_at is null offset 0) a
            group by 1, 2`,
        )
      : none,
    want.has("roles") ? rolesOf(ctx, people) : new Map<string, never[]>(),
  ]);
  return (p: PersonRef) => ({
    groups: groups.get(keyOf(p)) ?? "",
    apps: apps.get(keyOf(p)) ?? "",
    // "Super Administrator; Help Desk Administrator (via IT Helpdesk)"
    roles: (roles.get(keyOf(p)) ?? []).map((r) => `${r.label ?? r.roleType}${r.via ? ` (via ${r.via.name})` : ""}`).join("; "),
  });
}
