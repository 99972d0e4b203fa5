// Words and badges of actions on Okta: a request's and a target's status, an approval policy, an audit
// entry's action.
import { Badge, type Tone } from "@/components/ui";
import type { ActionStatus, ActionTargetStatus, ApprovalPolicy, AuditAction as AuditActionName } from "@/db/enums";

export const REQUEST_STATUS: Record<ActionStatus, { label: string; tone: Tone }> = {
  pending_approval: { label: "Waiting for approval", tone: "warning" },
  queued: { label: "Queued", tone: "info" },
  running: { label: "Running", tone: "info" },
  succeeded: { label: "Succeeded", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
  denied: { label: "Denied", tone: "danger" },
  expired: { label: "Expired", tone: "neutral" },
  cancelled: { label: "Cancelled", tone: "neutral" },
};

export const TARGET_STATUS: Record<ActionTargetStatus, { label: string; tone: Tone }> = {
  queued: { label: "Queued", tone: "neutral" },
  running: { label: "Running", tone: "info" },
  succeeded: { label: "Succeeded", tone: "success" },
  failed: { label: "Failed", tone: "danger" },
  skipped: { label: "Skipped", tone: "warning" },
};

export const POLICY_LABEL: Record<ApprovalPolicy, string> = {
  none: "No approval",
  one_admin: "One admin approves",
  two_admins: "Two admins approve",
};

/** How many approvals a policy needs, as a phrase for a sentence ("needs one admin's approval"). */
export const POLICY_NEEDS: Record<ApprovalPolicy, string | null> = {
  none: null,
  one_admin: "needs one admin's approval",
  two_admins: "needs two admins' approval",
};

export function RequestStatus({ status }: { status: ActionStatus }) {
  const s = REQUEST_STATUS[status];
  return (
    <Badge tone={s.tone} dot>
      {s.label}
    </Badge>
  );
}

export function TargetStatus({ status }: { status: ActionTargetStatus }) {
  const s = TARGET_STATUS[status];
  return <Badge tone={s.tone}>{s.label}</Badge>;
}

/** Audit actions in words (audit_log.action). */
export const AUDIT_ACTION_LABEL: Record<AuditActionName, string> = {
  "request.created": "Requested",
  "request.previewed": "Previewed",
  "request.approved": "Approved",
  "request.denied": "Denied",
  "request.expired": "Expired",
  "request.cancelled": "Cancelled",
  "request.queued": "Queued",
  "action.attempt": "Sent to Okta",
  "action.okta_response": "Okta answered",
  "action.succeeded": "Succeeded",
  "action.failed": "Failed",
  "action.skipped": "Skipped",
  "action.secret_revealed": "One-time link shown",
  "approval_policy.changed": "Approval policy changed",
};

export const auditActionLabel = (action: string) => AUDIT_ACTION_LABEL[action as AuditActionName] ?? action;

const AUDIT_TONE: Record<string, Tone> = {
  "action.succeeded": "success",
  "action.failed": "danger",
  "request.denied": "danger",
  "action.skipped": "warning",
  "request.expired": "neutral",
  "request.cancelled": "neutral",
  "request.approved": "success",
  "request.created": "brand",
};

export function AuditAction({ action }: { action: string }) {
  return <Badge tone={AUDIT_TONE[action] ?? "neutral"}>{auditActionLabel(action)}</Badge>;
}
