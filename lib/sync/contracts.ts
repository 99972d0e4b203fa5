// Response contracts of the sync API, shared by route handlers and the UI's hooks. Handlers parse
// their output through these, so only listed fields are ever serialized (no lease ids, checkpoints).
import { z } from "zod";
import { EVENT_LEVELS, RESOURCE_STATUSES, RESOURCES, RUN_MODES, RUN_STATUSES, RUN_TRIGGERS } from "@/db/enums";
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
