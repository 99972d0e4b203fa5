// Sync runs and their per-resource progress.
import { sql } from "drizzle-orm";
import { index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { RESOURCE_STATUSES, RESOURCES, RUN_MODES, RUN_STATUSES, RUN_TRIGGERS } from "../enums";
import { users, workspaces } from "./auth";
import { ts } from "./columns";
import { integrations } from "./integrations";

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
    // Last time the run wrote a page or finished a resource. The heartbeat proves the worker is
    // alive; this proves it is getting somewhere, so a run stuck on a lock can be taken over.
    progressAt: ts(),
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
  (t) => [
    primaryKey({ columns: [t.runId, t.resource] }),
    // The few rows of scoped full passes, which the integration page's scope summary reads.
    index("sync_run_resources_out_of_scope_idx").on(t.runId).where(sql`${t.outOfScope} is not null`),
  ],
);

/**
 * The newest successful pass of each resource of each integration (its run and when it finished), kept
 * by a trigger on sync_run_resources (drizzle/0027_run_history_aggregates.sql) whoever writes the row.
 * The dashboard and the integration page read these few rows instead of grouping every run's
 * resources: with the default schedule an integration gathers 96 runs and 768 resource rows a day.
 */
export const syncResourceSuccesses = pgTable(
  "sync_resource_successes",
  {
    integrationId: uuid()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    resource: text({ enum: RESOURCES }).notNull(),
    runId: uuid().notNull(),
    finishedAt: ts().notNull(),
  },
  (t) => [primaryKey({ columns: [t.integrationId, t.resource] })],
);

export type SyncRun = typeof syncRuns.$inferSelect;
export type SyncRunResource = typeof syncRunResources.$inferSelect;
