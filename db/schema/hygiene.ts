// App usage, derived from the System Log copy: per person and app, the last successful SSO sign-in
// (`user.authentication.sso` with the app as its AppInstance target). The app's "who has access" list,
// its "not used in N days" filter and the Unused access view read it by primary key or by the
// (app, last used) index instead of aggregating okta_log_events.
//
// It is kept by the database itself: a statement trigger on okta_log_events (its SQL is in the
// migration drizzle/0012_hygiene.sql, as drizzle does not model triggers) folds every inserted batch
// into this table in the same statement, so whoever writes log events (the sync's batch writer, test
// fixtures) keeps it current, and a crash can never leave one without the other. Only ever moves
// forward (greatest), so events arriving out of order or twice change nothing.
import { index, pgTable, primaryKey, text, uuid } from "drizzle-orm/pg-core";
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
  },
  (t) => [
    primaryKey({ columns: [t.integrationId, t.appId, t.userId] }),
    // People of an app used since a day: a range of this index.
    index("okta_app_usage_app_used_idx").on(t.integrationId, t.appId, t.lastUsedAt),
  ],
);

export type AppUsageRow = typeof oktaAppUsage.$inferSelect;
