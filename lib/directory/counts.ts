// Live member and assignment counts of a group or an app, read from the maintained aggregates
// (okta_counts, subjects group_members / app_assignees / app_group_assignees: db/schema/counts.ts,
// kept by the triggers of drizzle/0025_directory_counts.sql): each is a sum over the few delta rows of
// one key (an index range of okta_counts_integration_idx), instead of counting a million membership
// index entries for "Everyone". Correlated subqueries: with an ORDER BY … LIMIT the planner evaluates
// them only for the rows of the page; sorted by one, once per group or app of the scope. Written as
// plain SQL because drizzle leaves column names unqualified in a single-table select, which would bind
// them to the inner table.
import { type SQL, sql } from "drizzle-orm";

/** The live count of a maintained key: `integration` and `key` are SQL of the outer row. */
export function maintainedCount(subject: "group_members" | "app_assignees" | "app_group_assignees", integration: SQL, key: SQL) {
  return sql<number>`(select coalesce(sum(xc.n), 0)::int from okta_counts xc
    where xc.integration_id = ${integration} and xc.subject = ${sql.raw(`'${subject}'`)} and xc.key = ${key})`;
}

/** For a select from okta_groups. */
export const groupMemberCount = maintainedCount("group_members", sql`"okta_groups"."integration_id"`, sql`"okta_groups"."id"`);

/** For a select from okta_groups: live apps the group is assigned to. */
export const groupAppCount = sql<number>`(select count(*)::int from okta_app_groups xag
  join okta_apps xa on xa.integration_id = xag.integration_id and xa.id = xag.app_id and xa.deleted_at is null
  where xag.integration_id = "okta_groups"."integration_id" and xag.group_id = "okta_groups"."id" and xag.deleted_at is null)`;

/** For a select from okta_apps. */
export const appUserCount = maintainedCount("app_assignees", sql`"okta_apps"."integration_id"`, sql`"okta_apps"."id"`);

/** For a select from okta_apps. */
export const appGroupCount = sql<number>`(select count(*)::int from okta_app_groups xag
  where xag.integration_id = "okta_apps"."integration_id" and xag.app_id = "okta_apps"."id" and xag.deleted_at is null)`;
