// Status tuples and other closed sets of values shared by the tables, zod contracts and the UI.
// Drizzle-free on purpose: client components import these, never db/schema (which pulls in drizzle).

// admin: everything; operator (a help-desk agent): reads everything and requests actions, but does
// not approve them, change settings or manage people; viewer: reads.
export const ROLES = ["admin", "operator", "viewer"] as const;
export type Role = (typeof ROLES)[number];
export const ROLE_LABELS: Record<Role, string> = { admin: "Admin", operator: "Operator", viewer: "Viewer" };

/** How a console session was opened: a password (plus a TOTP code where enrolled) or sign-in with Okta. */
export const SIGN_IN_METHODS = ["password", "okta"] as const;
export type SignInMethod = (typeof SIGN_IN_METHODS)[number];

export const AUTH_METHODS = ["private_key_jwt", "client_secret", "api_token"] as const;
export type AuthMethod = (typeof AUTH_METHODS)[number];

export const INTEGRATION_STATES = ["connected", "disconnected"] as const;
export type IntegrationState = (typeof INTEGRATION_STATES)[number];

export const SECRET_KINDS = ["client_secret", "private_key", "api_token", "dpop_key", "access_token", "hook_secret"] as const;
export type SecretKind = (typeof SECRET_KINDS)[number];

// `registered`: the console created and verified the hook in Okta (the app has okta.eventHooks.manage);
// `manual`: the admin adds it in Okta by hand from the shown URL and secret.
export const HOOK_MODES = ["registered", "manual"] as const;
export type HookMode = (typeof HOOK_MODES)[number];

export const HOOK_EVENT_STATUSES = ["pending", "applied", "failed"] as const;
export type HookEventStatus = (typeof HOOK_EVENT_STATUSES)[number];

export const EVENT_LEVELS = ["info", "warn", "error"] as const;
export type EventLevel = (typeof EVENT_LEVELS)[number];

export const RUN_STATUSES = ["queued", "running", "succeeded", "partial", "failed", "cancelled"] as const;
export type RunStatus = (typeof RUN_STATUSES)[number];
export const RUN_TRIGGERS = ["initial", "manual", "scheduled", "hook"] as const;
export type RunTrigger = (typeof RUN_TRIGGERS)[number];
export const RUN_MODES = ["full", "incremental"] as const;
export type RunMode = (typeof RUN_MODES)[number];

export const RESOURCES = ["users", "groups", "memberships", "apps", "app_assignments", "roles", "idps", "log_events"] as const;
export type Resource = (typeof RESOURCES)[number];
export const RESOURCE_STATUSES = ["pending", "running", "succeeded", "failed", "skipped"] as const;
export type ResourceStatus = (typeof RESOURCE_STATUSES)[number];

/** What a sync run did to one stored object (sync_run_changes). */
export const RUN_CHANGES = ["added", "updated", "deleted"] as const;
export type RunChange = (typeof RUN_CHANGES)[number];
/** The kind of object a run change is about: one per directory table (a table's key names it). */
export const CHANGE_OBJECTS = ["user", "group", "membership", "app", "app_user", "app_group", "role", "idp"] as const;
export type ChangeObject = (typeof CHANGE_OBJECTS)[number];

/**
 * Actions on Okta the console can request (issue 15). The catalogue of what each does, its Okta call
 * and which state it needs is lib/actions/kinds.ts; this is only the closed list.
 */
export const ACTION_KINDS = [
  "user.create",
  "user.activate",
  "user.reactivate",
  "user.suspend",
  "user.unsuspend",
  "user.unlock",
  "user.deactivate",
  "user.delete",
  "user.reset_password",
  "user.expire_password",
  "user.reset_factors",
  "user.revoke_sessions",
  "user.update_profile",
  "group.add_member",
  "group.remove_member",
  "app.assign_user",
  "app.unassign_user",
  "app.assign_group",
  "app.unassign_group",
] as const;
export type ActionKind = (typeof ACTION_KINDS)[number];

/** A request's life: pending_approval → queued → running → succeeded | failed; or denied, expired, cancelled. */
export const ACTION_STATUSES = ["pending_approval", "queued", "running", "succeeded", "failed", "denied", "expired", "cancelled"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];
/** The statuses a request never leaves. */
export const FINAL_ACTION_STATUSES = ["succeeded", "failed", "denied", "expired", "cancelled"] as const satisfies readonly ActionStatus[];

/** One target of a request (a batch holds many). */
export const ACTION_TARGET_STATUSES = ["queued", "running", "succeeded", "failed", "skipped"] as const;
export type ActionTargetStatus = (typeof ACTION_TARGET_STATUSES)[number];

export const APPROVAL_POLICIES = ["none", "one_admin", "two_admins"] as const;
export type ApprovalPolicy = (typeof APPROVAL_POLICIES)[number];

export const APPROVAL_DECISIONS = ["approve", "deny"] as const;
export type ApprovalDecision = (typeof APPROVAL_DECISIONS)[number];

/** What an audit entry records (audit_log.action). */
export const AUDIT_ACTIONS = [
  "request.created",
  "request.previewed",
  "request.approved",
  "request.denied",
  "request.expired",
  "request.cancelled",
  "request.queued",
  "action.attempt",
  "action.okta_response",
  "action.succeeded",
  "action.failed",
  "action.skipped",
  "action.secret_revealed",
  "approval_policy.changed",
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];
