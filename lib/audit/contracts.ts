// Request and response contracts of the audit trail (GET /api/audit, /api/audit.csv, /api/audit/verify).
// Drizzle-free: pages import it.
import { z } from "zod";
import { ACTION_KINDS, AUDIT_ACTIONS } from "@/db/enums";
import { isoDateTime } from "@/lib/api/safe-input";

/** Outcomes the list filters by, each the audit action that records it. */
export const AUDIT_OUTCOMES = {
  succeeded: "action.succeeded",
  failed: "action.failed",
  skipped: "action.skipped",
  denied: "request.denied",
  expired: "request.expired",
  cancelled: "request.cancelled",
} as const;
export type AuditOutcome = keyof typeof AUDIT_OUTCOMES;

const oktaIdLike = z
  .string()
  .trim()
  .min(1)
  .max(64)
  .regex(/^[A-Za-z0-9_-]+$/, "must be an Okta id");

export const auditFilters = z.strictObject({
  /** A console user's id, or part of the actor's label (an email, "system"). */
  actor: z.string().trim().min(1).max(320).optional(),
  /** An Okta id of a person, group or app the entry is about (directly, or through its request's targets). */
  target: oktaIdLike.optional(),
  kind: z.enum(ACTION_KINDS, `must be one of ${ACTION_KINDS.join(", ")}`).optional(),
  action: z.enum(AUDIT_ACTIONS, `must be one of ${AUDIT_ACTIONS.join(", ")}`).optional(),
  outcome: z.enum(Object.keys(AUDIT_OUTCOMES) as [AuditOutcome, ...AuditOutcome[]]).optional(),
  requestId: z.uuid().optional(),
  integrationId: z.uuid().optional(),
  /** Entries at or after this time (ISO 8601). */
  from: isoDateTime().optional(),
  /** Entries before this time (ISO 8601). */
  to: isoDateTime().optional(),
});
export type AuditFilters = z.infer<typeof auditFilters>;

export const auditQuery = auditFilters.extend({
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(50),
});
export type AuditQuery = z.infer<typeof auditQuery>;

/** One audit entry. `target`: { userId?, groupId?, appId?, label?, seq? }; `detail`: what the action records (status, errorCode, errorId, before/after…). */
export const auditItem = z.object({
  seq: z.number().int(),
  at: z.coerce.date(),
  actor: z.object({ userId: z.uuid().nullable(), label: z.string() }),
  action: z.string(),
  kind: z.string().nullable(),
  requestId: z.uuid().nullable(),
  integrationId: z.uuid().nullable(),
  target: z.record(z.string(), z.unknown()).nullable(),
  detail: z.record(z.string(), z.unknown()).nullable(),
  prevHash: z.string(),
  hash: z.string(),
});
export type AuditItem = z.infer<typeof auditItem>;

export const auditPage = z.object({ items: z.array(auditItem), nextCursor: z.string().nullable() });
export type AuditPage = z.infer<typeof auditPage>;

/**
 * The chain walked in order: `entries` checked; `firstBroken` the first entry whose hash does not match
 * its contents or whose prev_hash does not match the entry before it; `head` the last entry (note it
 * down: an entry removed from the end of the chain is only noticed against a copy of the head).
 */
export const auditVerifyResult = z.object({
  ok: z.boolean(),
  entries: z.number().int(),
  firstBroken: z.object({ seq: z.number().int(), reason: z.string() }).optional(),
  head: z.object({ seq: z.number().int(), hash: z.string() }).nullable(),
});
export type AuditVerifyResult = z.infer<typeof auditVerifyResult>;
