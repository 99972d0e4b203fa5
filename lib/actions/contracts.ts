// Request and response contracts of actions on Okta and their approvals (issue 15), shared by the
// routes, the pages and their client components. Drizzle-free. The per-kind rules (which target ids a
// kind takes, its parameters) live in the catalogue, lib/actions/kinds.ts; the verbs apply them and
// answer a 400 naming the field (`targets.3.userId`, `params.profile.email`).
import { z } from "zod";
import {
  ACTION_KINDS,
  ACTION_STATUSES,
  ACTION_TARGET_STATUSES,
  type ActionKind,
  APPROVAL_DECISIONS,
  APPROVAL_POLICIES,
  type ApprovalPolicy,
} from "@/db/enums";
import { auditItem } from "@/lib/audit/contracts";

/** Most targets one request may hold (a directory selection, a group's members). */
export const MAX_BATCH = 200;
export const MAX_REASON = 1000;

const kindField = z.enum(ACTION_KINDS, `must be one of ${ACTION_KINDS.join(", ")}`);
const idField = z.string().max(64, "is too long to be an Okta id");

export const actionTargetInput = z.strictObject({ userId: idField.optional(), groupId: idField.optional(), appId: idField.optional() });
export type ActionTargetInput = z.infer<typeof actionTargetInput>;

const reasonField = z
  .string()
  .trim()
  .min(1, "is required: say why this action is needed")
  .max(MAX_REASON, `must be at most ${MAX_REASON} characters`);

const bodyShape = {
  kind: kindField,
  /** One target; `targets` instead makes a batch (one reason, one approval, an outcome per target). A kind that creates (user.create) takes none. */
  target: actionTargetInput.optional(),
  targets: z.array(actionTargetInput).min(1, "must hold at least one target").max(MAX_BATCH, `at most ${MAX_BATCH} targets`).optional(),
  /** The kind's parameters (lib/actions/kinds.ts), the same for every target. */
  params: z.record(z.string().max(100), z.unknown()).optional(),
};

const oneOfTargetOrTargets = (v: { target?: unknown; targets?: unknown }, ctx: z.RefinementCtx) => {
  if (v.target !== undefined && v.targets !== undefined)
    ctx.addIssue({ code: "custom", path: ["targets"], message: "send either target or targets, not both" });
};

/** POST /api/integrations/{id}/actions */
export const requestActionBody = z.strictObject({ ...bodyShape, reason: reasonField }).superRefine(oneOfTargetOrTargets);
export type RequestActionBody = z.infer<typeof requestActionBody>;

/** POST /api/integrations/{id}/actions/preview: the same body; the reason may still be empty. */
export const previewActionBody = z
  .strictObject({ ...bodyShape, reason: z.string().max(MAX_REASON, `must be at most ${MAX_REASON} characters`).optional() })
  .superRefine(oneOfTargetOrTargets);
export type PreviewActionBody = z.infer<typeof previewActionBody>;

export const approveActionBody = z.strictObject({ comment: z.string().trim().max(MAX_REASON).optional() });
export const denyActionBody = z.strictObject({
  comment: z.string().trim().min(1, "is required: say why the request is denied").max(MAX_REASON),
});
export const revealSecretBody = z.strictObject({ seq: z.number().int().min(0).max(MAX_BATCH) });

// ---- the preview -----------------------------------------------------------------------------------

/** A titled list in a preview ("App assignments that end"): the first items and the total. */
export const previewList = z.object({ title: z.string(), items: z.array(z.string()), total: z.number().int() });
export type PreviewList = z.infer<typeof previewList>;

export const targetPreview = z.object({
  seq: z.number().int(),
  userId: z.string().nullable(),
  groupId: z.string().nullable(),
  appId: z.string().nullable(),
  /** How the target reads: the person's login, "login in Group", "App for login"… */
  label: z.string(),
  /** Whether the target's current state allows the action (checkTargetState); if not, why. */
  allowed: z.boolean(),
  refusal: z.object({ code: z.enum(["state", "already", "gone", "type"]), reason: z.string() }).nullable(),
  /** The effect in a sentence ("Deactivate jane@…: ends 14 app assignments…"). */
  effect: z.string(),
  lists: z.array(previewList),
  /** The person's Okta status from the fresh read, when the kind is about a person. */
  status: z.string().nullable(),
});
export type TargetPreview = z.infer<typeof targetPreview>;

export const actionPreview = z.object({
  kind: z.enum(ACTION_KINDS),
  label: z.string(),
  destructive: z.boolean(),
  /** Why it cannot simply be undone, for destructive kinds. */
  warning: z.string().nullable(),
  /** One line for the whole request ("Suspend 3 people; 1 is refused"). */
  summary: z.string(),
  targets: z.array(targetPreview),
  /** Targets whose state does not allow the action (they would be skipped). */
  refused: z.number().int(),
  computedAt: z.coerce.date(),
});
export type ActionPreview = z.infer<typeof actionPreview>;

// ---- requests ----------------------------------------------------------------------------------------

const targetIds = z.object({ userId: z.string().nullable(), groupId: z.string().nullable(), appId: z.string().nullable() });

export const actionTargetView = targetIds.extend({
  seq: z.number().int(),
  label: z.string(),
  status: z.enum(ACTION_TARGET_STATUSES),
  attempts: z.number().int(),
  /** Okta's HTTP status, errorCode, errorSummary and errorId of the last answer. */
  oktaStatus: z.number().int().nullable(),
  errorCode: z.string().nullable(),
  errorSummary: z.string().nullable(),
  errorId: z.string().nullable(),
  stateBefore: z.unknown(),
  stateAfter: z.unknown(),
  result: z.unknown(),
  /** A one-time value (activation or reset link) waits to be revealed once, to the requester (POST /api/actions/{id}/reveal). */
  hasSecret: z.boolean(),
  secretRevealedAt: z.coerce.date().nullable(),
  startedAt: z.coerce.date().nullable(),
  finishedAt: z.coerce.date().nullable(),
});
export type ActionTargetView = z.infer<typeof actionTargetView>;

export const actionRequestView = z.object({
  id: z.uuid(),
  integrationId: z.uuid(),
  kind: z.enum(ACTION_KINDS),
  /** The kind in words ("Suspend"). */
  label: z.string(),
  status: z.enum(ACTION_STATUSES),
  reason: z.string(),
  params: z.record(z.string(), z.unknown()),
  preview: actionPreview.nullable(),
  requestedBy: z.object({ id: z.uuid().nullable(), label: z.string() }),
  requiredApprovals: z.number().int(),
  approvals: z.number().int(),
  /** The first target (the only one unless it is a batch). */
  target: targetIds.extend({ label: z.string() }).nullable(),
  targetCount: z.number().int(),
  /** Targets per status. */
  targetCounts: z.record(z.enum(ACTION_TARGET_STATUSES), z.number().int()),
  createdAt: z.coerce.date(),
  decidedAt: z.coerce.date().nullable(),
  expiresAt: z.coerce.date().nullable(),
  startedAt: z.coerce.date().nullable(),
  finishedAt: z.coerce.date().nullable(),
});
export type ActionRequestView = z.infer<typeof actionRequestView>;

const allowed = z.object({ ok: z.boolean(), why: z.string().nullable() });

export const actionRequestDetail = actionRequestView.extend({
  targets: z.array(actionTargetView),
  decisions: z.array(
    z.object({
      userId: z.uuid().nullable(),
      label: z.string(),
      decision: z.enum(APPROVAL_DECISIONS),
      comment: z.string().nullable(),
      at: z.coerce.date(),
    }),
  ),
  audit: z.array(auditItem),
  /** What the caller may do with it now, and if not, why (for the buttons). */
  can: z.object({ approve: allowed, deny: allowed, cancel: allowed }),
});
export type ActionRequestDetail = z.infer<typeof actionRequestDetail>;

const statusList = z
  .string()
  .max(200)
  .transform((s) => s.split(",").map((x) => x.trim()))
  .pipe(z.array(z.enum(ACTION_STATUSES, `each must be one of ${ACTION_STATUSES.join(", ")}`)).min(1));

/** GET /api/actions: newest first; `status` may be a comma-separated list; `mine=true`: the caller's requests. */
export const listActionsQuery = z.strictObject({
  status: statusList.optional(),
  integrationId: z.uuid().optional(),
  kind: kindField.optional(),
  mine: z.enum(["true", "false"]).optional(),
  cursor: z.string().max(512).optional(),
  limit: z.coerce.number().int().min(1).max(200).default(50),
});
export type ListActionsQuery = z.infer<typeof listActionsQuery>;

export const actionPage = z.object({ items: z.array(actionRequestView), nextCursor: z.string().nullable() });
export type ActionPage = z.infer<typeof actionPage>;

/** GET /api/actions/pending-count: for the sidebar. */
export const pendingCount = z.object({
  /** Requests waiting for approval in the workspace. */
  pending: z.number().int(),
  /** Of those, the ones the caller may approve (an admin, not their own, not yet decided by them). */
  awaitingMe: z.number().int(),
});

export const revealedSecret = z.object({ seq: z.number().int(), secret: z.record(z.string(), z.string()) });

// ---- approval policy ---------------------------------------------------------------------------------

export const MIN_EXPIRY_HOURS = 1;
export const MAX_EXPIRY_HOURS = 720;

export const approvalPolicyView = z.object({
  /** Every kind's policy in force. */
  policies: z.record(z.enum(ACTION_KINDS), z.enum(APPROVAL_POLICIES)),
  /** Every kind's default (what a kind without a setting of its own gets). */
  defaults: z.record(z.enum(ACTION_KINDS), z.enum(APPROVAL_POLICIES)),
  /** Hours a request waits for approval before it expires, and whether that is the workspace's own setting. */
  expiryHours: z.number().int(),
  expiryHoursCustom: z.boolean(),
});
export type ApprovalPolicyView = z.infer<typeof approvalPolicyView>;

const policyField = z.enum(APPROVAL_POLICIES, `must be one of ${APPROVAL_POLICIES.join(", ")}`);

/** PATCH /api/approval-policy `{ "user.suspend": "none", …, "expiryHours": 48 }` (expiryHours null: back to the default). */
export const updateApprovalPolicyBody = z
  .strictObject({
    ...(Object.fromEntries(ACTION_KINDS.map((k) => [k, policyField.optional()])) as Record<ActionKind, z.ZodOptional<typeof policyField>>),
    expiryHours: z.number().int().min(MIN_EXPIRY_HOURS).max(MAX_EXPIRY_HOURS).nullable().optional(),
  })
  .refine((v) => Object.values(v).some((x) => x !== undefined), "send at least one kind's policy or expiryHours");
export type UpdateApprovalPolicyBody = Partial<Record<ActionKind, ApprovalPolicy>> & { expiryHours?: number | null };

export const REQUIRED_APPROVALS: Record<ApprovalPolicy, number> = { none: 0, one_admin: 1, two_admins: 2 };

// ---- what a page may offer -----------------------------------------------------------------------

const oktaIdQuery = z
  .string()
  .trim()
  .min(1, "is empty")
  .max(64, "is too long to be an Okta id")
  .regex(/^[A-Za-z0-9_-]+$/, "is not an Okta id");

/** GET /api/integrations/{id}/actions/available?userId= | groupId= | appId= (exactly one): the kinds a person's, group's or app's page offers. */
export const availableActionsQuery = z
  .strictObject({ userId: oktaIdQuery.optional(), groupId: oktaIdQuery.optional(), appId: oktaIdQuery.optional() })
  .superRefine((v, ctx) => {
    const given = [v.userId, v.groupId, v.appId].filter((x) => x !== undefined).length;
    if (given !== 1) ctx.addIssue({ code: "custom", path: ["userId"], message: "give exactly one of userId, groupId and appId" });
  });
export type AvailableActionsQuery = z.infer<typeof availableActionsQuery>;

export const availableAction = z.object({
  kind: z.enum(ACTION_KINDS),
  label: z.string(),
  destructive: z.boolean(),
  /** The approval policy in force for the kind. */
  approval: z.enum(APPROVAL_POLICIES),
  allowed: z.boolean(),
  /** Why not: `credentials` (the integration's credentials or actions off), or the state check's code. */
  code: z.enum(["credentials", "state", "already", "gone", "type"]).nullable(),
  why: z.string().nullable(),
});
export type AvailableAction = z.infer<typeof availableAction>;

export const availableActions = z.object({
  subject: z.object({
    type: z.enum(["user", "group", "app"]),
    id: z.string(),
    /** As Okta has it now: the person's status, the group's type, the app's status (null when not read). */
    status: z.string().nullable(),
  }),
  /** Whether the caller may request actions at all (operators and admins), and if not why. */
  canRequest: z.object({ ok: z.boolean(), why: z.string().nullable() }),
  /** The subject could not be read from Okta: the state was not judged (the preview judges it again). */
  readError: z.string().nullable(),
  kinds: z.array(availableAction),
});
export type AvailableActions = z.infer<typeof availableActions>;
