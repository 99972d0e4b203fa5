// Response contracts of the sync API, shared by route handlers and the UI's hooks. Handlers parse
// their output through these, so only listed fields are ever serialized (no lease ids, checkpoints).
import { z } from "zod";
import { CHANGE_OBJECTS, EVENT_LEVELS, RESOURCE_STATUSES, RESOURCES, RUN_CHANGES, RUN_MODES, RUN_STATUSES, RUN_TRIGGERS } from "@/db/enums";
import { EVENT_KINDS } from "@/lib/integrations/event-kinds";

const iso = z.union([z.date().transform((d) => d.toISOString()), z.string()]);
const json = z.record(z.string(), z.unknown()).nullable();

export const runTotalsSchema = z.object({
  pages: z.number(),
  objects: z.number(),
  added: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  deleted: z.number(),
});

export const runSummarySchema = z.object({
  id: z.string(),
  integrationId: z.string(),
  status: z.enum(RUN_STATUSES),
  trigger: z.enum(RUN_TRIGGERS),
  mode: z.enum(RUN_MODES),
  triggeredById: z.string().nullable(),
  queuedAt: iso,
  startedAt: iso.nullable(),
  finishedAt: iso.nullable(),
  heartbeatAt: iso.nullable(),
  attempts: z.number(),
  requests: z.number(),
  rateLimitWaits: z.number(),
  retries: z.number(),
  error: json,
  totals: runTotalsSchema,
});

export const runResourceSchema = z.object({
  resource: z.enum(RESOURCES),
  status: z.enum(RESOURCE_STATUSES),
  pages: z.number(),
  objects: z.number(),
  expectedTotal: z.number().nullable(),
  /** objects / expectedTotal when Okta reported a total, else null. */
  progress: z.number().nullable(),
  added: z.number(),
  updated: z.number(),
  unchanged: z.number(),
  deleted: z.number(),
  /** Objects Okta had that the integration's sync scope left out (null: no scope applied here). */
  outOfScope: z.number().nullable(),
  requests: z.number(),
  rateLimitWaits: z.number(),
  retries: z.number(),
  missingScope: z.string().nullable(),
  error: json,
  reconciliation: json,
  startedAt: iso.nullable(),
  finishedAt: iso.nullable(),
});

export const runDetailSchema = runSummarySchema.extend({ resources: z.array(runResourceSchema) });

export const integrationEventSchema = z.object({
  id: z.number(),
  runId: z.string().nullable(),
  at: iso,
  level: z.enum(EVENT_LEVELS),
  kind: z.enum(EVENT_KINDS),
  message: z.string(),
  details: json,
  actorUserId: z.string().nullable(),
});

export const startSyncResponseSchema = z.object({ created: z.boolean(), run: runDetailSchema });
export const runListSchema = z.object({ items: z.array(runSummarySchema), nextCursor: z.string().nullable() });
export const eventListSchema = z.object({ items: z.array(integrationEventSchema), nextCursor: z.string().nullable() });

export type RunSummary = z.output<typeof runSummarySchema>;
export type RunDetail = z.output<typeof runDetailSchema>;
export type RunResource = z.output<typeof runResourceSchema>;
export type IntegrationEventItem = z.output<typeof integrationEventSchema>;

// ---- What a run changed (GET /api/integrations/{id}/syncs/{runId}/changes) --------------------------

/** Resources whose changes are recorded: every directory resource (the System Log is append-only). */
export const CHANGE_RESOURCES = ["users", "groups", "memberships", "apps", "app_assignments", "roles", "idps"] as const;
/** At most this many changes are kept per run and resource (lib/sync/run-changes.ts); the counts stay exact. */
export const CHANGES_PER_RESOURCE = 1000;

export const runChangesQuery = z
  .object({
    resource: z.enum(CHANGE_RESOURCES, `must be one of ${CHANGE_RESOURCES.join(", ")}`).optional(),
    change: z.enum(RUN_CHANGES, "must be added, updated or deleted").optional(),
    cursor: z.string().max(512).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

const changeRef = z.object({ type: z.enum(["user", "group", "app", "idp", "role"]), id: z.string(), name: z.string() }).strict();
export type ChangeRef = z.output<typeof changeRef>;

export const runChangeSchema = z
  .object({
    id: z.string(),
    resource: z.enum(CHANGE_RESOURCES),
    object: z.enum(CHANGE_OBJECTS),
    change: z.enum(RUN_CHANGES),
    /** The object's key inside the integration (ids of a pair joined by "/"). */
    key: z.string(),
    /** What changed: a person, group, app, identity provider, or the holder of a role. */
    subject: changeRef,
    /** What it is related to: the group of a membership, the app of an assignment, the role held. */
    target: changeRef.nullable(),
    /** For an update: the fields that changed. */
    fields: z.array(z.string()).nullable(),
    at: iso,
  })
  .strict();
export type RunChangeItem = z.output<typeof runChangeSchema>;
export const runChangeListSchema = z.object({ items: z.array(runChangeSchema), nextCursor: z.string().nullable() }).strict();
export type RunChangeList = z.output<typeof runChangeListSchema>;
