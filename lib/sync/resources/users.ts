// Users of every status. A plain /api/v1/users leaves DEPROVISIONED users out; any `search` includes
// them, and `status pr` matches everyone. 200 is the largest page Okta serves.
//
// Incremental: only users whose lastUpdated moved since the mark (minus the overlap). Okta does not
// report deletions in lastUpdated searches, so hard-deleted users come from the System Log's
// user.lifecycle.delete events (a DEPROVISIONED user is still listed, with that status).
//
// Scoped (scope-contract.ts): statuses and user types go into the full pass's `search`; chosen
// groups make the users the members of those groups (read from /groups/{id}/users, which serves
// full User objects, status and type then checked here). How many users Okta has in all comes from
// the Everyone group's member count, so the run can say how many the scope left out. An incremental
// pass reads every changed user and checks the scope here: a user who left it is deleted.
import { getDb } from "@/db";
import { oktaGroupSchema, oktaUserSchema } from "@/lib/okta/schemas";
import { deleteRows } from "../incremental/delete-rows";
import { eventsSince, targetId, USER_DELETED } from "../incremental/events";
import { oktaDate, sinceOf } from "../incremental/window";
import type { ResourceContext } from "../run-context";
import { restrictsUsers, type SyncScope, userMatches, userSearchClause } from "../scope-contract";
import { userRow, usersTable } from "../tables";
import { InvalidObjects, isNotFound, parseItems, type Row, throwIfAborted, walkList, walkParents } from "./walk";

const inScope = (scope: SyncScope | null) => (r: Row) =>
  userMatches(scope, {
    status: String(r.status),
    userType: (r.user_type as string | null) ?? null,
    typeId: (r.type_id as string | null) ?? null,
  });

export async function syncUsers(ctx: ResourceContext): Promise<"full" | "incremental"> {
  const since = sinceOf(ctx, "users");
  const scope = ctx.scope;
  if (!since) {
    if (scope?.groupIds) await syncMembersOfGroups(ctx, scope.groupIds);
    else
      await walkList(ctx, {
        path: "/api/v1/users",
        query: { search: userSearchClause(scope) ?? "status pr", limit: 200 },
        schema: oktaUserSchema,
        toRow: userRow,
        spec: usersTable,
        what: "users",
        keep: restrictsUsers(scope) ? inScope(scope) : undefined,
      });
    if (restrictsUsers(scope)) await ctx.setOutOfScope(await countLeftOut(ctx));
    return "full";
  }
  await walkList(ctx, {
    path: "/api/v1/users",
    query: { search: `lastUpdated gt "${oktaDate(since)}"`, limit: 200 },
    schema: oktaUserSchema,
    toRow: userRow,
    spec: usersTable,
    what: "users",
    keep: restrictsUsers(scope) ? inScope(scope) : undefined,
    onRejected: async (rows) => void (await deleteRows(ctx.lease, "users", "okta_users", "id = any($2::text[])", [rows.map((r) => r.id)])),
    onKept: restrictsUsers(scope)
      ? async (rows) => {
          // Not stored (or stored as deleted) before this page: the user enters the scope now.
          const ids = rows.map((r) => r.id as string);
          const live = new Set(
            (
              await getDb()
                .$client`select id from okta_users where integration_id = ${ctx.lease.integrationId} and deleted_at is null and id = any(${ids}::text[])`
            ).map((r) => r.id as string),
          );
          for (const id of ids) if (!live.has(id)) ctx.enteredScope.add(id);
        }
      : undefined,
  });
  const gone = await deletedUserIds(ctx.lease.integrationId, since);
  if (gone.length) await deleteRows(ctx.lease, "users", "okta_users", "id = any($2::text[])", [gone]);
  return "incremental";
}

/** One group at a time: a user in several chosen groups is then written once and counted once. */
async function syncMembersOfGroups(ctx: ResourceContext, groupIds: string[]) {
  const invalid = new InvalidObjects();
  const keep = inScope(ctx.scope);
  await walkParents<{ id: string }>(ctx, {
    parents: async function* (after) {
      for (const id of groupIds) if (!after || id > after) yield { id };
    },
    concurrency: 1,
    work: async (group, state) => {
      if (state === "done") return;
      const pages =
        typeof state === "string"
          ? ctx.client.pages<unknown>(state)
          : ctx.client.pages<unknown>(`/api/v1/groups/${encodeURIComponent(group.id)}/users`, { limit: 1000 });
      try {
        for await (const page of pages) {
          throwIfAborted(ctx);
          const { rows, invalid: bad } = parseItems(page.items, oktaUserSchema, userRow);
          invalid.add(bad);
          const kept = rows.filter(keep);
          await ctx.commit({
            writes: [{ spec: usersTable, rows: kept }],
            pages: 1,
            objects: kept.length,
            checkpoint: { setPath: ["inflight", group.id], value: page.nextUrl ?? "done" },
          });
        }
      } catch (e) {
        // A chosen group deleted in Okta has no members to copy.
        if (!isNotFound(e)) throw e;
      }
    },
  });
  await invalid.report(ctx, "users");
}

/** Okta's user total (the Everyone group's member count) minus the users this pass kept; null if unknown. */
async function countLeftOut(ctx: ResourceContext): Promise<number | null> {
  let total: number | null = null;
  try {
    const res = await ctx.client.get<unknown>("/api/v1/groups", { filter: 'type eq "BUILT_IN"', expand: "stats", limit: 10 });
    const everyone = (Array.isArray(res.body) ? res.body : []).map((g) => oktaGroupSchema.safeParse(g)).find((g) => g.success)?.data;
    total = everyone?._embedded?.stats?.usersCount ?? null;
  } catch (e) {
    if (ctx.signal.aborted) throw e;
    // Without okta.groups.read (or stats) the total is unknown; the users themselves are synced.
    return null;
  }
  if (total === null) return null;
  const [{ n }] = await getDb()
    .$client`select count(*)::int as n from okta_users where integration_id = ${ctx.lease.integrationId} and seen_run_id = ${ctx.lease.runId}`;
  return Math.max(0, total - n);
}

/** Users the System Log says were deleted since `since` (ids are never reused). */
export async function deletedUserIds(integrationId: string, since: Date): Promise<string[]> {
  return [
    ...new Set((await eventsSince(integrationId, since, USER_DELETED)).map((e) => targetId(e, "User")).filter((x): x is string => !!x)),
  ];
}
