// Members of each group (never the groups of each user: one call per group, not per user). Groups
// whose Okta member count is 0 are skipped; their stored memberships, if any, are swept. After the
// pass, Okta's counts are reconciled with what we stored.
import { getDb } from "@/db";
import type { ResourceContext } from "../run-context";
import { idOnlySchema, membershipsTable } from "../tables";
import { InvalidObjects, isNotFound, liveParents, parseItems, throwIfAborted, walkParents } from "./walk";

type GroupParent = { id: string; okta_member_count: number | null };

export async function syncMemberships(ctx: ResourceContext) {
  const [{ expected, unknown }] = await getDb().$client`
    select coalesce(sum(okta_member_count), 0)::int as expected, count(*) filter (where okta_member_count is null)::int as unknown
    from okta_groups where integration_id = ${ctx.lease.integrationId} and deleted_at is null`;
  await ctx.setExpectedTotal(unknown === 0 ? expected : null);
  const invalid = new InvalidObjects();
  await walkParents<GroupParent>(ctx, {
    parents: (after) => liveParents<GroupParent>("okta_groups", ctx.lease.integrationId, after, ["okta_member_count"]),
    concurrency: 6,
    work: async (group, state) => {
      if (state === "done" || group.okta_member_count === 0) return;
      const pages = typeof state === "string" ? ctx.client.pages<unknown>(state) : ctx.client.pages<unknown>(`/api/v1/groups/${encodeURIComponent(group.id)}/users`, { limit: 1000 });
      try {
        for await (const page of pages) {
          throwIfAborted(ctx);
          const { rows, invalid: bad } = parseItems(page.items, idOnlySchema, (u) => ({ group_id: group.id, user_id: u.id }));
          invalid.add(bad);
          await ctx.commit({ writes: [{ spec: membershipsTable, rows }], pages: 1, objects: rows.length, checkpoint: { setPath: ["inflight", group.id], value: page.nextUrl ?? "done" } });
        }
      } catch (e) {
        // Deleted between the groups pass and now: nothing to copy, its rows are swept.
        if (!isNotFound(e)) throw e;
      }
    },
  });
  await invalid.report(ctx, "group members");
}

/** Okta's member count per group against the live memberships we store. */
export async function reconcileMemberships(integrationId: string) {
  const sql = getDb().$client;
  const rows = await sql`
    select g.id, g.name, g.okta_member_count as expected, coalesce(m.n, 0)::int as stored
    from okta_groups g
    left join (select group_id, count(*) as n from okta_group_members where integration_id = ${integrationId} and deleted_at is null group by group_id) m
      on m.group_id = g.id
    where g.integration_id = ${integrationId} and g.deleted_at is null and g.okta_member_count is not null
      and g.okta_member_count <> coalesce(m.n, 0)
    order by abs(g.okta_member_count - coalesce(m.n, 0)) desc
    limit 20`;
  const [totals] = await sql`
    select coalesce(sum(okta_member_count), 0)::int as expected, count(*)::int as groups,
      (select count(*) from okta_group_members where integration_id = ${integrationId} and deleted_at is null)::int as stored
    from okta_groups where integration_id = ${integrationId} and deleted_at is null and okta_member_count is not null`;
  const [mismatched] = rows.length
    ? await sql`
      select count(*)::int as n from okta_groups g
      where g.integration_id = ${integrationId} and g.deleted_at is null and g.okta_member_count is not null
        and g.okta_member_count <> (select count(*) from okta_group_members m where m.integration_id = ${integrationId} and m.group_id = g.id and m.deleted_at is null)`
    : [{ n: 0 }];
  return {
    source: "okta_groups.expand=stats",
    expected: totals.expected,
    stored: totals.stored,
    groupsCompared: totals.groups,
    mismatchedGroups: mismatched.n as number,
    examples: rows.map((r) => ({ groupId: r.id, name: r.name, expected: r.expected, stored: r.stored })),
  };
}
