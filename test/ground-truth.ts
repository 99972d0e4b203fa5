// The ground truth the sync tests compare the database with: for each directory table, the columns
// the product stores, mapped from the emulator's raw Okta objects by this file alone. It imports
// nothing from lib/sync or lib/okta on purpose: a mapping bug in lib/sync/tables.ts (a field read from
// the wrong place, a column left out of an upsert, an upsert that updates the hash but not the
// columns) then shows as a difference instead of being copied into the expectation.
//
// Each row becomes one canonical string (its columns as JSON, times as ISO instants, JSON objects
// with sorted keys), keyed like the tables; `storedRows` reads the same columns from Postgres and
// makes the same string. Comparing the two maps compares every stored column of every live row.
import { getDb } from "@/db";

type Obj = Record<string, unknown>;
type Kind = "text" | "time" | "int" | "bool" | "json";

/** One table as the product stores it: key columns and data columns (SQL names) with their kinds. */
export interface TruthTable {
  table: string;
  /** The comparison key, from the SQL key columns, joined with "/". */
  key: string[];
  columns: Record<string, Kind>;
}

export const TRUTH_TABLES = {
  users: {
    table: "okta_users",
    key: ["id"],
    columns: {
      id: "text",
      status: "text",
      login: "text",
      email: "text",
      first_name: "text",
      last_name: "text",
      display_name: "text",
      department: "text",
      title: "text",
      manager: "text",
      manager_id: "text",
      location: "text",
      employee_number: "text",
      user_type: "text",
      type_id: "text",
      created: "time",
      activated: "time",
      status_changed: "time",
      last_login: "time",
      last_updated: "time",
      password_changed: "time",
      profile: "json",
    },
  },
  groups: {
    table: "okta_groups",
    key: ["id"],
    columns: {
      id: "text",
      type: "text",
      name: "text",
      description: "text",
      source_app_id: "text",
      created: "time",
      last_updated: "time",
      last_membership_updated: "time",
      okta_member_count: "int",
      has_admin_privilege: "bool",
      profile: "json",
    },
  },
  memberships: { table: "okta_group_members", key: ["group_id", "user_id"], columns: { group_id: "text", user_id: "text" } },
  apps: {
    table: "okta_apps",
    key: ["id"],
    columns: { id: "text", name: "text", label: "text", status: "text", sign_on_mode: "text", created: "time", last_updated: "time" },
  },
  appUsers: {
    table: "okta_app_users",
    key: ["app_id", "user_id"],
    columns: {
      app_id: "text",
      user_id: "text",
      scope: "text",
      status: "text",
      sync_state: "text",
      external_id: "text",
      user_name: "text",
      created: "time",
      last_updated: "time",
      status_changed: "time",
    },
  },
  appGroups: {
    table: "okta_app_groups",
    key: ["app_id", "group_id"],
    columns: { app_id: "text", group_id: "text", priority: "int", last_updated: "time" },
  },
  roles: {
    table: "okta_role_assignments",
    key: ["principal_type", "principal_id", "id"],
    columns: {
      principal_type: "text",
      principal_id: "text",
      id: "text",
      role_type: "text",
      label: "text",
      status: "text",
      assignment_type: "text",
      custom_role_id: "text",
      resource_set_id: "text",
      created: "time",
      last_updated: "time",
    },
  },
  idps: {
    table: "okta_idps",
    key: ["id"],
    columns: { id: "text", type: "text", name: "text", status: "text", protocol_type: "text", created: "time", last_updated: "time" },
  },
} satisfies Record<string, TruthTable>;
type TableName = keyof typeof TRUTH_TABLES;

export interface Truth {
  users: Obj[];
  groups: Obj[];
  memberships: { groupId: string; userIds: string[] }[];
  apps: Obj[];
  appUsers: Record<string, Obj[]>;
  appGroups: Record<string, Obj[]>;
  roles: { users: Record<string, Obj[]>; groups: Record<string, Obj[]> };
  idps: Obj[];
}

// ---- canonical values ---------------------------------------------------------------------------
function sortedJson(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(sortedJson);
  if (v && typeof v === "object") {
    const out: Obj = {};
    for (const k of Object.keys(v).sort()) out[k] = sortedJson((v as Obj)[k]);
    return out;
  }
  return v;
}

function canonical(kind: Kind, v: unknown): unknown {
  if (v === null || v === undefined) return null;
  switch (kind) {
    case "time":
      return new Date(v as string).toISOString();
    case "json":
      return sortedJson(v);
    default:
      return v;
  }
}

/** A row's columns (in the table's column order) as one string. */
function rowString(spec: TruthTable, row: Obj): string {
  const out: Obj = {};
  for (const [column, kind] of Object.entries(spec.columns)) out[column] = canonical(kind, row[column]);
  return JSON.stringify(out);
}

function keyed(spec: TruthTable, rows: Obj[], prefix = ""): [string, string][] {
  const hasData = Object.keys(spec.columns).some((c) => !spec.key.includes(c));
  return rows.map((r) => [prefix + spec.key.map((k) => r[k]).join("/"), hasData ? rowString(spec, r) : ""]);
}

// ---- the emulator's Okta objects -> rows, as the product should store them ---------------------
/** A profile or object field as text: strings as they are, numbers and booleans spelled, else null. */
const str = (v: unknown): string | null => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : null);
const field = (o: unknown, name: string): unknown => (o && typeof o === "object" ? (o as Obj)[name] : undefined);

function userColumns(u: Obj): Obj {
  const p = (field(u, "profile") ?? {}) as Obj;
  const place = [str(p.city), str(p.state), str(p.countryCode)].filter((x) => x).join(", ");
  return {
    id: u.id,
    status: u.status,
    login: str(p.login) ?? u.id,
    email: str(p.email),
    first_name: str(p.firstName),
    last_name: str(p.lastName),
    display_name: str(p.displayName),
    department: str(p.department),
    title: str(p.title),
    manager: str(p.manager),
    manager_id: str(p.managerId),
    location: str(p.location) ?? (place || null),
    employee_number: str(p.employeeNumber),
    user_type: str(p.userType),
    type_id: str(field(u.type, "id")),
    created: u.created,
    activated: u.activated,
    status_changed: u.statusChanged,
    last_login: u.lastLogin,
    last_updated: u.lastUpdated,
    password_changed: u.passwordChanged,
    profile: p,
  };
}

function groupColumns(g: Obj, members: Map<string, number>, privileged: Set<string>): Obj {
  const p = (field(g, "profile") ?? {}) as Obj;
  const sourceHref = str(field(field(g._links, "source"), "href"));
  const id = g.id as string;
  return {
    id,
    type: g.type,
    name: str(p.name) ?? id,
    description: str(p.description),
    // An APP_GROUP names the app it comes from; Okta puts it in `source` or only in the source link.
    source_app_id: str(field(g.source, "id")) ?? (sourceHref ? (sourceHref.split("?")[0].split("/").filter(Boolean).at(-1) ?? null) : null),
    created: g.created,
    last_updated: g.lastUpdated,
    last_membership_updated: g.lastMembershipUpdated,
    // The sync reads groups with expand=stats: Okta's member count and whether the group holds an admin role.
    okta_member_count: members.get(id) ?? 0,
    has_admin_privilege: privileged.has(id),
    profile: p,
  };
}

const appColumns = (a: Obj): Obj => ({
  id: a.id,
  name: a.name,
  label: str(a.label) || a.name,
  status: a.status,
  sign_on_mode: a.signOnMode,
  created: a.created,
  last_updated: a.lastUpdated,
});

const appUserColumns = (appId: string, u: Obj): Obj => ({
  app_id: appId,
  user_id: u.id,
  scope: u.scope,
  status: u.status,
  sync_state: u.syncState,
  external_id: u.externalId,
  user_name: str(field(u.credentials, "userName")),
  created: u.created,
  last_updated: u.lastUpdated,
  status_changed: u.statusChanged,
});

const appGroupColumns = (appId: string, g: Obj): Obj => ({
  app_id: appId,
  group_id: g.id,
  priority: g.priority,
  last_updated: g.lastUpdated,
});

const roleColumns = (principalType: "USER" | "GROUP", principalId: string, r: Obj): Obj => ({
  principal_type: principalType,
  principal_id: principalId,
  id: r.id,
  role_type: r.type,
  label: r.label,
  status: r.status,
  assignment_type: r.assignmentType,
  custom_role_id: r.role,
  resource_set_id: r["resource-set"],
  created: r.created,
  last_updated: r.lastUpdated,
});

const idpColumns = (i: Obj): Obj => ({
  id: i.id,
  type: i.type,
  name: i.name,
  status: i.status,
  protocol_type: str(field(i.protocol, "type")),
  created: i.created,
  last_updated: i.lastUpdated,
});

/** Keys: users/groups/apps/idps by id; memberships "group/user"; appAssignments "u/app/user" and "g/app/group"; roles "type/principal/id". */
export type Rows = Record<"users" | "groups" | "memberships" | "apps" | "appAssignments" | "roles" | "idps", Map<string, string>>;

/** The truth as the rows the product must store, each a canonical string of its columns. */
export function truthRows(t: Truth): Rows {
  const T: Record<TableName, TruthTable> = TRUTH_TABLES;
  const members = new Map(t.memberships.map((m) => [m.groupId, m.userIds.length]));
  const privileged = new Set(Object.keys(t.roles.groups));
  const perApp = (lists: Record<string, Obj[]>, columns: (app: string, o: Obj) => Obj) =>
    Object.entries(lists).flatMap(([app, list]) => list.map((o) => columns(app, o)));
  const perPrincipal = (type: "USER" | "GROUP", lists: Record<string, Obj[]>) =>
    Object.entries(lists).flatMap(([id, list]) => list.map((r) => roleColumns(type, id, r)));
  return {
    users: new Map(keyed(T.users, t.users.map(userColumns))),
    groups: new Map(
      keyed(
        T.groups,
        t.groups.map((g) => groupColumns(g, members, privileged)),
      ),
    ),
    memberships: new Map(
      keyed(
        T.memberships,
        t.memberships.flatMap((m) => m.userIds.map((u) => ({ group_id: m.groupId, user_id: u }))),
      ),
    ),
    apps: new Map(keyed(T.apps, t.apps.map(appColumns))),
    appAssignments: new Map([
      ...keyed(T.appUsers, perApp(t.appUsers, appUserColumns), "u/"),
      ...keyed(T.appGroups, perApp(t.appGroups, appGroupColumns), "g/"),
    ]),
    roles: new Map(keyed(T.roles, [...perPrincipal("USER", t.roles.users), ...perPrincipal("GROUP", t.roles.groups)])),
    idps: new Map(keyed(T.idps, t.idps.map(idpColumns))),
  };
}

/** The live directory copy of an integration: the same columns, keyed and written like truthRows. */
export async function storedRows(integrationId: string): Promise<Rows> {
  const sql = getDb().$client;
  const read = async (spec: TruthTable, prefix = "") => {
    // Times as ISO instants in SQL: the app's client hands timestamptz over as Postgres text.
    const columns = Object.entries(spec.columns)
      .map(([c, kind]) => (kind === "time" ? `to_char("${c}" at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') as "${c}"` : `"${c}"`))
      .join(", ");
    const rows = await sql.unsafe(`select ${columns} from "${spec.table}" where integration_id = $1 and deleted_at is null`, [
      integrationId,
    ]);
    return keyed(spec, rows as unknown as Obj[], prefix);
  };
  const T: Record<TableName, TruthTable> = TRUTH_TABLES;
  return {
    users: new Map(await read(T.users)),
    groups: new Map(await read(T.groups)),
    memberships: new Map(await read(T.memberships)),
    apps: new Map(await read(T.apps)),
    appAssignments: new Map([...(await read(T.appUsers, "u/")), ...(await read(T.appGroups, "g/"))]),
    roles: new Map(await read(T.roles)),
    idps: new Map(await read(T.idps)),
  };
}

/** The columns whose values differ between two rows written by rowString (for readable failures). */
export function changedColumns(stored: string, truth: string): string[] {
  if (!stored.startsWith("{") || !truth.startsWith("{")) return [];
  const a = JSON.parse(stored) as Obj;
  const b = JSON.parse(truth) as Obj;
  return Object.keys(b)
    .filter((c) => JSON.stringify(a[c]) !== JSON.stringify(b[c]))
    .map((c) => `${c}: ${JSON.stringify(a[c])} != ${JSON.stringify(b[c])}`.slice(0, 200));
}
