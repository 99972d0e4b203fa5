// Users of every status. A plain /api/v1/users leaves DEPROVISIONED users out; any `search` includes
// them, and `status pr` matches everyone (PITFALLS "Reading"). 200 is the largest page Okta serves.
//
// Incremental: only users whose lastUpdated moved since the mark (minus the overlap). Okta does not
// report deletions in lastUpdated searches, so hard-deleted users come from the System Log's
// user.lifecycle.delete events (a DEPROVISIONED user is still listed, with that status).
import { deleteRows } from "../incremental/delete-rows";
import { eventsSince, targetId, USER_DELETED } from "../incremental/events";
import { oktaDate, sinceOf } from "../incremental/window";
import type { ResourceContext } from "../run-context";
import { oktaUserSchema, userRow, usersTable } from "../tables";
import { walkList } from "./walk";

export async function syncUsers(ctx: ResourceContext): Promise<"full" | "incremental"> {
  const since = sinceOf(ctx, "users");
  const search = since ? `lastUpdated gt "${oktaDate(since)}"` : "status pr";
  await walkList(ctx, { path: "/api/v1/users", query: { search, limit: 200 }, schema: oktaUserSchema, toRow: userRow, spec: usersTable, what: "users" });
  if (!since) return "full";
  const gone = await deletedUserIds(ctx.lease.integrationId, since);
  if (gone.length) await deleteRows(ctx.lease, "users", "okta_users", "id = any($2::text[])", [gone]);
  return "incremental";
}

/** Users the System Log says were deleted since `since` (ids are never reused). */
export async function deletedUserIds(integrationId: string, since: Date): Promise<string[]> {
  return [...new Set((await eventsSince(integrationId, since, USER_DELETED)).map((e) => targetId(e, "User")).filter((x): x is string => !!x))];
}
