// Recording what a run changed, object by object (sync_run_changes), inside the batch writer's own
// statements: the upsert logs the rows it classified added or updated (with the fields that differ
// from the stored copy, read in the same statement's snapshot), and the sweep and incremental
// deletes log the rows they soft-delete. Nothing extra runs for an unchanged page: the log's budget is
// only counted when the page has something to log.
//
// Capped per run and resource (CHANGES_PER_RESOURCE in contracts.ts): the first import of a 100k-person tenant
// writes 100k "added" rows to the directory but only the first thousand here; the run page says
// "first sync: N added" from the run's counters instead of listing them all.
import type { ChangeObject, Resource } from "@/db/enums";
import { CHANGES_PER_RESOURCE } from "./contracts";

export interface ChangeTable {
  resource: Resource;
  object: ChangeObject;
  /** The table's key columns inside an integration (TableSpec.key), joined by "/" into object_key. */
  key: string[];
  /** Columns left out of "which fields changed" unless nothing else did (they change with everything). */
  noise: string[];
  /** A jsonb column whose changed attributes are listed as `<column>.<attribute>`... */
  json?: string;
  /** ...except attributes already listed through a column of their own. */
  mirrored?: string[];
}

export const CHANGE_TABLES: Record<string, ChangeTable> = {
  okta_users: {
    resource: "users",
    object: "user",
    key: ["id"],
    noise: ["last_updated", "status_changed", "profile"],
    json: "profile",
    mirrored: [
      "login",
      "email",
      "firstName",
      "lastName",
      "displayName",
      "department",
      "title",
      "manager",
      "managerId",
      "location",
      "employeeNumber",
      "userType",
    ],
  },
  okta_groups: {
    resource: "groups",
    object: "group",
    key: ["id"],
    noise: ["last_updated", "last_membership_updated", "okta_member_count", "profile"],
    json: "profile",
    mirrored: ["name", "description"],
  },
  okta_group_members: { resource: "memberships", object: "membership", key: ["group_id", "user_id"], noise: [] },
  okta_apps: { resource: "apps", object: "app", key: ["id"], noise: ["last_updated"] },
  okta_app_users: {
    resource: "app_assignments",
    object: "app_user",
    key: ["app_id", "user_id"],
    noise: ["last_updated", "status_changed"],
  },
  okta_app_groups: { resource: "app_assignments", object: "app_group", key: ["app_id", "group_id"], noise: ["last_updated"] },
  okta_role_assignments: { resource: "roles", object: "role", key: ["principal_type", "principal_id", "id"], noise: ["last_updated"] },
  okta_idps: { resource: "idps", object: "idp", key: ["id"], noise: ["last_updated"] },
};

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;
const lit = (s: string) => `'${s.replace(/'/g, "''")}'`;
const textArray = (xs: string[]) => `array[${xs.map(lit).join(", ")}]::text[]`;

/** The object key of alias `a`'s row. */
export const objectKeySql = (t: ChangeTable, a: string) =>
  t.key.length === 1 ? `${a}.${q(t.key[0])}` : `concat_ws('/', ${t.key.map((k) => `${a}.${q(k)}`).join(", ")})`;

/** How many changes this run may still log for `resource`, evaluated only when `nonEmpty` holds. */
function budgetSql(runParam: string, resource: Resource, nonEmpty: string) {
  return `case when ${nonEmpty} then greatest(0, ${CHANGES_PER_RESOURCE} - (select count(*) from sync_run_changes
    where run_id = ${runParam} and resource = ${lit(resource)}))::int else 0 end`;
}

/**
 * The upsert's extra CTEs (after `classified`, which holds the incoming rows with `cls`): the fields
 * of each updated row that differ from the stored copy (a lateral read that only runs for updated
 * rows), and the insert of the log rows. $2 integration, $3 workspace, $4 run.
 */
export function upsertChangeCtes(table: string, dataColumns: string[]): string {
  const t = CHANGE_TABLES[table];
  if (!t) return "";
  const keyJoin = t.key.map((k) => `s.${q(k)} = c.${q(k)}`).join(" and ");
  const diff = (cols: string[]) =>
    cols.length
      ? `array_remove(array[${cols.map((c) => `case when s.${q(c)} is distinct from c.${q(c)} then ${lit(c)} end`).join(", ")}], null)`
      : "'{}'::text[]";
  const main = dataColumns.filter((c) => !t.noise.includes(c));
  const json = t.json
    ? `coalesce((select array_agg(${lit(`${t.json}.`)} || key order by key) from jsonb_each(c.${q(t.json)}) as n(key, value)
         full join jsonb_each(s.${q(t.json)}) as o(key, value) using (key)
         where n.value is distinct from o.value and not (key = any(${textArray(t.mirrored ?? [])}))), '{}'::text[])`
    : "'{}'::text[]";
  // The budget is taken first, so a page past it (most pages of a first import) reads nothing more:
  // only the rows that will be logged are compared with their stored copy, and only updated ones.
  return `,
      to_log as (
        select * from classified c where $4::uuid is not null and c.cls in ('added', 'updated')
        order by c.osc_ord limit (${budgetSql("$4::uuid", t.resource, "$4::uuid is not null and exists (select 1 from classified where cls in ('added', 'updated'))")})
      ),
      changed as (
        select 'added' as change, ${objectKeySql(t, "c")} as object_key, null::text[] as fields from to_log c where c.cls = 'added'
        union all
        select 'updated', ${objectKeySql(t, "c")}, coalesce(nullif(d.main || d.json, '{}'::text[]), d.every)
        from to_log c
        cross join lateral (
          select ${diff(main)} as main, ${json} as json, ${diff(dataColumns)} as every
          from ${q(table)} s where s.integration_id = $2::uuid and ${keyJoin}
        ) d
        where c.cls = 'updated'
      ),
      logged as (
        insert into sync_run_changes (run_id, workspace_id, integration_id, resource, object, change, object_key, fields)
        select $4::uuid, $3::uuid, $2::uuid, ${lit(t.resource)}, ${lit(t.object)}, x.change, x.object_key, x.fields from changed x
        returning 1
      )`;
}

/**
 * A soft delete that logs what it deleted: `update` is the UPDATE ... RETURNING * of one table; the
 * statement answers `{ n }`, the rows it deleted. `p` names the parameters holding the run, workspace
 * and integration.
 */
export function deleteAndLogSql(
  table: string,
  resource: Resource,
  update: string,
  p: { run: string; workspace: string; integration: string },
): string {
  const t = CHANGE_TABLES[table];
  if (!t) return `with d as (${update}) select count(*)::int as n from d`;
  return `with d as (${update}),
    logged as (
      insert into sync_run_changes (run_id, workspace_id, integration_id, resource, object, change, object_key)
      select ${p.run}::uuid, ${p.workspace}::uuid, ${p.integration}::uuid, ${lit(resource)}, ${lit(t.object)}, 'deleted', ${objectKeySql(t, "d")} from d
      limit (${budgetSql(`${p.run}::uuid`, resource, "exists (select 1 from d)")})
      returning 1
    )
    select count(*)::int as n from d`;
}
