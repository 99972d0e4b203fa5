// Request and response contracts of the troubleshooting wizard (POST /api/integrations/{id}/diagnostics
// and the pre-save POST /api/integrations/diagnostics). Pure zod, safe to import from client components.
// Responses are strict: only declared fields are serialized, and no check ever puts a secret in them.
import { z } from "zod";
import { verifyInput } from "@/lib/integrations/contracts";

export const SYMPTOMS = [
  "all",
  "credentials",
  "groups_missing",
  "assignments_missing",
  "activity_missing",
  "counts_differ",
  "roles_idps_missing",
  "hooks",
  "rate_limits",
  "token_expired",
  "action_fails",
] as const;
export type Symptom = (typeof SYMPTOMS)[number];

/** What the admin picks, in their words. */
export const SYMPTOM_INFO: Record<Symptom, { label: string; description: string }> = {
  all: {
    label: "Check everything",
    description: "Run every check: domain, credentials, scopes, admin role, last sync, System Log, counts and rate limits.",
  },
  credentials: { label: "Credentials are rejected", description: "Connecting or syncing fails with an authentication error." },
  groups_missing: { label: "Users sync but groups are missing", description: "People are there, groups or their members are not." },
  assignments_missing: { label: "App assignments are missing", description: "Applications or who is assigned to them do not show up." },
  activity_missing: { label: "Sign-in activity is missing", description: "The Activity page is empty or stops at some date." },
  counts_differ: {
    label: "Users are missing or counts differ from Okta",
    description: "The console shows a different number of users, groups or apps than Okta.",
  },
  roles_idps_missing: {
    label: "Admin roles or identity providers are missing",
    description: "Who holds admin roles, or the org's identity providers, are not shown.",
  },
  hooks: { label: "Event hook updates do not arrive", description: "Changes in Okta take long to appear in the console." },
  rate_limits: { label: "Syncs are slow or hit rate limits", description: "Syncs take long, or Okta answers 429 (too many requests)." },
  token_expired: { label: "The API token expired", description: "Okta says the token or credentials are invalid or expired." },
  action_fails: {
    label: "An action fails",
    description: "Suspending, resetting, adding to a group or another action is refused or does not happen in Okta.",
  },
};

export const CHECK_IDS = [
  "domain_format",
  "domain_reachable",
  "okta_org",
  "same_org",
  "credentials",
  "dpop",
  "scope_users",
  "scope_groups",
  "scope_apps",
  "scope_logs",
  "scope_roles",
  "scope_idps",
  "admin_role",
  "last_sync",
  "log_window",
  "counts",
  "rate_limits",
  "event_hooks",
  "action_scopes",
  "action_role",
  "action_target",
] as const;
export type CheckId = (typeof CHECK_IDS)[number];

export const CHECK_STATUSES = ["pass", "warn", "fail"] as const;
export type CheckStatus = (typeof CHECK_STATUSES)[number];

const symptom = z.enum(SYMPTOMS, { error: () => `must be one of ${SYMPTOMS.join(", ")}` });

export const diagnosticsInput = z.object({ symptom }).strict();
export type DiagnosticsInput = z.infer<typeof diagnosticsInput>;

/** The body of POST /api/integrations/verify plus the symptom: for a connection that failed to verify. */
export const presaveDiagnosticsInput = z.object({ ...verifyInput.shape, symptom }).strict();
export type PresaveDiagnosticsInput = z.infer<typeof presaveDiagnosticsInput>;

export const evidenceItem = z.object({ label: z.string(), value: z.string() }).strict();
export type EvidenceItem = z.infer<typeof evidenceItem>;

export const checkResult = z
  .object({
    id: z.enum(CHECK_IDS),
    title: z.string(),
    status: z.enum(CHECK_STATUSES),
    /** A stable name of the cause when the check did not pass (e.g. SCOPE_MISSING, NO_ADMIN_ROLE), for automation. */
    cause: z.string().nullable(),
    /** What was found, in a sentence or two. */
    summary: z.string(),
    /** What Okta answered and the numbers compared: HTTP status, errorCode, errorId, WWW-Authenticate scope, counts. */
    evidence: z.array(evidenceItem),
    /** The next action in plain words; null when nothing needs doing. */
    fix: z.string().nullable(),
    /** The page of the Okta Admin Console where the fix is made, when there is one. */
    adminUrl: z.string().nullable(),
    durationMs: z.number(),
  })
  .strict();
export type CheckResult = z.infer<typeof checkResult>;

export const notRunItem = z.object({ id: z.enum(CHECK_IDS), title: z.string(), reason: z.string() }).strict();
export type NotRunItem = z.infer<typeof notRunItem>;

export const plannedCheck = z.object({ id: z.enum(CHECK_IDS), title: z.string() }).strict();
export type PlannedCheck = z.infer<typeof plannedCheck>;

export const diagnosticsResult = z
  .object({
    symptom,
    integrationId: z.uuid().nullable(),
    startedAt: z.string(),
    finishedAt: z.string(),
    checks: z.array(checkResult),
    /** Checks of the plan that could not run because one they depend on failed. */
    notRun: z.array(notRunItem),
    counts: z.object({ pass: z.number(), warn: z.number(), fail: z.number(), notRun: z.number() }).strict(),
  })
  .strict();
export type DiagnosticsResult = z.infer<typeof diagnosticsResult>;

/** One line of the NDJSON stream (Accept: application/x-ndjson): the plan, each check as it starts and ends, the result. */
export const streamLine = z.discriminatedUnion("type", [
  z.object({ type: z.literal("plan"), symptom, checks: z.array(plannedCheck) }).strict(),
  z.object({ type: z.literal("running"), id: z.enum(CHECK_IDS) }).strict(),
  z.object({ type: z.literal("check"), check: checkResult }).strict(),
  z.object({ type: z.literal("not_run"), item: notRunItem }).strict(),
  z.object({ type: z.literal("done"), result: diagnosticsResult }).strict(),
  z.object({ type: z.literal("error"), error: z.object({ code: z.string(), message: z.string() }).strict() }).strict(),
]);
export type StreamLine = z.infer<typeof streamLine>;

export const NDJSON = "application/x-ndjson";
