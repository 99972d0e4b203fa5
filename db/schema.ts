// Every table of the console. camelCase here, snake_case in SQL (drizzle `casing: "snake_case"`).
// Status tuples are exported `as const` so zod schemas and the UI reuse the same values.
import { sql } from "drizzle-orm";
import {
  type AnyPgColumn,
  bigserial,
  boolean,
  doublePrecision,
  index,
  integer,
  jsonb,
  pgTable,
  primaryKey,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from "drizzle-orm/pg-core";

const ts = (name?: string) =>
  name ? timestamp(name, { withTimezone: true, mode: "date" }) : timestamp({ withTimezone: true, mode: "date" });
const createdAt = () => ts().notNull().defaultNow();

// ---------------------------------------------------------------------------------------------
// Workspaces and console people
// ---------------------------------------------------------------------------------------------

export const ROLES = ["admin", "viewer"] as const;
export type Role = (typeof ROLES)[number];

export const workspaces = pgTable("workspaces", {
  id: uuid().primaryKey().defaultRandom(),
  name: text().notNull(),
  createdAt: createdAt(),
});

export const users = pgTable(
  "users",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    email: text().notNull(),
    name: text().notNull().default(""),
    role: text({ enum: ROLES }).notNull().default("viewer"),
    passwordHash: text().notNull(),
    createdAt: createdAt(),
    lastSignInAt: ts(),
  },
  (t) => [uniqueIndex("users_email_unique").on(sql`lower(${t.email})`), index("users_workspace_idx").on(t.workspaceId)],
);

export const apiKeys = pgTable(
  "api_keys",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    // The key acts with this user's role.
    userId: uuid()
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text().notNull(),
    // First characters of the key, shown so an admin can tell keys apart. Not enough to use it.
    prefix: text().notNull(),
    keyHash: text().notNull().unique(),
    createdAt: createdAt(),
    lastUsedAt: ts(),
    revokedAt: ts(),
  },
  (t) => [index("api_keys_workspace_idx").on(t.workspaceId)],
);

// Failed sign-ins per account and per client address, for slowing down and locking out guessing.
export const signInThrottles = pgTable("sign_in_throttles", {
  key: text().primaryKey(),
  failures: integer().notNull().default(0),
  firstFailureAt: ts().notNull().defaultNow(),
  lastFailureAt: ts().notNull().defaultNow(),
  lockedUntil: ts(),
});

// ---------------------------------------------------------------------------------------------
// Integrations (one connected Okta org each)
// ---------------------------------------------------------------------------------------------

export const AUTH_METHODS = ["private_key_jwt", "client_secret", "api_token"] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export const INTEGRATION_STATES = ["connected", "disconnected"] as const;
export type IntegrationState = (typeof INTEGRATION_STATES)[number];

export const integrations = pgTable(
  "integrations",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    name: text().notNull(),
    // Normalized origin, e.g. https://acme.okta.com
    domain: text().notNull(),
    // Okta's org id from /.well-known/okta-organization, to recognise the same org later.
    oktaOrgId: text(),
    ownerId: uuid().references(() => users.id, { onDelete: "set null" }),
    state: text({ enum: INTEGRATION_STATES }).notNull().default("connected"),
    authMethod: text({ enum: AUTH_METHODS }).notNull(),
    // Non-secret descriptions of the credentials: what the UI may show.
    clientId: text(),
    keyId: text(),
    keyFingerprint: text(),
    tokenLast4: text(),
    scopes: text().array().notNull().default(sql`'{}'::text[]`),
    // Per-scope verification results of the last verify: [{ scope, ok, reason, ... }]
    scopeResults: jsonb().notNull().default(sql`'[]'::jsonb`),
    usesDpop: boolean().notNull().default(false),
    // Sync settings
    // Full runs are the daily reconciliation; incremental runs keep the copy current in between.
    fullSyncIntervalMinutes: integer().notNull().default(1440),
    // 0 = no incremental runs (full runs only).
    incrementalSyncIntervalMinutes: integer().notNull().default(15),
    logWindowDays: integer().notNull().default(30),
    rateLimitShare: doublePrecision().notNull().default(0.5),
    // Sync scope (issue 8): null = everything
    syncScope: jsonb(),
    // Persistent cursors between runs: System Log `next` link, lastUpdated high-water marks.
    cursors: jsonb().notNull().default(sql`'{}'::jsonb`),
    // When the scheduler should start the next full run; null = not scheduled (disconnected).
    nextSyncAt: ts(),
    // When the scheduler should start the next incremental run; null = none scheduled.
    nextIncrementalSyncAt: ts(),
    createdAt: createdAt(),
    updatedAt: ts().notNull().defaultNow(),
    verifiedAt: ts(),
    disconnectedAt: ts(),
    disconnectedById: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [
    uniqueIndex("integrations_workspace_name_unique").on(t.workspaceId, sql`lower(${t.name})`).where(sql`${t.state} = 'connected'`),
    index("integrations_workspace_idx").on(t.workspaceId),
    index("integrations_next_sync_idx").on(t.nextSyncAt).where(sql`${t.state} = 'connected'`),
    index("integrations_next_incremental_idx").on(t.nextIncrementalSyncAt).where(sql`${t.state} = 'connected'`),
  ],
);

export const SECRET_KINDS = ["client_secret", "private_key", "api_token", "dpop_key", "access_token", "hook_secret"] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

// Sealed credential material. Disconnect deletes every row of the integration.
export const integrationSecrets = pgTable(
  "integration_secrets",
  {
    integrationId: uuid()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    kind: text({ enum: SECRET_KINDS }).notNull(),
    sealed: text().notNull(),
    expiresAt: ts(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.kind] })],
);

// Key pairs generated by the console before the admin connects (POST /api/integrations/keys).
export const pendingKeys = pgTable("pending_keys", {
  id: uuid().primaryKey().defaultRandom(),
  workspaceId: uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  kid: text().notNull(),
  publicJwk: jsonb().notNull(),
  sealedPrivateKey: text().notNull(),
  createdAt: createdAt(),
});

// Okta event hooks (issue 8): one per integration. The shared secret is an integration_secrets row
// (kind hook_secret). `registered`: the console created and verified it in Okta (the app has
// okta.eventHooks.manage); `manual`: the admin adds it in Okta by hand from the shown URL and secret.
export const HOOK_MODES = ["registered", "manual"] as const;
export type HookMode = (typeof HOOK_MODES)[number];

export const eventHooks = pgTable("event_hooks", {
  integrationId: uuid()
    .primaryKey()
    .references(() => integrations.id, { onDelete: "cascade" }),
  workspaceId: uuid()
    .notNull()
    .references(() => workspaces.id, { onDelete: "cascade" }),
  mode: text({ enum: HOOK_MODES }).notNull(),
  url: text().notNull(),
  oktaHookId: text(),
  registeredAt: ts(),
  // When Okta's verification challenge was last answered (by Okta's verify call or a manual setup).
  verifiedAt: ts(),
  lastDeliveryAt: ts(),
  deliveries: integer().notNull().default(0),
  authFailures: integer().notNull().default(0),
  lastAuthFailureAt: ts(),
  // Why registration or the last application failed (no secrets; Okta's errorCode/summary).
  lastError: jsonb(),
  createdAt: createdAt(),
  updatedAt: ts().notNull().defaultNow(),
});

export const HOOK_EVENT_STATUSES = ["pending", "applied", "failed"] as const;
export type HookEventStatus = (typeof HOOK_EVENT_STATUSES)[number];

// Events received through the hook: stored on receipt (the delivery is acknowledged at once), applied
// by a job through targeted re-reads. The primary key de-duplicates Okta's at-least-once deliveries.
export const hookEvents = pgTable(
  "hook_events",
  {
    integrationId: uuid()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    uuid: text().notNull(),
    eventType: text().notNull(),
    published: ts(),
    targets: jsonb().notNull(),
    status: text({ enum: HOOK_EVENT_STATUSES }).notNull().default("pending"),
    receivedAt: ts().notNull().defaultNow(),
    appliedAt: ts(),
    error: jsonb(),
  },
  (t) => [
    primaryKey({ columns: [t.integrationId, t.uuid] }),
    index("hook_events_pending_idx").on(t.integrationId, t.receivedAt).where(sql`${t.status} = 'pending'`),
    index("hook_events_received_idx").on(t.integrationId, t.receivedAt),
  ],
);

export const EVENT_LEVELS = ["info", "warn", "error"] as const;
export type EventLevel = (typeof EVENT_LEVELS)[number];

// The integration's event log: audit entries (connect, credential changes, disconnect) and sync events.
export const integrationEvents = pgTable(
  "integration_events",
  {
    id: bigserial({ mode: "number" }).primaryKey(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    integrationId: uuid()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    runId: uuid(),
    at: ts().notNull().defaultNow(),
    level: text({ enum: EVENT_LEVELS }).notNull().default("info"),
    kind: text().notNull(),
    message: text().notNull(),
    details: jsonb(),
    actorUserId: uuid().references(() => users.id, { onDelete: "set null" }),
  },
  (t) => [index("integration_events_integration_idx").on(t.integrationId, t.id)],
);

// ---------------------------------------------------------------------------------------------
// Sync runs
// ---------------------------------------------------------------------------------------------

export const RUN_STATUSES = ["queued", "running", "succeeded", "partial", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_TRIGGERS = ["initial", "manual", "scheduled", "hook"] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
export const RUN_MODES = ["full", "incremental"] as const;
export type RunMode = (typeof RUN_MODES)[number];

export const syncRuns = pgTable(
  "sync_runs",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    integrationId: uuid()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    trigger: text({ enum: RUN_TRIGGERS }).notNull(),
    mode: text({ enum: RUN_MODES }).notNull().default("full"),
    triggeredById: uuid().references(() => users.id, { onDelete: "set null" }),
    status: text({ enum: RUN_STATUSES }).notNull().default("queued"),
    queuedAt: ts().notNull().defaultNow(),
    startedAt: ts(),
    finishedAt: ts(),
    heartbeatAt: ts(),
    // The worker attempt that holds the run; every page write checks it, so a reaped run's old
    // worker cannot write after another took over.
    leaseOwner: text(),
    attempts: integer().notNull().default(0),
    requests: integer().notNull().default(0),
    rateLimitWaits: integer().notNull().default(0),
    retries: integer().notNull().default(0),
    error: jsonb(),
  },
  (t) => [
    index("sync_runs_integration_idx").on(t.integrationId, t.queuedAt),
    // At most one queued or running run per integration, enforced by the database.
    uniqueIndex("sync_runs_one_active").on(t.integrationId).where(sql`${t.status} in ('queued','running')`),
  ],
);

export const RESOURCES = ["users", "groups", "memberships", "apps", "app_assignments", "roles", "idps", "log_events"] as const;
export type Resource = (typeof RESOURCES)[number];
export const RESOURCE_STATUSES = ["pending", "running", "succeeded", "failed", "skipped"] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

// Per-resource progress, results and checkpoint of a run. `checkpoint` is where a resumed run continues.
export const syncRunResources = pgTable(
  "sync_run_resources",
  {
    runId: uuid()
      .notNull()
      .references(() => syncRuns.id, { onDelete: "cascade" }),
    resource: text({ enum: RESOURCES }).notNull(),
    status: text({ enum: RESOURCE_STATUSES }).notNull().default("pending"),
    checkpoint: jsonb(),
    pages: integer().notNull().default(0),
    objects: integer().notNull().default(0),
    expectedTotal: integer(),
    added: integer().notNull().default(0),
    updated: integer().notNull().default(0),
    unchanged: integer().notNull().default(0),
    deleted: integer().notNull().default(0),
    requests: integer().notNull().default(0),
    rateLimitWaits: integer().notNull().default(0),
    retries: integer().notNull().default(0),
    missingScope: text(),
    error: jsonb(),
    reconciliation: jsonb(),
    // Objects Okta had that the integration's sync scope left out (full passes of a scoped
    // integration); null = no scope applied to this resource in this run, or not known.
    outOfScope: integer(),
    startedAt: ts(),
    finishedAt: ts(),
  },
  (t) => [primaryKey({ columns: [t.runId, t.resource] })],
);

// ---------------------------------------------------------------------------------------------
// The Okta directory copy. Every row is scoped to its integration (and workspace).
// `seenRunId` is the last full run that saw the row; the sweep soft-deletes rows a complete pass missed.
// `contentHash` lets an upsert skip unchanged rows so counts say what really changed.
// ---------------------------------------------------------------------------------------------

const directoryColumns = () => ({
  workspaceId: uuid().notNull(),
  integrationId: uuid()
    .notNull()
    .references(() => integrations.id, { onDelete: "cascade" }),
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
    index("okta_users_workspace_login_idx").on(t.workspaceId, sql`lower(${t.login})`),
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
    integrationId: uuid()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    groupId: text().notNull(),
    userId: text().notNull(),
    seenRunId: uuid(),
    firstSeenAt: ts().notNull().defaultNow(),
    deletedAt: ts(),
  },
  (t) => [
    primaryKey({ columns: [t.integrationId, t.groupId, t.userId] }),
    index("okta_group_members_user_idx").on(t.integrationId, t.userId),
    // Member counts and member pages read only live rows: an index-only scan of this.
    index("okta_group_members_live_idx").on(t.integrationId, t.groupId, t.userId).where(notDeleted(t)),
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
export const oktaLogEvents = pgTable(
  "okta_log_events",
  {
    workspaceId: uuid().notNull(),
    integrationId: uuid()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
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
    insertedAt: ts().notNull().defaultNow(),
  },
  (t) => [
    primaryKey({ columns: [t.integrationId, t.uuid] }),
    index("okta_log_events_published_idx").on(t.integrationId, t.published),
    index("okta_log_events_actor_idx").on(t.integrationId, t.actorId, t.published),
    // The Activity page: newest first across a workspace (keyset on published, integrationId, uuid), and its event-type filter.
    index("okta_log_events_workspace_published_idx").on(t.workspaceId, t.published, t.integrationId, t.uuid),
    index("okta_log_events_workspace_type_idx").on(t.workspaceId, t.eventType, t.published),
  ],
);

export type Workspace = typeof workspaces.$inferSelect;
export type User = typeof users.$inferSelect;
export type NewUser = typeof users.$inferInsert;
export type ApiKey = typeof apiKeys.$inferSelect;
export type Integration = typeof integrations.$inferSelect;
export type NewIntegration = typeof integrations.$inferInsert;
export type IntegrationEvent = typeof integrationEvents.$inferSelect;
export type SyncRun = typeof syncRuns.$inferSelect;
export type SyncRunResource = typeof syncRunResources.$inferSelect;
export type OktaUser = typeof oktaUsers.$inferSelect;
export type OktaGroup = typeof oktaGroups.$inferSelect;
export type OktaApp = typeof oktaApps.$inferSelect;
export type OktaLogEvent = typeof oktaLogEvents.$inferSelect;
export type EventHook = typeof eventHooks.$inferSelect;
