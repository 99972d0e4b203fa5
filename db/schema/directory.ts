// The Okta directory copy. Every row is scoped to its integration (and workspace).
// `seenRunId` is the last full run that saw the row; the sweep soft-deletes rows a complete pass missed.
// `contentHash` lets an upsert skip unchanged rows so counts say what really changed.
// `integrationId` has no foreign key: a key checked once per written row cost the batch writer as
// much as the insert itself (benchmarked in docs/benchmarks/write-path.md). What it gave is kept
// otherwise: deleting an integration deletes its rows (trigger integrations_delete_directory,
// migration 0022), and no row is written for an integration that is gone (a sync page holds its run,
// which the integration's deletion removes; other writers lock the integration, upsert-batch.ts).
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  boolean,
  doublePrecision,
  index,
  integer,
  json,
  jsonb,
  pgTable,
  primaryKey,
  text,
  uuid,
} from "drizzle-orm/pg-core";
import { ts } from "./columns";

const directoryColumns = () => ({
  workspaceId: uuid().notNull(),
  integrationId: uuid().notNull(),
  contentHash: text().notNull(),
  seenRunId: uuid(),
  firstSeenAt: ts().notNull().defaultNow(),
  updatedAt: ts().notNull().defaultNow(),
  deletedAt: ts(),
});

// Sort and search keys of the directory lists (lib/directory). The indexes below are built on these exact
// expressions, and the queries use the same functions, so the planner can match them. Keys are never null
// (coalesce) so keyset pagination compares plain values; a user who never signed in sorts as oldest.
// People search reads okta_users.search_text: computing lower(name || email || login) per row costs
// ~3 µs, which a search that has to scan (short or very common terms) pays 100k times. The leading
// space makes every word start after a space, so a short term can be matched as a word prefix ("% ol%")
// and still use the trigram index.
type Col = AnyPgColumn;
const notDeleted = (t: { deletedAt: Col }) => sql`${t.deletedAt} is null`;
export const directoryKeys = {
  userName: (t: { firstName: Col; lastName: Col }) => sql`lower(coalesce(${t.firstName}, '') || ' ' || coalesce(${t.lastName}, ''))`,
  userEmail: (t: { email: Col }) => sql`lower(coalesce(${t.email}, ''))`,
  userLogin: (t: { login: Col }) => sql`lower(${t.login})`,
  userDepartment: (t: { department: Col }) => sql`coalesce(${t.department}, '')`,
  time: (c: Col) => sql`coalesce(${c}, '-infinity'::timestamptz)`,
  lowerName: (c: Col) => sql`lower(${c})`,
  groupSearch: (t: { name: Col; description: Col }) => sql`lower(${t.name} || ' ' || coalesce(${t.description}, ''))`,
  appSearch: (t: { label: Col; name: Col }) => sql`lower(${t.label} || ' ' || ${t.name})`,
};

export const oktaUsers = pgTable(
  "okta_users",
  {
    ...directoryColumns(),
    id: text().notNull(),
    status: text().notNull(),
    login: text().notNull(),
    email: text(),
    firstName: text(),
    lastName: text(),
    displayName: text(),
    department: text(),
    title: text(),
    manager: text(),
    managerId: text(),
    location: text(),
    employeeNumber: text(),
    userType: text(),
    typeId: text(),
    created: ts(),
    activated: ts(),
    statusChanged: ts(),
    lastLogin: ts(),
    lastUpdated: ts(),
    passwordChanged: ts(),
    profile: jsonb().notNull(),
    searchText: text().generatedAlwaysAs(
      sql`' ' || lower(coalesce("first_name", '') || ' ' || coalesce("last_name", '') || ' ' || coalesce("display_name", '') || ' ' || coalesce("email", '') || ' ' || "login")`,
    ),
  },
  (t) => [
    primaryKey({ columns: [t.integrationId, t.id] }),
    index("okta_users_workspace_status_idx").on(t.workspaceId, t.status),
    index("okta_users_search_text_trgm").using("gin", t.searchText.op("gin_trgm_ops")).where(notDeleted(t)),
    index("okta_users_sort_name_idx").on(t.workspaceId, directoryKeys.userName(t), t.integrationId, t.id).where(notDeleted(t)),
    index("okta_users_sort_login_idx").on(t.workspaceId, directoryKeys.userLogin(t), t.integrationId, t.id).where(notDeleted(t)),
    index("okta_users_sort_email_idx").on(t.workspaceId, directoryKeys.userEmail(t), t.integrationId, t.id).where(notDeleted(t)),
    index("okta_users_sort_status_idx").on(t.workspaceId, t.status, directoryKeys.userName(t), t.integrationId, t.id).where(notDeleted(t)),
    index("okta_users_sort_department_idx")
      .on(t.workspaceId, directoryKeys.userDepartment(t), directoryKeys.userName(t), t.integrationId, t.id)
      .where(notDeleted(t)),
    index("okta_users_sort_last_login_idx").on(t.workspaceId, directoryKeys.time(t.lastLogin), t.integrationId, t.id).where(notDeleted(t)),
    index("okta_users_sort_created_idx").on(t.workspaceId, directoryKeys.time(t.created), t.integrationId, t.id).where(notDeleted(t)),
    // The live deactivated people: what the hygiene triggers probe for each membership or assignment
    // written (drizzle/0023_hygiene_counts.sql), a small share of the people.
    index("okta_users_deprovisioned_idx").on(t.integrationId, t.id).where(sql`${t.status} = 'DEPROVISIONED' and ${t.deletedAt} is null`),
  ],
);

export const oktaGroups = pgTable(
  "okta_groups",
  {
    ...directoryColumns(),
    id: text().notNull(),
    type: text().notNull(),
    name: text().notNull(),
    description: text(),
    sourceAppId: text(),
    created: ts(),
    lastUpdated: ts(),
    lastMembershipUpdated: ts(),
    // Okta's own member count (expand=stats), for reconciliation.
    oktaMemberCount: integer(),
    // expand=stats `hasAdminPrivilege`: the group holds an admin role (the roles sync asks only these).
    hasAdminPrivilege: boolean(),
    profile: jsonb().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.integrationId, t.id] }),
    index("okta_groups_workspace_idx").on(t.workspaceId, t.type),
    index("okta_groups_sort_name_idx").on(t.workspaceId, directoryKeys.lowerName(t.name), t.integrationId, t.id).where(notDeleted(t)),
    index("okta_groups_search_trgm")
      .using("gin", sql`${directoryKeys.groupSearch(t)} gin_trgm_ops`)
      .where(notDeleted(t)),
  ],
);

export const oktaGroupMembers = pgTable(
  "okta_group_members",
  {
    workspaceId: uuid().notNull(),
    integrationId: uuid().notNull(),
    groupId: text().notNull(),
    userId: text().notNull(),
    seenRunId: uuid(),
    firstSeenAt: ts().notNull().defaultNow(),
    deletedAt: ts(),
  },
  (t) => [
    primaryKey({ columns: [t.integrationId, t.groupId, t.userId] }),
    // A group's members are a range of the primary key; their count is maintained (okta_counts,
    // subject group_members), so no partial "live" index repeats the key (it cost a third of each
    // membership row's index work).
    index("okta_group_members_user_idx").on(t.integrationId, t.userId),
  ],
);

export const oktaApps = pgTable(
  "okta_apps",
  {
    ...directoryColumns(),
    id: text().notNull(),
    name: text().notNull(),
    label: text().notNull(),
    status: text().notNull(),
    signOnMode: text(),
    created: ts(),
    lastUpdated: ts(),
  },
  (t) => [
    primaryKey({ columns: [t.integrationId, t.id] }),
    index("okta_apps_sort_label_idx").on(t.workspaceId, directoryKeys.lowerName(t.label), t.integrationId, t.id).where(notDeleted(t)),
  ],
);

export const oktaAppUsers = pgTable(
  "okta_app_users",
  {
    ...directoryColumns(),
    appId: text().notNull(),
    userId: text().notNull(),
    scope: text(),
    status: text(),
    syncState: text(),
    externalId: text(),
    userName: text(),
    created: ts(),
    lastUpdated: ts(),
    statusChanged: ts(),
  },
  (t) => [
    primaryKey({ columns: [t.integrationId, t.appId, t.userId] }),
    index("okta_app_users_user_idx").on(t.integrationId, t.userId),
    // Kept although the counts per app are maintained (okta_counts, app_assignees): an app's people
    // lists walk the live assignments in it (4,004 scans in one pass of the 1M directory benchmark).
    // Unused access no longer reads it (okta_app_usage.assigned, drizzle/0032_app_usage_assigned.sql).
    index("okta_app_users_live_idx").on(t.integrationId, t.appId, t.userId).where(notDeleted(t)),
  ],
);

export const oktaAppGroups = pgTable(
  "okta_app_groups",
  {
    ...directoryColumns(),
    appId: text().notNull(),
    groupId: text().notNull(),
    priority: integer(),
    lastUpdated: ts(),
  },
  (t) => [
    primaryKey({ columns: [t.integrationId, t.appId, t.groupId] }),
    index("okta_app_groups_group_idx").on(t.integrationId, t.groupId),
  ],
);

export const oktaRoleAssignments = pgTable(
  "okta_role_assignments",
  {
    ...directoryColumns(),
    // Okta's role assignment id
    id: text().notNull(),
    principalType: text({ enum: ["USER", "GROUP"] }).notNull(),
    principalId: text().notNull(),
    roleType: text().notNull(),
    label: text(),
    status: text(),
    assignmentType: text(),
    customRoleId: text(),
    resourceSetId: text(),
    created: ts(),
    lastUpdated: ts(),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.principalType, t.principalId, t.id] })],
);

export const oktaIdps = pgTable(
  "okta_idps",
  {
    ...directoryColumns(),
    id: text().notNull(),
    type: text().notNull(),
    name: text().notNull(),
    status: text().notNull(),
    protocolType: text(),
    created: ts(),
    lastUpdated: ts(),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.id] })],
);

// Sign-in and identity events from the System Log. Append-only; de-duplicated on uuid.
// Part of an actor's name or login (the Activity page's actor filter when it is neither an id nor a
// login): `like '%…%'` on this expression, of an event and of okta_log_actors (whose trigram index
// answers it; see there).
export const logEventKeys = {
  actorSearch: (t: { actorDisplayName: Col; actorAlternateId: Col }) =>
    sql`lower(coalesce(${t.actorDisplayName}, '') || ' ' || coalesce(${t.actorAlternateId}, ''))`,
};

export const oktaLogEvents = pgTable(
  "okta_log_events",
  {
    workspaceId: uuid().notNull(),
    integrationId: uuid().notNull(),
    uuid: text().notNull(),
    published: ts().notNull(),
    eventType: text().notNull(),
    severity: text(),
    outcomeResult: text(),
    outcomeReason: text(),
    displayMessage: text(),
    actorId: text(),
    actorType: text(),
    actorAlternateId: text(),
    actorDisplayName: text(),
    targetAppId: text(),
    targetAppName: text(),
    targets: jsonb(),
    clientIp: text(),
    city: text(),
    state: text(),
    country: text(),
    lat: doublePrecision(),
    lon: doublePrecision(),
    userAgent: text(),
    /**
     * Okta's event as the sync read it (unknown fields kept), for the Activity page's event view.
     * `json`, not `jsonb`: it is only ever shown whole, and building jsonb cost ~10% of an event's write.
     */
    raw: json(),
    /**
     * When the row was written, per row (clock_timestamp, not the statement's now()): a page's events
     * get increasing values in the order Okta listed them, which breaks ties of `published` (the
     * millisecond) in the order the incremental sync applies them (lib/sync/incremental/events.ts).
     */
    insertedAt: ts().notNull().default(sql`clock_timestamp()`),
  },
  (t) => [
    // No (integration, …) indexes: every reader names the workspace too, so these serve it (migration 0024).
    primaryKey({ columns: [t.integrationId, t.uuid] }),
    // The Activity page: newest first across a workspace (keyset on published, integrationId, uuid),
    // and one index per filter (lib/activity/filters.ts), so a filtered page reads only what it shows.
    index("okta_log_events_workspace_published_idx").on(t.workspaceId, t.published, t.integrationId, t.uuid),
    index("okta_log_events_workspace_type_idx").on(t.workspaceId, t.eventType, t.published),
    index("okta_log_events_workspace_outcome_idx").on(t.workspaceId, t.outcomeResult, t.published),
    index("okta_log_events_workspace_actor_idx").on(t.workspaceId, t.actorId, t.published),
    index("okta_log_events_workspace_actor_login_idx").on(t.workspaceId, sql`lower(${t.actorAlternateId})`, t.published),
    index("okta_log_events_targets_idx").using("gin", t.targets.op("jsonb_path_ops")),
    // One event by its Okta uuid (GET /api/activity/{id}).
    index("okta_log_events_workspace_uuid_idx").on(t.workspaceId, t.uuid),
  ],
);

// Every actor (id, name and login as events named them) of an integration's System Log, kept by an
// insert trigger on okta_log_events (migration 0024). The Activity page's "part of a name or login"
// search finds the actors here by trigram and then their events by (workspace, actor, published):
// a trigram index on the events themselves cost ~22 µs of each event's ~90 µs write, for a few
// thousand distinct actors among millions of events. Rows are never updated; an integration's
// deletion deletes them with its events.
export const oktaLogActors = pgTable(
  "okta_log_actors",
  {
    workspaceId: uuid().notNull(),
    integrationId: uuid().notNull(),
    actorId: text().notNull(),
    actorDisplayName: text().notNull(),
    actorAlternateId: text().notNull(),
  },
  (t) => [
    primaryKey({ columns: [t.integrationId, t.actorId, t.actorDisplayName, t.actorAlternateId] }),
    index("okta_log_actors_search_trgm").using("gin", sql`${logEventKeys.actorSearch(t)} gin_trgm_ops`),
  ],
);

// Row types of the directory copy; the Okta objects they come from are typed in lib/okta/schemas.ts.
export type UserRow = typeof oktaUsers.$inferSelect;
export type GroupRow = typeof oktaGroups.$inferSelect;
export type AppRow = typeof oktaApps.$inferSelect;
export type LogEventRow = typeof oktaLogEvents.$inferSelect;
