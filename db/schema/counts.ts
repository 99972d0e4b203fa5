// Maintained aggregates of the directory copy, so the integration page, the integrations list and the
// home dashboard read a few hundred rows instead of counting millions (issue 16: the overview at 1M
// people and 5M log events).
//
// Both tables hold deltas, not totals: every statement that writes a counted table adds rows of
// (+n / -n) here, and a reader sums them. Inserting a delta takes no lock that another writer waits
// for (a single running total per key would be a row every concurrent writer of the integration
// queues on, and two writers touching two keys in opposite orders could deadlock). The scheduler tick
// folds each integration's deltas into one row per key (lib/overview/compact-counts.ts), so what a
// reader sums stays small.
//
// They are kept by the database itself: triggers on the counted tables (their SQL is in the migration
// drizzle/0018_overview_counts.sql, as drizzle does not model triggers) write the deltas in the same
// statement as the rows, whoever writes them: the sync's batch writer, its sweeps, event-hook
// re-reads, a disconnect's deletes, test fixtures. Inserts and deletes are counted per statement from
// its transition table; an update only when it changes what is counted (a status, a type, or whether
// the row is deleted), so the full pass that re-marks a million unchanged rows as seen costs nothing.
// The hygiene card's people by status and day of last sign-in (user_logins, drizzle/0023_hygiene_counts.sql)
// count updates per statement too, old rows out and new rows in netted per key: a sync moves many
// people's last sign-in, and one grouped insert per page costs less than a trigger per row.
// The directory lists' counts (DIRECTORY_LIST_SUBJECTS, drizzle/0025_directory_counts.sql) are more
// keys of the same triggers' inserts: per group, per app, per department, type, location and manager.
// Deltas rather than one total per group: "Everyone" would be a row that every membership page of a
// sync, an event hook's re-reads and a sweep queue on.
import { bigint, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { ts } from "./columns";
import { integrations } from "./integrations";

/**
 * The counts the directory lists read (lib/directory, drizzle/0025_directory_counts.sql), one key per
 * group, app or value:
 * - group_members: live memberships per group (key: the group's id), the groups list and group page;
 * - app_assignees: live assignments per app (key: the app's id); app_group_assignees: those of them
 *   through a group (scope GROUP), the apps list, app page and unused access;
 * - user_departments, user_types, user_locations: live people per non-empty value; user_managers: per
 *   manager id and the name their reports give (key `<managerId>\x1f<manager>`), the people filters' facets.
 */
export const DIRECTORY_LIST_SUBJECTS = [
  "group_members",
  "app_assignees",
  "app_group_assignees",
  "user_departments",
  "user_types",
  "user_locations",
  "user_managers",
] as const;

/**
 * The identity-hygiene numbers' counts (lib/overview/count-hygiene.ts): `user_logins`, the live people by
 * status and UTC day of last sign-in (drizzle/0023_hygiene_counts.sql); `admin_logins`, the live people
 * holding an admin role by UTC day of last sign-in (drizzle/0030_admin_logins.sql).
 */
export const HYGIENE_SUBJECTS = ["user_logins", "admin_logins"] as const;

/**
 * What okta_counts counts: the live rows of a directory table, by one column's value ('' when only the
 * total); the HYGIENE_SUBJECTS and the DIRECTORY_LIST_SUBJECTS above.
 */
export const COUNT_SUBJECTS = [
  "users",
  "groups",
  "apps",
  "idps",
  "memberships",
  "app_users",
  "app_groups",
  ...HYGIENE_SUBJECTS,
  ...DIRECTORY_LIST_SUBJECTS,
] as const;
export type CountSubject = (typeof COUNT_SUBJECTS)[number];

export const oktaCounts = pgTable(
  "okta_counts",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    integrationId: uuid()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    subject: text({ enum: COUNT_SUBJECTS }).notNull(),
    /**
     * users, apps, idps: status; groups: type; user_logins: `<status>/<day>`, the day of the last
     * sign-in as days since 1970-01-01 UTC ('' never or -infinity, 'inf' +infinity); admin_logins: that
     * day alone; group_members: the
     * group's id; app_assignees, app_group_assignees: the app's id; user_departments, user_types,
     * user_locations: the value; user_managers: `<managerId>\x1f<manager>`; the others: ''.
     */
    key: text().notNull(),
    n: integer().notNull(),
  },
  (t) => [index("okta_counts_integration_idx").on(t.integrationId, t.subject, t.key)],
);

/** Sign-in events (`user.session.start`) of the System Log copy per UTC hour and outcome. */
export const oktaSignInHours = pgTable(
  "okta_sign_in_hours",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    integrationId: uuid()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    /** The hour's start (UTC hour boundaries whatever the session's time zone). */
    hour: ts().notNull(),
    /** Okta's outcome.result ('' when the event had none). */
    outcome: text().notNull(),
    n: integer().notNull(),
  },
  (t) => [index("okta_sign_in_hours_integration_idx").on(t.integrationId, t.hour)],
);

/** What okta_deprovisioned_access counts per person. */
export const DEPROVISIONED_ACCESS_KINDS = ["okta_groups", "apps"] as const;

/**
 * The access deactivated people still hold, per person, as deltas like okta_counts: for each live
 * DEPROVISIONED person, their live memberships of live Okta groups (okta_groups) and their live
 * assignments to live apps (apps), the people filters inOktaGroups / hasApps (lib/directory/list-users.ts).
 * A person with a positive sum is one the hygiene card counts. Only deactivated people have rows, a
 * small share of an org, so a count reads tens of thousands of rows instead of probing millions of
 * memberships. Kept by triggers on the people, groups, apps, memberships and assignments
 * (drizzle/0023_hygiene_counts.sql), folded by the same tick.
 */
export const oktaDeprovisionedAccess = pgTable(
  "okta_deprovisioned_access",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    integrationId: uuid()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    userId: text().notNull(),
    kind: text({ enum: DEPROVISIONED_ACCESS_KINDS }).notNull(),
    n: integer().notNull(),
  },
  (t) => [index("okta_deprovisioned_access_integration_idx").on(t.integrationId, t.userId, t.kind)],
);

/**
 * Who holds which admin role, per live person, as deltas like okta_counts: for each live person and
 * role (okta_role_key: a custom role's id, else the role type), the number of ways they hold it: a
 * live assignment to them, and one for each live membership of a group with a live assignment. A
 * person with a positive sum holds the role. The directory's admin-role facet counts holders from it
 * instead of probing every member of a role-granting group in okta_users (83k probes at 1M people).
 * Kept by triggers on the role assignments, memberships and people (drizzle/0029_admin_role_holders.sql),
 * folded by the same tick.
 */
export const oktaAdminRoleHolders = pgTable(
  "okta_admin_role_holders",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    integrationId: uuid()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    userId: text().notNull(),
    roleKey: text().notNull(),
    n: integer().notNull(),
  },
  (t) => [index("okta_admin_role_holders_integration_idx").on(t.integrationId, t.userId, t.roleKey)],
);
