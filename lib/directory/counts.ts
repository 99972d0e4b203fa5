// Live member and assignment counts, as correlated subqueries. With an ORDER BY … LIMIT the planner
// evaluates them only for the rows of the page (they are costly, so it postpones them past the sort),
// and the partial "live" indexes make each an index-only count. Written as plain SQL because drizzle
// leaves column names unqualified in a single-table select, which would bind them to the inner table.
import { sql } from "drizzle-orm";

/** For a select from okta_groups. */
export const groupMemberCount = sql<number>`(select count(*)::int from okta_group_members gm
  where gm.integration_id = "okta_groups"."integration_id" and gm.group_id = "okta_groups"."id" and gm.deleted_at is null)`;

/** For a select from okta_groups: live apps the group is assigned to. */
export const groupAppCount = sql<number>`(select count(*)::int from okta_app_groups xag
  join okta_apps xa on xa.integration_id = xag.integration_id and xa.id = xag.app_id and xa.deleted_at is null
  where xag.integration_id = "okta_groups"."integration_id" and xag.group_id = "okta_groups"."id" and xag.deleted_at is null)`;

/** For a select from okta_apps. */
export const appUserCount = sql<number>`(select count(*)::int from okta_app_users xau
  where xau.integration_id = "okta_apps"."integration_id" and xau.app_id = "okta_apps"."id" and xau.deleted_at is null)`;

/** For a select from okta_apps. */
export const appGroupCount = sql<number>`(select count(*)::int from okta_app_groups xag
  where xag.integration_id = "okta_apps"."integration_id" and xag.app_id = "okta_apps"."id" and xag.deleted_at is null)`;
