// What each sync run changed in the directory copy, object by object: the rows the batch writer
// inserted (or revived), updated (with the names of the fields that changed) and soft-deleted. Capped
// per run and resource (lib/sync/run-changes.ts), so the first import of a large tenant stays a count.
import { bigint, index, pgTable, text, uuid } from "drizzle-orm/pg-core";
import { CHANGE_OBJECTS, RESOURCES, RUN_CHANGES } from "../enums";
import { workspaces } from "./auth";
import { ts } from "./columns";
import { integrations } from "./integrations";
import { syncRuns } from "./sync";

export const syncRunChanges = pgTable(
  "sync_run_changes",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    runId: uuid()
      .notNull()
      .references(() => syncRuns.id, { onDelete: "cascade" }),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    integrationId: uuid()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    resource: text({ enum: RESOURCES }).notNull(),
    object: text({ enum: CHANGE_OBJECTS }).notNull(),
    change: text({ enum: RUN_CHANGES }).notNull(),
    /** The object's key inside the integration: its Okta id, or the ids of a pair joined by "/". */
    objectKey: text().notNull(),
    /** For an update: the fields that changed (columns, or profile.<attribute>). */
    fields: text().array(),
    at: ts().notNull().defaultNow(),
  },
  (t) => [
    // A run's page of changes, filtered by resource and kind, in the order they were written; also the
    // per-run-and-resource count behind the cap.
    index("sync_run_changes_run_idx").on(t.runId, t.resource, t.change, t.id),
    // The latest changes of an integration (the home dashboard), and deleting its data.
    index("sync_run_changes_integration_idx").on(t.integrationId, t.id.desc()),
  ],
);
export type SyncRunChange = typeof syncRunChanges.$inferSelect;
