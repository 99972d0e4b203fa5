// How each Okta object becomes a row of the directory copy (the objects' schemas are in
// lib/okta/schemas.ts) and the table spec the shared batch writer (upsert-batch.ts) uses.
// Never mapped: credentials (passwords, recovery answers), factors, sessions, app secrets.
import type { OktaApp, OktaAppGroup, OktaAppUser, OktaGroup, OktaIdp, OktaLogEvent, OktaRole, OktaUser } from "@/lib/okta/schemas";

export type PgType = "text" | "timestamptz" | "integer" | "double precision" | "boolean" | "jsonb" | "json";

export interface TableSpec<R extends Record<string, unknown> = Record<string, unknown>> {
  table: string;
  /** Key columns inside the integration (the primary key is integration_id + these). */
  key: (keyof R & string)[];
  /** Data columns in SQL names, key columns included. */
  columns: Record<keyof R & string, PgType>;
  /** Has content_hash: unchanged rows are detected and only touched (seen_run_id). */
  hashed: boolean;
}

// ---- field helpers ------------------------------------------------------------------------------
const text = (v: unknown) => (typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : null);

/**
 * Columns the directory sorts by sit in btree indexes, whose entries Postgres caps at about 2.7 kB:
 * one 10,000-character name would fail its object. Such a column keeps at most this many UTF-8
 * bytes (cut at a character, ending in "…"); the full value stays in the profile where there is one.
 * Two of them share the name index, and lower() may lengthen a few characters: 2 × 800 × 1.5 fits.
 */
export const SORT_KEY_MAX_BYTES = 800;
const ELLIPSIS = "…";

export function clampBytes(s: string, max = SORT_KEY_MAX_BYTES): string {
  // A UTF-16 unit is at most 3 UTF-8 bytes: short strings need no count.
  if (s.length * 3 <= max || Buffer.byteLength(s) <= max) return s;
  const budget = max - Buffer.byteLength(ELLIPSIS);
  let bytes = 0;
  let end = 0;
  for (const ch of s) {
    const cp = ch.codePointAt(0)!;
    const b = cp < 0x80 ? 1 : cp < 0x800 ? 2 : cp < 0x10000 ? 3 : 4;
    if (bytes + b > budget) break;
    bytes += b;
    end += ch.length;
  }
  return s.slice(0, end) + ELLIPSIS;
}
/** A text column in a sort index. */
const key = (v: unknown) => {
  const t = text(v);
  return t === null ? null : clampBytes(t);
};
/** Okta's numbers in an integer column: whole and within int4, else unknown. */
const int = (v: number | null | undefined) =>
  typeof v === "number" && Number.isFinite(v) && Math.abs(v) <= 2_147_483_647 ? Math.trunc(v) : null;
const lastSegment = (href: unknown) => (typeof href === "string" ? (href.split("?")[0].split("/").filter(Boolean).pop() ?? null) : null);
const linkHref = (links: Record<string, unknown> | null | undefined, rel: string) => {
  const l = links?.[rel];
  return l && typeof l === "object" && !Array.isArray(l) ? (l as { href?: unknown }).href : undefined;
};

// ---- users ---------------------------------------------------------------------------------------
export function userRow(u: OktaUser) {
  const p = u.profile;
  const location = text(p.location) ?? ([text(p.city), text(p.state), text(p.countryCode)].filter(Boolean).join(", ") || null);
  return {
    id: u.id,
    status: clampBytes(u.status),
    login: key(p.login) ?? u.id,
    email: key(p.email),
    first_name: key(p.firstName),
    last_name: key(p.lastName),
    display_name: text(p.displayName),
    department: key(p.department),
    title: text(p.title),
    manager: text(p.manager),
    manager_id: text(p.managerId),
    location,
    employee_number: text(p.employeeNumber),
    user_type: text(p.userType),
    type_id: u.type?.id ?? null,
    created: u.created,
    activated: u.activated,
    status_changed: u.statusChanged,
    last_login: u.lastLogin,
    last_updated: u.lastUpdated,
    password_changed: u.passwordChanged,
    profile: p,
  };
}
export const usersTable: TableSpec<ReturnType<typeof userRow>> = {
  table: "okta_users",
  key: ["id"],
  hashed: true,
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
    created: "timestamptz",
    activated: "timestamptz",
    status_changed: "timestamptz",
    last_login: "timestamptz",
    last_updated: "timestamptz",
    password_changed: "timestamptz",
    profile: "jsonb",
  },
};

// ---- groups --------------------------------------------------------------------------------------
export function groupRow(g: OktaGroup) {
  return {
    id: g.id,
    type: g.type,
    name: key(g.profile.name) ?? g.id,
    description: text(g.profile.description),
    source_app_id: g.source?.id ?? lastSegment(linkHref(g._links, "source")),
    created: g.created,
    last_updated: g.lastUpdated,
    last_membership_updated: g.lastMembershipUpdated,
    okta_member_count: int(g._embedded?.stats?.usersCount),
    has_admin_privilege: g._embedded?.stats?.hasAdminPrivilege ?? null,
    profile: g.profile,
  };
}
export const groupsTable: TableSpec<ReturnType<typeof groupRow>> = {
  table: "okta_groups",
  key: ["id"],
  hashed: true,
  columns: {
    id: "text",
    type: "text",
    name: "text",
    description: "text",
    source_app_id: "text",
    created: "timestamptz",
    last_updated: "timestamptz",
    last_membership_updated: "timestamptz",
    okta_member_count: "integer",
    has_admin_privilege: "boolean",
    profile: "jsonb",
  },
};

// ---- memberships (members of a group are full User objects; only the id matters here) ------------
export const membershipsTable: TableSpec<{ group_id: string; user_id: string }> = {
  table: "okta_group_members",
  key: ["group_id", "user_id"],
  hashed: false,
  columns: { group_id: "text", user_id: "text" },
};

// ---- apps ----------------------------------------------------------------------------------------
export function appRow(a: OktaApp) {
  return {
    id: a.id,
    name: a.name,
    label: clampBytes(a.label || a.name),
    status: a.status,
    sign_on_mode: a.signOnMode,
    created: a.created,
    last_updated: a.lastUpdated,
  };
}
export const appsTable: TableSpec<ReturnType<typeof appRow>> = {
  table: "okta_apps",
  key: ["id"],
  hashed: true,
  columns: {
    id: "text",
    name: "text",
    label: "text",
    status: "text",
    sign_on_mode: "text",
    created: "timestamptz",
    last_updated: "timestamptz",
  },
};

// ---- app assignments -----------------------------------------------------------------------------
export function appUserRow(appId: string, u: OktaAppUser) {
  return {
    app_id: appId,
    user_id: u.id,
    scope: u.scope,
    status: u.status,
    sync_state: u.syncState,
    external_id: u.externalId,
    user_name: u.credentials?.userName ?? null,
    created: u.created,
    last_updated: u.lastUpdated,
    status_changed: u.statusChanged,
  };
}
export const appUsersTable: TableSpec<ReturnType<typeof appUserRow>> = {
  table: "okta_app_users",
  key: ["app_id", "user_id"],
  hashed: true,
  columns: {
    app_id: "text",
    user_id: "text",
    scope: "text",
    status: "text",
    sync_state: "text",
    external_id: "text",
    user_name: "text",
    created: "timestamptz",
    last_updated: "timestamptz",
    status_changed: "timestamptz",
  },
};

export function appGroupRow(appId: string, g: OktaAppGroup) {
  return {
    app_id: appId,
    group_id: g.id,
    priority: int(g.priority),
    last_updated: g.lastUpdated,
  };
}
export const appGroupsTable: TableSpec<ReturnType<typeof appGroupRow>> = {
  table: "okta_app_groups",
  key: ["app_id", "group_id"],
  hashed: true,
  columns: { app_id: "text", group_id: "text", priority: "integer", last_updated: "timestamptz" },
};

// ---- admin role assignments ----------------------------------------------------------------------
export function roleRow(principalType: "USER" | "GROUP", principalId: string, r: OktaRole) {
  return {
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
  };
}
export const rolesTable: TableSpec<ReturnType<typeof roleRow>> = {
  table: "okta_role_assignments",
  key: ["principal_type", "principal_id", "id"],
  hashed: true,
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
    created: "timestamptz",
    last_updated: "timestamptz",
  },
};

// ---- identity providers --------------------------------------------------------------------------
export function idpRow(i: OktaIdp) {
  return {
    id: i.id,
    type: i.type,
    name: i.name,
    status: i.status,
    protocol_type: i.protocol?.type ?? null,
    created: i.created,
    last_updated: i.lastUpdated,
  };
}
export const idpsTable: TableSpec<ReturnType<typeof idpRow>> = {
  table: "okta_idps",
  key: ["id"],
  hashed: true,
  columns: {
    id: "text",
    type: "text",
    name: "text",
    status: "text",
    protocol_type: "text",
    created: "timestamptz",
    last_updated: "timestamptz",
  },
};

// ---- System Log events (append-only) -------------------------------------------------------------
export function logEventRow(e: OktaLogEvent) {
  const app = e.target?.find((t) => t.type === "AppInstance");
  const geo = e.client?.geographicalContext;
  return {
    uuid: e.uuid,
    published: e.published,
    event_type: clampBytes(e.eventType),
    severity: e.severity,
    outcome_result: e.outcome?.result ?? null,
    outcome_reason: e.outcome?.reason ?? null,
    display_message: e.displayMessage,
    actor_id: key(e.actor?.id),
    actor_type: e.actor?.type ?? null,
    actor_alternate_id: e.actor?.alternateId ?? null,
    actor_display_name: e.actor?.displayName ?? null,
    target_app_id: app?.id ?? null,
    target_app_name: app?.displayName ?? app?.alternateId ?? null,
    // Only the four fields of each target are stored; the schema keeps whatever else Okta sends.
    targets: e.target?.map((t) => ({ id: t.id, type: t.type, alternateId: t.alternateId, displayName: t.displayName })) ?? null,
    client_ip: e.client?.ipAddress ?? null,
    city: geo?.city ?? null,
    state: geo?.state ?? null,
    country: geo?.country ?? null,
    lat: geo?.geolocation?.lat ?? null,
    lon: geo?.geolocation?.lon ?? null,
    user_agent: e.client?.userAgent?.rawUserAgent ?? null,
    // The whole event (unknown fields kept) for the Activity page's event view.
    raw: e,
  };
}
export const logEventsTable: TableSpec<ReturnType<typeof logEventRow>> = {
  table: "okta_log_events",
  key: ["uuid"],
  hashed: false,
  columns: {
    uuid: "text",
    published: "timestamptz",
    event_type: "text",
    severity: "text",
    outcome_result: "text",
    outcome_reason: "text",
    display_message: "text",
    actor_id: "text",
    actor_type: "text",
    actor_alternate_id: "text",
    actor_display_name: "text",
    target_app_id: "text",
    target_app_name: "text",
    targets: "jsonb",
    client_ip: "text",
    city: "text",
    state: "text",
    country: "text",
    lat: "double precision",
    lon: "double precision",
    user_agent: "text",
    raw: "json",
  },
};
