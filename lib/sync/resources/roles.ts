// Admin role assignments, standard and custom, held directly or through a group.
//
// Cost: Okta has no "list all role assignments". /iam/assignees/users names the users holding any
// role (directly or through a group), so we ask /users/{id}/roles only for those (not a call per
// user). For groups, asking /groups/{id}/roles of every group would cost one call per group (5,000
// on a large org, doubling the group bucket's load), so we ask only the groups whose expand=stats
// says `hasAdminPrivilege`. Without stats (Okta refused expand=stats) we fall back to the groups of
// users holding a GROUP-assigned role plus the groups that held a role at the last run; a group with
// a role but no members is then missed, which grants nobody anything.
// Small lists: no page checkpoint; a resumed run redoes roles, and rows already seen by this run
// are not counted twice.
import { z } from "zod";
import { getDb } from "@/db";
import { inParallel } from "@/lib/in-parallel";
import type { OktaResponse } from "@/lib/okta/client";
import { nextLink } from "@/lib/okta/pagination";
import { oktaRoleSchema } from "@/lib/okta/schemas";
import { deleteRows } from "../incremental/delete-rows";
import { eventsSince, MEMBERSHIP, PRIVILEGE, targetId } from "../incremental/events";
import { sinceOf } from "../incremental/window";
import type { ResourceContext } from "../run-context";
import { scopeFilter } from "../scope";
import { roleRow, rolesTable } from "../tables";
import { deletedGroupIds } from "./groups";
import { deletedUserIds } from "./users";
import { InvalidObjects, isNotFound, parseItems, throwIfAborted } from "./walk";

const assigneesPage = z.object({
  value: z.array(z.object({ id: z.string().min(1) }).catch({ id: "" })).catch([]),
  _links: z
    .object({ next: z.object({ href: z.string() }).nullish().catch(null) })
    .nullish()
    .catch(null),
});

async function* roleAssignees(ctx: ResourceContext): AsyncGenerator<string[]> {
  let url: string | null = `${ctx.client.domain}/api/v1/iam/assignees/users?limit=200`;
  while (url) {
    throwIfAborted(ctx);
    const res: OktaResponse<unknown> = await ctx.client.get<unknown>(url);
    // The spec pages this list through `_links.next` in the body; a Link header is honoured too.
    const body = assigneesPage.parse(Array.isArray(res.body) ? { value: res.body } : (res.body ?? {}));
    const ids: string[] = body.value.map((u) => u.id).filter(Boolean);
    yield ids;
    const next: string | null = body._links?.next?.href ?? nextLink(res.headers.get("link"), url);
    url = ids.length && next && next !== url ? next : null;
  }
}

export async function syncRoles(ctx: ResourceContext): Promise<"full" | "incremental"> {
  const since = sinceOf(ctx, "roles");
  if (!since) {
    await syncRolesFull(ctx);
    return "full";
  }
  // Incremental: re-read only principals the System Log names in privilege grants and revokes, and
  // members who joined or left a group that holds a role; deleted users and groups lose theirs.
  const integrationId = ctx.lease.integrationId;
  const invalid = new InvalidObjects();
  const users = new Set<string>();
  const groups = new Set<string>();
  const memberships: [string, string][] = [];
  for (const e of await eventsSince(integrationId, since, [...PRIVILEGE, ...MEMBERSHIP])) {
    const g = targetId(e, "UserGroup");
    const u = targetId(e, "User");
    if (e.eventType.startsWith("group.privilege") && g) groups.add(g);
    else if (e.eventType.startsWith("user.account.privilege") && u) users.add(u);
    else if (g && u) memberships.push([g, u]);
  }
  if (memberships.length) {
    const privileged = new Set(
      (
        await getDb()
          .$client`select id from okta_groups where integration_id = ${integrationId} and deleted_at is null and has_admin_privilege is not false
        and id = any(${memberships.map(([g]) => g)}::text[])`
      ).map((r) => r.id as string),
    );
    for (const [g, u] of memberships) if (privileged.has(g)) users.add(u);
  }
  // Users who entered the scope in this run bring their roles.
  for (const u of ctx.enteredScope) users.add(u);
  const goneUsers = await deletedUserIds(integrationId, since);
  const goneGroups = await deletedGroupIds(integrationId, since);
  for (const u of goneUsers) users.delete(u);
  for (const g of goneGroups) groups.delete(g);
  // Scoped: roles of users and groups the scope keeps; those of principals that left it go.
  const keep = await scopeFilter(ctx);
  if (keep.users) for (const u of [...users]) if (!keep.users.has(u)) users.delete(u);
  if (keep.groups) for (const g of [...groups]) if (!keep.groups.has(g)) groups.delete(g);
  if (keep.users)
    await deleteRows(
      ctx.lease,
      "roles",
      "okta_role_assignments",
      "principal_type = 'USER' and not exists (select 1 from okta_users u where u.integration_id = $1::uuid and u.id = principal_id and u.deleted_at is null)",
      [],
    );
  if (keep.groups)
    await deleteRows(
      ctx.lease,
      "roles",
      "okta_role_assignments",
      "principal_type = 'GROUP' and not exists (select 1 from okta_groups g where g.integration_id = $1::uuid and g.id = principal_id and g.deleted_at is null)",
      [],
    );
  const reread = async (type: "USER" | "GROUP", id: string) => {
    const rows = await syncPrincipalRoles(ctx, type, id, invalid);
    await deleteRows(
      ctx.lease,
      "roles",
      "okta_role_assignments",
      "principal_type = $2 and principal_id = $3 and not (id = any($4::text[]))",
      [type, id, rows?.map((r) => r.id) ?? []],
    );
  };
  await inParallel([...users], 4, (id) => reread("USER", id));
  await inParallel([...groups], 4, (id) => reread("GROUP", id));
  if (goneUsers.length)
    await deleteRows(ctx.lease, "roles", "okta_role_assignments", "principal_type = 'USER' and principal_id = any($2::text[])", [
      goneUsers,
    ]);
  if (goneGroups.length)
    await deleteRows(ctx.lease, "roles", "okta_role_assignments", "principal_type = 'GROUP' and principal_id = any($2::text[])", [
      goneGroups,
    ]);
  await invalid.report(ctx, "role assignments");
  return "incremental";
}

/** One principal's roles; the rows stored, or null when Okta no longer knows the principal. */
async function syncPrincipalRoles(ctx: ResourceContext, type: "USER" | "GROUP", id: string, invalid: InvalidObjects) {
  throwIfAborted(ctx);
  try {
    const res = await ctx.client.get<unknown>(`/api/v1/${type === "USER" ? "users" : "groups"}/${encodeURIComponent(id)}/roles`);
    const items = Array.isArray(res.body) ? res.body : [];
    const { rows, invalid: bad } = parseItems(items, oktaRoleSchema, (r) => roleRow(type, id, r));
    invalid.add(bad);
    await ctx.commit({ writes: [{ spec: rolesTable, rows }], pages: 1, objects: rows.length });
    return rows;
  } catch (e) {
    if (!isNotFound(e)) throw e;
    return null;
  }
}

async function syncRolesFull(ctx: ResourceContext) {
  const invalid = new InvalidObjects();
  const viaGroup = new Set<string>();

  const syncPrincipal = async (type: "USER" | "GROUP", id: string) => {
    const rows = await syncPrincipalRoles(ctx, type, id, invalid);
    if (type === "USER" && rows?.some((r) => r.assignment_type === "GROUP")) viaGroup.add(id);
  };

  // Scoped: role holders outside the scope are counted, not read (the users step ran first).
  const keep = await scopeFilter(ctx);
  let outOfScope = 0;
  for await (const ids of roleAssignees(ctx)) {
    const kept = keep.users ? ids.filter((id) => keep.users!.has(id)) : ids;
    outOfScope += ids.length - kept.length;
    await inParallel(kept, 4, (id) => syncPrincipal("USER", id));
  }
  if (keep.users) await ctx.setOutOfScope(outOfScope);

  const candidates = await getDb().$client`
    select distinct g.id from okta_groups g
    where g.integration_id = ${ctx.lease.integrationId} and g.deleted_at is null and (
      g.has_admin_privilege
      or g.has_admin_privilege is null and g.id in (select m.group_id from okta_group_members m
               where m.integration_id = ${ctx.lease.integrationId} and m.deleted_at is null and m.user_id = any(${[...viaGroup]}::text[]))
      or g.has_admin_privilege is null and g.id in (select r.principal_id from okta_role_assignments r
                  where r.integration_id = ${ctx.lease.integrationId} and r.principal_type = 'GROUP' and r.deleted_at is null))
    order by g.id`;
  await inParallel(
    candidates.map((c) => c.id as string),
    4,
    (id) => syncPrincipal("GROUP", id),
  );
  await invalid.report(ctx, "role assignments");
}
