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
import { bigint, index, integer, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { ts } from "./columns";
import { integrations } from "./integrations";

/** What okta_counts counts: the live rows of a directory table, by one column's value ('' when only the total). */
export const COUNT_SUBJECTS = ["users", "groups", "apps", "idps", "memberships", "app_users", "app_groups"] as const;
export type CountSubject = (typeof COUNT_SUBJECTS)[number];

export const oktaCounts = pgTable(
  "okta_counts",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    integrationId: uuid()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    subject: text({ enum: COUNT_SUBJECTS }).notNull(),
    /** users, apps, idps: status; groups: type; the others: ''. */
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
