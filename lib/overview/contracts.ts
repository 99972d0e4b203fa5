// Contracts of the integration page's own API (GET /api/integrations/{id}/overview, .../overview/runs,
// GET/PATCH .../settings), shared by the route handlers, the server pages and the browser hooks.
// Pure zod: safe to import from client components. Dates travel as ISO strings everywhere, so the
// server page can seed react-query with exactly what the API would have answered.
import { z } from "zod";
import { EVENT_LEVELS, RESOURCE_STATUSES, RESOURCES, RUN_MODES, RUN_STATUSES, RUN_TRIGGERS } from "@/db/enums";
import { EVENT_KINDS } from "@/lib/integrations/event-kinds";
import { MAX_SCOPE_IDS, OKTA_USER_STATUSES, syncScopeInput } from "@/lib/sync/scope-contract";

const iso = z.union([z.date().transform((d) => d.toISOString()), z.string()]);
const person = z.object({ id: z.string(), name: z.string(), email: z.string() }).strict();

// ---------------------------------------------------------------------------------------------
// Health (a projection of the latest runs; see project-health.ts)
// ---------------------------------------------------------------------------------------------

export const HEALTH_STATES = ["connected", "syncing", "partial", "error", "disconnected"] as const;
export type HealthState = (typeof HEALTH_STATES)[number];
export const HEALTH_LABELS: Record<HealthState, string> = {
  connected: "Connected",
  syncing: "Syncing",
  partial: "Partial",
  error: "Error",
  disconnected: "Disconnected",
};

/** ok | missing_scope | no_permission | failing | blocked (a resource it needs failed) | not_synced */
export const RESOURCE_HEALTH = ["ok", "missing_scope", "no_permission", "failing", "blocked", "not_synced"] as const;
export type ResourceHealthStatus = (typeof RESOURCE_HEALTH)[number];

export const oktaSaid = z
  .object({
    status: z.number().optional(),
    errorCode: z.string().optional(),
    errorSummary: z.string().optional(),
    errorId: z.string().optional(),
    path: z.string().optional(),
  })
  .strict();
export type OktaSaid = z.infer<typeof oktaSaid>;

export const resourceHealthSchema = z
  .object({
    resource: z.enum(RESOURCES),
    status: z.enum(RESOURCE_HEALTH),
    /** The scope the resource needs (OAuth integrations). */
    scope: z.string(),
    /** What happened, in plain words. */
    message: z.string(),
    /** The exact next step, or null when nothing is to be done. */
    fix: z.string().nullable(),
    okta: oktaSaid.nullable(),
    /** Troubleshooting wizard symptom that investigates this, when there is a problem. */
    symptom: z.string().nullable(),
    /** When a run last synced this resource completely. */
    lastSucceededAt: iso.nullable(),
    runId: z.string().nullable(),
  })
  .strict();
export type ResourceHealth = z.output<typeof resourceHealthSchema>;

const runRef = z
  .object({
    id: z.string(),
    status: z.enum(RUN_STATUSES),
    trigger: z.enum(RUN_TRIGGERS),
    queuedAt: iso,
    startedAt: iso.nullable(),
    finishedAt: iso.nullable(),
    durationMs: z.number().nullable(),
  })
  .strict();
export type RunRef = z.output<typeof runRef>;

export const healthSchema = z
  .object({
    state: z.enum(HEALTH_STATES),
    reason: z.string(),
    resources: z.array(resourceHealthSchema),
    /** The newest run that finished with every resource synced. */
    lastSuccess: runRef.nullable(),
    /** The newest finished run (any result), which the resource health is read from. */
    lastFinished: runRef.nullable(),
    /** A queued or running run. */
    active: runRef.nullable(),
    /** When the next scheduled run starts, of either kind (nextSyncMode says which). */
    nextSyncAt: iso.nullable(),
    nextSyncMode: z.enum(RUN_MODES).nullable(),
    /** The scheduler is more than a few minutes late: likely no worker is running. */
    overdue: z.boolean(),
  })
  .strict();
export type Health = z.output<typeof healthSchema>;

// ---------------------------------------------------------------------------------------------
// Counts and charts
// ---------------------------------------------------------------------------------------------

const byKey = z.record(z.string(), z.number());
const outcomeCounts = z.object({ success: z.number(), failure: z.number(), total: z.number() }).strict();

export const countsSchema = z
  .object({
    users: z.object({ total: z.number(), byStatus: byKey }).strict(),
    groups: z.object({ total: z.number(), byType: byKey }).strict(),
    memberships: z
      .object({
        total: z.number(),
        /** Okta's own member counts (groups expand=stats) against what the last run stored. */
        reconciliation: z
          .object({
            expected: z.number(),
            stored: z.number(),
            outOfScope: z.number().nullable(),
            groupsCompared: z.number(),
            mismatchedGroups: z.number(),
            runId: z.string(),
            at: iso.nullable(),
          })
          .strict()
          .nullable(),
      })
      .strict(),
    apps: z.object({ total: z.number(), byStatus: byKey }).strict(),
    assignments: z.object({ users: z.number(), groups: z.number() }).strict(),
    admins: z.object({ users: z.number(), groups: z.number(), assignments: z.number() }).strict(),
    idps: z.object({ total: z.number(), byStatus: byKey }).strict(),
    signIns: z.object({ last7: outcomeCounts, last30: outcomeCounts }).strict(),
  })
  .strict();
export type Counts = z.output<typeof countsSchema>;

/**
 * Identity hygiene (lib/overview/count-hygiene.ts): each number is a people list in the directory
 * with the same filters; `days` are the cut-off days (midnight UTC) the dormant and admin numbers
 * used, for the links to carry.
 */
export const hygieneSchema = z
  .object({
    /** Null: every integration of the workspace. */
    integrationId: z.string().nullable(),
    days: z.object({ d30: z.string(), d60: z.string(), d90: z.string(), admin: z.string() }).strict(),
    /** People holding an admin role directly or through a group; of them, no sign-in since `days.admin`. */
    admins: z.object({ holders: z.number(), noRecentSignIn: z.number() }).strict(),
    /** Active people with no sign-in since each cut-off (or never), and active people who never signed in. */
    dormant: z.object({ d30: z.number(), d60: z.number(), d90: z.number(), never: z.number() }).strict(),
    /** Deactivated people still in an Okta group, or still assigned an app. */
    deactivated: z.object({ inOktaGroups: z.number(), withApps: z.number() }).strict(),
    lockedOut: z.number(),
    passwordExpired: z.number(),
    generatedAt: iso,
  })
  .strict();
export type Hygiene = z.output<typeof hygieneSchema>;

/** The sync scope on the integration page: what it keeps, and what Okta has that it leaves out. */
export const scopeStatusSchema = z
  .object({
    summary: z.string(),
    /** Changed since the last sync started: the counts below are from before the change. */
    pending: z.boolean(),
    /** Per resource, objects Okta had that the newest full pass under this scope left out. */
    outOfScope: z.partialRecord(z.enum(RESOURCES), z.number()),
  })
  .strict();
export type ScopeStatus = z.output<typeof scopeStatusSchema>;

export const signInSeriesSchema = z
  .object({ days: z.number(), points: z.array(z.object({ day: z.string(), success: z.number(), failure: z.number() }).strict()) })
  .strict();
export type SignInSeries = z.output<typeof signInSeriesSchema>;

export const durationPointSchema = z
  .object({ runId: z.string(), status: z.enum(RUN_STATUSES), trigger: z.enum(RUN_TRIGGERS), startedAt: iso, durationMs: z.number() })
  .strict();
export type DurationPoint = z.output<typeof durationPointSchema>;

export const overviewSchema = z
  .object({
    integrationId: z.string(),
    health: healthSchema,
    counts: countsSchema,
    signIns: signInSeriesSchema,
    durations: z.array(durationPointSchema),
    /** Objects each resource had in the last successful run: the progress bar's estimate where Okta gives no total. */
    estimates: z.partialRecord(z.enum(RESOURCES), z.number()),
    eventKinds: z.array(z.object({ kind: z.enum(EVENT_KINDS), count: z.number(), level: z.enum(EVENT_LEVELS) }).strict()),
    /** Null when the integration syncs everything. */
    scope: scopeStatusSchema.nullable(),
    schedule: z
      .object({
        fullSyncIntervalMinutes: z.number(),
        incrementalSyncIntervalMinutes: z.number(),
        logWindowDays: z.number(),
        rateLimitShare: z.number(),
      })
      .strict(),
    generatedAt: iso,
  })
  .strict();
export type Overview = z.output<typeof overviewSchema>;

// ---------------------------------------------------------------------------------------------
// Run history (per-resource changes and who started each run)
// ---------------------------------------------------------------------------------------------

export const historyResourceSchema = z
  .object({
    resource: z.enum(RESOURCES),
    status: z.enum(RESOURCE_STATUSES),
    added: z.number(),
    updated: z.number(),
    deleted: z.number(),
    unchanged: z.number(),
  })
  .strict();

export const historyRunSchema = z
  .object({
    id: z.string(),
    status: z.enum(RUN_STATUSES),
    trigger: z.enum(RUN_TRIGGERS),
    triggeredBy: person.nullable(),
    queuedAt: iso,
    startedAt: iso.nullable(),
    finishedAt: iso.nullable(),
    durationMs: z.number().nullable(),
    requests: z.number(),
    rateLimitWaits: z.number(),
    retries: z.number(),
    error: z.record(z.string(), z.unknown()).nullable(),
    totals: z.object({ added: z.number(), updated: z.number(), deleted: z.number(), unchanged: z.number() }).strict(),
    resources: z.array(historyResourceSchema),
  })
  .strict();
export type HistoryRun = z.output<typeof historyRunSchema>;
export const runHistorySchema = z.object({ items: z.array(historyRunSchema), nextCursor: z.string().nullable() }).strict();
export type RunHistory = z.output<typeof runHistorySchema>;

// ---------------------------------------------------------------------------------------------
// Settings
// ---------------------------------------------------------------------------------------------

export const SCHEDULE_CHOICES = [15, 30, 60, 120, 240, 360, 720, 1440] as const;
export const INCREMENTAL_CHOICES = [5, 10, 15, 30, 60, 120] as const;
export const LOG_WINDOW = { min: 1, max: 90 } as const;
export const RATE_SHARE = { min: 0.1, max: 0.9 } as const;

const name = z.string().trim().min(1, "is required").max(80, "is too long (at most 80 characters)");

export const settingsInput = z
  .object({
    name: name.optional(),
    ownerId: z.uuid("must be a user id").nullable().optional(),
    fullSyncIntervalMinutes: z
      .number()
      .int("must be a whole number of minutes")
      .min(15, "must be at least 15 minutes")
      .max(10_080, "must be at most 7 days (10080 minutes)")
      .optional(),
    incrementalSyncIntervalMinutes: z
      .number()
      .int("must be a whole number of minutes")
      .refine((n) => n === 0 || (n >= 5 && n <= 1440), "must be 0 (off) or between 5 and 1440 minutes")
      .optional(),
    logWindowDays: z
      .number()
      .int("must be a whole number of days")
      .min(LOG_WINDOW.min, "must be at least 1 day")
      .max(LOG_WINDOW.max, "must be at most 90 days (Okta keeps the System Log for 90 days)")
      .optional(),
    rateLimitShare: z
      .number()
      .min(RATE_SHARE.min, "must be at least 0.1 (10%)")
      .max(RATE_SHARE.max, "must be at most 0.9 (90%): leave Okta headroom for other clients")
      .optional(),
    /** What the integration syncs; null (or every list empty) = everything. Applies from the next run. */
    syncScope: syncScopeInput.nullable().optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message:
      "nothing to change: give name, ownerId, fullSyncIntervalMinutes, incrementalSyncIntervalMinutes, logWindowDays, rateLimitShare or syncScope",
  });
export type SettingsInput = z.infer<typeof settingsInput>;

export const scopeSchema = z
  .object({
    groupIds: z.array(z.string()).optional(),
    appIds: z.array(z.string()).optional(),
    userTypes: z.array(z.string()).optional(),
    userStatuses: z.array(z.enum(OKTA_USER_STATUSES)).optional(),
  })
  .strict();

/**
 * The scope editor's search, answered on the server: `q` filters by name (or an exact id), a page of
 * `limit` at a time by name; `kind` asks for one list only (then `cursor`, from that list's
 * `nextCursor`, gives its next page); `ids` looks up chosen ones by id (to name them), ignoring the rest.
 */
export const scopeOptionsQuery = z
  .object({
    kind: z.enum(["groups", "apps"]).optional(),
    q: z.string().trim().max(200).optional(),
    ids: z
      .string()
      .optional()
      .transform((v) => v?.split(",").filter(Boolean))
      .transform((ids) => (ids?.length ? ids : undefined))
      .pipe(
        z
          .array(z.string().regex(/^[A-Za-z0-9]{1,64}$/, "must be Okta ids"))
          .max(MAX_SCOPE_IDS)
          .optional(),
      ),
    cursor: z.string().max(512).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict()
  .refine((v) => !v.cursor || v.kind, { path: ["cursor"], message: "needs kind (the list it continues)" });
export type ScopeOptionsQuery = z.output<typeof scopeOptionsQuery>;

/** What the scope editor offers: the integration's groups and apps (synced now or before) and user types. */
export const scopeOptionsSchema = z
  .object({
    groups: z.array(
      z.object({ id: z.string(), name: z.string(), type: z.string(), members: z.number().nullable(), synced: z.boolean() }).strict(),
    ),
    apps: z.array(z.object({ id: z.string(), label: z.string(), status: z.string(), synced: z.boolean() }).strict()),
    userTypes: z.array(z.object({ value: z.string(), users: z.number() }).strict()),
    /** Where each list's next page starts (null: nothing more matches). */
    nextCursor: z.object({ groups: z.string().nullable(), apps: z.string().nullable() }).strict(),
  })
  .strict();
export type ScopeOptions = z.output<typeof scopeOptionsSchema>;

export const settingsSchema = z
  .object({
    integrationId: z.string(),
    state: z.enum(["connected", "disconnected"]),
    name: z.string(),
    owner: person.nullable(),
    fullSyncIntervalMinutes: z.number(),
    incrementalSyncIntervalMinutes: z.number(),
    logWindowDays: z.number(),
    rateLimitShare: z.number(),
    nextSyncAt: iso.nullable(),
    nextIncrementalSyncAt: iso.nullable(),
    syncScope: scopeSchema.nullable(),
    /** The scope in words ("Everything" when unscoped). */
    scopeSummary: z.string(),
    /** People who may own it (the workspace's console users). */
    owners: z.array(person),
  })
  .strict();
export type Settings = z.output<typeof settingsSchema>;

export const settingsUpdateResult = settingsSchema.extend({ changed: z.array(z.string()) }).strict();
export type SettingsUpdateResult = z.output<typeof settingsUpdateResult>;
