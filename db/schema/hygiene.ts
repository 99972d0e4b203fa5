// App usage, derived from the System Log copy: per person and app, the last successful SSO sign-in
// (`user.authentication.sso` with the app as its AppInstance target). The app's "who has access" list,
// its "not used in N days" filter and the Unused access view read it by primary key (a person and
// app, or an app's rows) instead of aggregating okta_log_events.
//
// It is kept by the database itself: a statement trigger on okta_log_events (its SQL is in the
// migration drizzle/0012_hygiene.sql, as drizzle does not model triggers) folds every inserted batch
// into this table in the same statement, so whoever writes log events (the sync's batch writer, test
// fixtures) keeps it current, and a crash can never leave one without the other. Only ever moves
// forward (greatest), so events arriving out of order or twice change nothing.
import { boolean, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
import { ts } from "./columns";
import { integrations } from "./integrations";

export const oktaAppUsage = pgTable(
  "okta_app_usage",
  {
    workspaceId: uuid().notNull(),
    integrationId: uuid()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    appId: text().notNull(),
    userId: text().notNull(),
    lastUsedAt: ts().notNull(),
    /**
     * Whether the person has a live assignment to the app (okta_app_users), kept by triggers
     * (drizzle/0032_app_usage_assigned.sql): the Unused access view counts an app's usage rows that
     * have one by reading them, not by probing the assignments once per row.
     */
    assigned: boolean().notNull().default(false),
  },
  (t) => [
    // The only index: every reader probes a person and app, or reads an app's rows (a range of it). A
    // second index on (integration, app, last used) made the planner, before the table's first ANALYZE,
    // probe it for a whole key and filter an app's rows per probe (drizzle/0032_app_usage_assigned.sql).
    primaryKey({ columns: [t.integrationId, t.appId, t.userId] }),
  ],
);

export type AppUsageRow = typeof oktaAppUsage.$inferSelect;
