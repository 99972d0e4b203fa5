// Actions on Okta (issue 15): requests, their targets, approvals, the approval policy per kind, and the
// append-only, hash-chained audit log.
//
// A request holds one or many targets (a batch: one reason, one approval, each target's own outcome).
// Its status moves pending_approval → queued → running → succeeded | failed, or ends denied, expired or
// cancelled (ACTION_STATUSES). The job that runs it is lib/actions/execute-action.ts.
//
// audit_log is append-only: a trigger (its SQL in drizzle/0015_actions_audit.sql, as drizzle does
// not model triggers) refuses UPDATE, TRUNCATE, and DELETE of the rows of a workspace that still
// exists. Each row carries the hash of the previous row of its workspace (prev_hash) and its own hash,
// sha256(prev_hash || canonical JSON of its fields) (lib/audit/hash.ts); appends are serialised per
// workspace (lib/audit/append-audit.ts), and lib/audit/verify-audit-chain.ts walks the chain.
// workspace_id, request_id and integration_id are deliberately not foreign keys: removing an
// integration (which cascades its requests) leaves its audit trail in place.
import { sql } from "drizzle-orm";
import { bigint, index, integer, jsonb, pgTable, primaryKey, text, uniqueIndex, uuid } from "drizzle-orm/pg-core";
import { ACTION_KINDS, ACTION_STATUSES, ACTION_TARGET_STATUSES, APPROVAL_DECISIONS, APPROVAL_POLICIES } from "../enums";
import { users, workspaces } from "./auth";
import { createdAt, ts } from "./columns";
import { integrations } from "./integrations";

export const actionRequests = pgTable(
  "action_requests",
  {
    id: uuid().primaryKey().defaultRandom(),
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    integrationId: uuid()
      .notNull()
      .references(() => integrations.id, { onDelete: "cascade" }),
    kind: text({ enum: ACTION_KINDS }).notNull(),
    status: text({ enum: ACTION_STATUSES }).notNull(),
    /** The console user who asked (an API key acts as its owner); null once that user is removed. */
    requestedBy: uuid().references(() => users.id, { onDelete: "set null" }),
    /** Who asked, as shown (email), kept when the user is removed. */
    requestedByLabel: text().notNull(),
    reason: text().notNull(),
    /** The kind's parameters (e.g. a profile, sendEmail), the same for every target. */
    params: jsonb().notNull().default(sql`'{}'::jsonb`),
    /** The preview shown when it was requested (lib/actions/preview-action.ts). */
    preview: jsonb().notNull().default(sql`'{}'::jsonb`),
    /** 0, 1 or 2: from the approval policy of the kind when it was requested. */
    requiredApprovals: integer().notNull().default(0),
    createdAt: createdAt(),
    /** When it was approved (enough approvals), denied, cancelled or expired. */
    decidedAt: ts(),
    /** A pending request not decided by then expires (lib/actions/expire-actions.ts). */
    expiresAt: ts(),
    startedAt: ts(),
    finishedAt: ts(),
  },
  (t) => [
    // The list: newest first, keyset on (created_at, id), filtered by status, integration or kind.
    index("action_requests_workspace_idx").on(t.workspaceId, t.createdAt.desc(), t.id.desc()),
    index("action_requests_status_idx").on(t.workspaceId, t.status, t.createdAt.desc(), t.id.desc()),
    // The expiry sweep.
    index("action_requests_pending_expiry_idx").on(t.expiresAt).where(sql`${t.status} = 'pending_approval'`),
    index("action_requests_integration_idx").on(t.integrationId, t.createdAt.desc()),
  ],
);
export type ActionRequestRow = typeof actionRequests.$inferSelect;

export const actionTargets = pgTable(
  "action_targets",
  {
    requestId: uuid()
      .notNull()
      .references(() => actionRequests.id, { onDelete: "cascade" }),
    /** 0, 1, … in the order the targets were given. */
    seq: integer().notNull(),
    // Okta ids: the person, group and app the action is about (which are set depends on the kind).
    userId: text(),
    groupId: text(),
    appId: text(),
    /** How the target reads in a sentence (e.g. "jane@example.com", "Engineering → jane@…"). */
    label: text().notNull().default(""),
    status: text({ enum: ACTION_TARGET_STATUSES }).notNull().default("queued"),
    attempts: integer().notNull().default(0),
    /** Okta's HTTP status of the last answer. */
    oktaStatus: integer(),
    errorCode: text(),
    errorSummary: text(),
    errorId: text(),
    /** The target as Okta had it before and after the action (a re-read). */
    stateBefore: jsonb(),
    stateAfter: jsonb(),
    /** Non-secret facts of the result (e.g. the created user's id). */
    result: jsonb(),
    /**
     * A secret-like result (a one-time activation or reset link), sealed with lib/crypto/seal.ts under
     * "action_target:<requestId>:<seq>", shown once to the requester and then cleared.
     */
    secretSealed: text(),
    secretRevealedAt: ts(),
    startedAt: ts(),
    finishedAt: ts(),
  },
  (t) => [
    primaryKey({ columns: [t.requestId, t.seq] }),
    // A person's, group's or app's History.
    index("action_targets_user_idx").on(t.userId),
    index("action_targets_group_idx").on(t.groupId),
    index("action_targets_app_idx").on(t.appId),
  ],
);
export type ActionTargetRow = typeof actionTargets.$inferSelect;

export const actionApprovals = pgTable(
  "action_approvals",
  {
    id: bigint({ mode: "number" }).primaryKey().generatedAlwaysAsIdentity(),
    requestId: uuid()
      .notNull()
      .references(() => actionRequests.id, { onDelete: "cascade" }),
    /** The admin who decided; null once removed (the decision and its label stay). */
    userId: uuid().references(() => users.id, { onDelete: "set null" }),
    userLabel: text().notNull(),
    decision: text({ enum: APPROVAL_DECISIONS }).notNull(),
    comment: text(),
    createdAt: createdAt(),
  },
  (t) => [uniqueIndex("action_approvals_request_user_unique").on(t.requestId, t.userId)],
);
export type ActionApprovalRow = typeof actionApprovals.$inferSelect;

/** A workspace's approval policy per kind; a kind without a row has its default (lib/actions/approval-defaults.ts). */
export const approvalPolicies = pgTable(
  "approval_policies",
  {
    workspaceId: uuid()
      .notNull()
      .references(() => workspaces.id, { onDelete: "cascade" }),
    kind: text({ enum: ACTION_KINDS }).notNull(),
    policy: text({ enum: APPROVAL_POLICIES }).notNull(),
    updatedAt: ts().notNull().defaultNow(),
  },
  (t) => [primaryKey({ columns: [t.workspaceId, t.kind] })],
);

export const auditLog = pgTable(
  "audit_log",
  {
    seq: bigint({ mode: "number" }).primaryKey().generatedByDefaultAsIdentity(),
    // No foreign keys (see the top of the file): the trail outlives what it is about.
    workspaceId: uuid().notNull(),
    at: ts().notNull(),
    actorUserId: uuid(),
    /** Who acted, as shown: an email, "system" (a job) or "Okta". */
    actorLabel: text().notNull(),
    action: text().notNull(),
    /** The action kind it is about (user.suspend, …), when it is about one. */
    kind: text({ enum: ACTION_KINDS }),
    requestId: uuid(),
    integrationId: uuid(),
    /** What it is about: { userId?, groupId?, appId?, label?, seq? } (seq: the request's target). */
    target: jsonb(),
    /** Everything else: status, errorCode, errorId, state before and after, comment, reason… */
    detail: jsonb(),
    prevHash: text().notNull(),
    hash: text().notNull(),
  },
  (t) => [
    // The chain of a workspace in order, its last link, and the newest-first list.
    index("audit_log_workspace_seq_idx").on(t.workspaceId, t.seq),
    index("audit_log_request_idx").on(t.requestId, t.seq),
    index("audit_log_actor_idx").on(t.workspaceId, t.actorUserId, t.seq),
    index("audit_log_action_idx").on(t.workspaceId, t.action, t.seq),
    index("audit_log_kind_idx").on(t.workspaceId, t.kind, t.seq),
    // A person's, group's or app's History: the target's ids.
    index("audit_log_target_idx").using("gin", sql`${t.target} jsonb_path_ops`),
    // One successor per link: two appends that read the same last row cannot both commit (no fork).
    uniqueIndex("audit_log_chain_unique").on(t.workspaceId, t.prevHash),
  ],
);
export type AuditRow = typeof auditLog.$inferSelect;
