// Who holds an admin role: directly (a USER assignment) or through an Okta group the person is a
// member of (a GROUP assignment). Role assignments are a few hundred rows per org; the people they
// reach through groups come from the live membership index, so the set is built first and people
// are then fetched by primary key.
import { type SQL, sql } from "drizzle-orm";
import type { WorkspaceCtx } from "@/lib/context";
import { ADMIN_ROLE_ANY } from "./contracts";

/** `any`, a role type (SUPER_ADMIN, CUSTOM, …) or a custom role's id. */
function roleMatches(role: string | undefined): SQL {
  if (!role || role === ADMIN_ROLE_ANY) return sql`true`;
  return /^[A-Z]/.test(role) ? sql`ra.role_type = ${role}` : sql`ra.custom_role_id = ${role}`;
}

/** A select of (integration_id, user_id) for every person holding a matching role, once per way they hold it. */
export function adminHolders(workspaceId: string, role: string | undefined, integrationId?: string): SQL {
  const scope = sql`ra.workspace_id = ${workspaceId}::uuid and ra.deleted_at is null and ${roleMatches(role)}${
    integrationId ? sql` and ra.integration_id = ${integrationId}::uuid` : sql``
  }`;
  return sql`select ra.integration_id, ra.principal_id as user_id from okta_role_assignments ra
      where ${scope} and ra.principal_type = 'USER'
    union all
    select gm.integration_id, gm.user_id from okta_role_assignments ra
      join okta_group_members gm on gm.integration_id = ra.integration_id and gm.group_id = ra.principal_id and gm.deleted_at is null
      where ${scope} and ra.principal_type = 'GROUP'`;
}

/**
 * Whether the person `outer` (its integration_id and id columns) holds a matching role: two primary-key
 * probes per person (a direct assignment; an assignment to one of the person's groups). For walking a
 * sort index, where building the whole holders set first (a group granting a role to 8% of a million
 * people is 80,000 holders) costs more than probing the few hundred people walked. `offset 0` keeps
 * each a per-person probe.
 */
export function holdsAdminRole(workspaceId: string, role: string | undefined, outer: { integrationId: SQL; id: SQL }): SQL {
  const scope = sql`ra.workspace_id = ${workspaceId}::uuid and ra.deleted_at is null and ${roleMatches(role)}`;
  return sql`(exists (select 1 from okta_role_assignments ra
      where ra.integration_id = ${outer.integrationId} and ra.principal_type = 'USER' and ra.principal_id = ${outer.id} and ${scope} offset 0)
    or exists (select 1 from okta_group_members gm
      join okta_role_assignments ra on ra.integration_id = gm.integration_id and ra.principal_type = 'GROUP' and ra.principal_id = gm.group_id
      where gm.integration_id = ${outer.integrationId} and gm.user_id = ${outer.id} and gm.deleted_at is null and ${scope} offset 0))`;
}

export interface HeldRole {
  roleType: string;
  label: string | null;
  customRoleId: string | null;
  /** The group it comes through; null when assigned to the person directly. */
  via: { id: string; name: string } | null;
}

/** The admin roles of each of these people (by `integrationId/userId`), direct ones first. */
export async function rolesOf(ctx: WorkspaceCtx, people: { integrationId: string; id: string }[]): Promise<Map<string, HeldRole[]>> {
  const out = new Map<string, HeldRole[]>();
  if (people.length === 0) return out;
  const pairs = JSON.stringify(people.map((p) => ({ integration_id: p.integrationId, user_id: p.id })));
  const rows = await ctx.db.execute<{
    integration_id: string;
    user_id: string;
    role_type: string;
    label: string | null;
    custom_role_id: string | null;
    group_id: string | null;
    group_name: string | null;
  }>(sql`with page as (select * from json_to_recordset(${pairs}::json) as p(integration_id uuid, user_id text))
    select ra.integration_id, ra.principal_id as user_id, ra.role_type, ra.label, ra.custom_role_id, null as group_id, null as group_name
      from okta_role_assignments ra join page p on p.integration_id = ra.integration_id and p.user_id = ra.principal_id
      where ra.workspace_id = ${ctx.workspaceId}::uuid and ra.deleted_at is null and ra.principal_type = 'USER'
    union all
    select gm.integration_id, gm.user_id, ra.role_type, ra.label, ra.custom_role_id, g.id, g.name
      from page p
      join okta_group_members gm on gm.integration_id = p.integration_id and gm.user_id = p.user_id and gm.deleted_at is null
      join okta_role_assignments ra on ra.integration_id = gm.integration_id and ra.principal_type = 'GROUP' and ra.principal_id = gm.group_id
        and ra.deleted_at is null and ra.workspace_id = ${ctx.workspaceId}::uuid
      left join okta_groups g on g.integration_id = gm.integration_id and g.id = gm.group_id
    order by 1, 2, 6 nulls first, 3, 7`);
  for (const r of rows) {
    const key = `${r.integration_id}/${r.user_id}`;
    const list = out.get(key) ?? [];
    list.push({
      roleType: r.role_type,
      label: r.label,
      customRoleId: r.custom_role_id,
      via: r.group_id ? { id: r.group_id, name: r.group_name ?? r.group_id } : null,
    });
    out.set(key, list);
  }
  return out;
}
