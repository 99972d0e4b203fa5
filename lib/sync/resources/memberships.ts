// Members of each group (never the groups of each user: one call per group, not per user). Groups
// whose Okta member count is 0 are skipped; their stored memberships, if any, are swept. After the
// pass, Okta's counts are reconciled with what we stored.
import { sql as drizzleSql } from "drizzle-orm";
import { getDb } from "@/db";
import { maintainedCount } from "@/lib/directory/counts";
import { idOnlySchema, oktaUserSchema } from "@/lib/okta/schemas";
import { deleteRows } from "../incremental/delete-rows";
import { eventsSince, MEMBERSHIP, targetId, USER_CREATED } from "../incremental/events";
import { oktaDate, sinceOf } from "../incremental/window";
import type { ResourceContext } from "../run-context";
import { liveIds, pruneOutOfScope } from "../scope";
import { type SyncScope, userMatches } from "../scope-contract";
import { membershipsTable } from "../tables";
import { deletedGroupIds } from "./groups";
import { deletedUserIds } from "./users";
import { InvalidObjects, isNotFound, liveParents, parseItems, throwIfAborted, walkParents } from "./walk";

type GroupParent = { id: string; okta_member_count: number | null };

/**
 * A page of members as rows, and how many the scope's statuses and user types left out. Members
 * are full User objects: the check needs no users table (memberships do not wait for users).
 */
function memberRows(scope: SyncScope | null, groupId: string, items: unknown[]) {
  if (!scope?.userStatuses && !scope?.userTypes) {
    const { rows, invalid } = parseItems(items, idOnlySchema, (u) => ({ group_id: groupId, user_id: u.id }));
    return { rows, invalid, outOfScope: 0 };
  }
  const { rows: users, invalid } = parseItems(items, oktaUserSchema, (u) => u);
  const kept = users.filter((u) =>
    userMatches(scope, {
      status: u.status,
      userType: typeof u.profile.userType === "string" ? u.profile.userType : null,
      typeId: u.type?.id ?? null,
    }),
  );
  return { rows: kept.map((u) => ({ group_id: groupId, user_id: u.id })), invalid, outOfScope: users.length - kept.length };
}
export const filtersMembers = (scope: SyncScope | null) => !!(scope?.userStatuses || scope?.userTypes);

export async function syncMemberships(ctx: ResourceContext): Promise<"full" | "incremental"> {
  const since = sinceOf(ctx, "memberships");
  if (since) {
    // Idempotent: a resumed run applies the same events again; rows it already wrote count once.
    await syncMembershipsIncremental(ctx, since);
    return "incremental";
  }
  await syncMembershipsFull(ctx);
  return "full";
}

async function syncMembershipsFull(ctx: ResourceContext) {
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
      const pages =
        typeof state === "string"
          ? ctx.client.pages<unknown>(state)
          : ctx.client.pages<unknown>(`/api/v1/groups/${encodeURIComponent(group.id)}/users`, { limit: 1000 });
      try {
        for await (const page of pages) {
          throwIfAborted(ctx);
          const { rows, invalid: bad, outOfScope } = memberRows(ctx.scope, group.id, page.items);
          invalid.add(bad);
          await ctx.commit({
            writes: [{ spec: membershipsTable, rows }],
            pages: 1,
            objects: rows.length,
            outOfScope: filtersMembers(ctx.scope) ? outOfScope : undefined,
            checkpoint: { setPath: ["inflight", group.id], value: page.nextUrl ?? "done" },
          });
        }
      } catch (e) {
        // Deleted between the groups pass and now: nothing to copy, its rows are swept.
        if (!isNotFound(e)) throw e;
      }
    },
  });
  await invalid.report(ctx, "group members");
}

/**
 * Okta's member count per group against the live memberships we store. When the scope leaves some
 * members out (statuses, user types), a group can only be checked for storing no more than Okta
 * counts, and the totals for stored + out of scope = Okta's count.
 */
export async function reconcileMemberships(integrationId: string, scoped: { outOfScope: number | null } | null = null) {
  const outOfScope = scoped ? (scoped.outOfScope ?? 0) : null;
  const sql = getDb().$client;
  // Stored counts are the maintained per-group aggregates (okta_counts' group_members, kept by the
  // membership triggers in the same statement as the rows): a sum over a few delta rows per group instead
  // of a pass over every live membership (Everyone alone holds one per person).
  const rows = await sql`
    with m as materialized (
      select key as group_id, sum(n) as n from okta_counts where integration_id = ${integrationId} and subject = 'group_members' group by key
    )
    select g.id, g.name, g.okta_member_count as expected, coalesce(m.n, 0)::int as stored, count(*) over ()::int as mismatched
    from okta_groups g
    left join m on m.group_id = g.id
    where g.integration_id = ${integrationId} and g.deleted_at is null and g.okta_member_count is not null
      and (g.okta_member_count < coalesce(m.n, 0) or (${scoped === null} and g.okta_member_count <> coalesce(m.n, 0)))
    order by abs(g.okta_member_count - coalesce(m.n, 0)) desc
    limit 20`;
  const [totals] = await sql`
    select coalesce(sum(okta_member_count), 0)::int as expected, count(*)::int as groups,
      (select coalesce(sum(n), 0) from okta_counts where integration_id = ${integrationId} and subject = 'memberships')::int as stored
    from okta_groups where integration_id = ${integrationId} and deleted_at is null and okta_member_count is not null`;
  return {
    source: "okta_groups.expand=stats",
    expected: totals.expected,
    stored: totals.stored,
    groupsCompared: totals.groups,
    ...(outOfScope === null ? {} : { outOfScope }),
    mismatchedGroups:
      ((rows[0]?.mismatched as number | undefined) ?? 0) +
      (scoped?.outOfScope != null && totals.expected !== totals.stored + scoped.outOfScope ? 1 : 0),
    examples: rows.map((r) => ({ groupId: r.id, name: r.name, expected: r.expected, stored: r.stored })),
  };
}

/**
 * Incremental: the System Log's membership events since the mark are applied in order (last event
 * per pair wins; a user's creation puts them in Everyone, a user's or group's deletion ends all of
 * their memberships). Then every group whose lastMembershipUpdated moved is checked against Okta's
 * member count (expand=stats, read by the groups step): where the stored count differs, or Okta gave
 * no count, the log did not explain the change and that group's members are re-read in full.
 */
export async function syncMembershipsIncremental(ctx: ResourceContext, since: Date) {
  const integrationId = ctx.lease.integrationId;
  const sql = getDb().$client;
  const [everyone] =
    await sql`select id from okta_groups where integration_id = ${integrationId} and type = 'BUILT_IN' and deleted_at is null limit 1`;
  const events = await eventsSince(integrationId, since, [...MEMBERSHIP, ...USER_CREATED]);
  const pairs = new Map<string, { group_id: string; user_id: string; present: boolean }>();
  for (const e of events) {
    const user = targetId(e, "User");
    const group = e.eventType === "user.lifecycle.create" ? (everyone?.id as string | undefined) : targetId(e, "UserGroup");
    if (!user || !group) continue;
    pairs.set(`${group}\u0000${user}`, { group_id: group, user_id: user, present: e.eventType !== "group.user_membership.remove" });
  }
  // Deleted users and groups first: an add followed by a deletion in the same window is no change.
  const goneUsers = new Set(await deletedUserIds(integrationId, since));
  const goneGroups = new Set(await deletedGroupIds(integrationId, since));
  const live = [...pairs.values()].filter((p) => !goneUsers.has(p.user_id) && !goneGroups.has(p.group_id));
  // Scoped: only users the users step (which ran first) keeps; the others are out of scope.
  const users = filtersMembers(ctx.scope) ? await liveIds("okta_users", integrationId) : null;
  const adds = live.filter((p) => p.present && (!users || users.has(p.user_id))).map(({ group_id, user_id }) => ({ group_id, user_id }));
  const removes = live.filter((p) => !p.present);
  for (let i = 0; i < adds.length; i += 1000) {
    const rows = adds.slice(i, i + 1000);
    await ctx.commit({ writes: [{ spec: membershipsTable, rows }], objects: rows.length });
  }
  if (removes.length) {
    await deleteRows(
      ctx.lease,
      "memberships",
      "okta_group_members",
      "(group_id, user_id) in (select * from unnest($2::text[], $3::text[]))",
      [removes.map((r) => r.group_id), removes.map((r) => r.user_id)],
    );
  }
  if (goneUsers.size) await deleteRows(ctx.lease, "memberships", "okta_group_members", "user_id = any($2::text[])", [[...goneUsers]]);
  if (goneGroups.size) await deleteRows(ctx.lease, "memberships", "okta_group_members", "group_id = any($2::text[])", [[...goneGroups]]);
  // Members who left the scope (a status change) go with their user.
  await pruneOutOfScope(ctx.lease, ctx.scope, "memberships", "okta_group_members", { user: "user_id" });

  // Users who entered the scope in this run (the users step just stored them): their groups.
  if (ctx.enteredScope.size) {
    const groups = await liveIds("okta_groups", integrationId);
    for (const user of [...ctx.enteredScope].sort()) {
      throwIfAborted(ctx);
      try {
        for await (const page of ctx.client.pages<unknown>(`/api/v1/users/${encodeURIComponent(user)}/groups`)) {
          const { rows, invalid: bad } = parseItems(page.items, idOnlySchema, (g) => ({ group_id: g.id, user_id: user }));
          const kept = rows.filter((r) => groups.has(r.group_id));
          if (bad) await ctx.note("warn", "sync.invalid_objects", `Skipped ${bad} groups that Okta returned without an id`, { count: bad });
          await ctx.commit({ writes: [{ spec: membershipsTable, rows: kept }], pages: 1, objects: kept.length });
        }
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    }
  }

  // Stored counts: the maintained per-group aggregate, not a count of the rows (Everyone: one per person).
  const stored = maintainedCount("group_members", drizzleSql`g.integration_id`, drizzleSql`g.id`);
  const unexplained = await getDb().execute<{ id: string }>(drizzleSql`
    select g.id from okta_groups g
    where g.integration_id = ${integrationId} and g.deleted_at is null and g.last_membership_updated > ${oktaDate(since)}::timestamptz
      and (g.okta_member_count is null or g.okta_member_count <> ${stored})
    order by g.id`);
  const invalid = new InvalidObjects();
  for (const { id } of unexplained) await rereadMembers(ctx, id as string, invalid);
  await invalid.report(ctx, "group members");
  return { events: events.length, reread: unexplained.length };
}

/** Every member of one group, then the stored members Okta no longer lists are deleted. */
async function rereadMembers(ctx: ResourceContext, groupId: string, invalid: InvalidObjects) {
  const seen: string[] = [];
  try {
    for await (const page of ctx.client.pages<unknown>(`/api/v1/groups/${encodeURIComponent(groupId)}/users`, { limit: 1000 })) {
      throwIfAborted(ctx);
      const { rows, invalid: bad } = memberRows(ctx.scope, groupId, page.items);
      invalid.add(bad);
      for (const r of rows) seen.push(r.user_id);
      await ctx.commit({ writes: [{ spec: membershipsTable, rows }], pages: 1, objects: rows.length });
    }
  } catch (e) {
    if (!isNotFound(e)) throw e;
  }
  await deleteRows(ctx.lease, "memberships", "okta_group_members", "group_id = $2 and not (user_id = any($3::text[]))", [groupId, seen]);
}
