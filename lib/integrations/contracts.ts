// Request and response contracts of /api/integrations, shared by the route handlers and the browser.
// The response schemas are strict: whatever is not declared here (a secret, a sealed blob) cannot be
// serialized. Pure zod, safe to import from client components.
import { z } from "zod";
import { ACTION_KINDS } from "@/db/enums";
import { EVENT_KINDS } from "./event-kinds";

export const METHOD_LABEL = {
  private_key_jwt: "OAuth 2.0 with a public/private key",
  client_secret: "OAuth 2.0 with a client secret",
  api_token: "API token (SSWS)",
} as const;

export const READ_SCOPES = [
  "okta.users.read",
  "okta.groups.read",
  "okta.apps.read",
  "okta.logs.read",
  "okta.roles.read",
  "okta.idps.read",
] as const;
export type ReadScope = (typeof READ_SCOPES)[number];

/** Each scope we request, in a sentence, and the cheap read that proves it works. */
export const SCOPE_INFO: Record<ReadScope, { label: string; description: string; probe: string }> = {
  "okta.users.read": {
    label: "Users",
    description: "Read people's profiles and status, so the console can list everyone in the org.",
    probe: "/api/v1/users?limit=1",
  },
  "okta.groups.read": {
    label: "Groups",
    description: "Read groups and who is in them, for group membership and access views.",
    probe: "/api/v1/groups?limit=1",
  },
  "okta.apps.read": {
    label: "Applications",
    description: "Read applications and which users and groups are assigned to them.",
    probe: "/api/v1/apps?limit=1",
  },
  "okta.logs.read": {
    label: "System Log",
    description: "Read sign-in and change events from the System Log, for activity and incremental sync.",
    probe: "/api/v1/logs?limit=1",
  },
  "okta.roles.read": {
    label: "Admin roles",
    description: "Read which users and groups hold admin roles, to show who can administer Okta.",
    probe: "/api/v1/iam/assignees/users?limit=1",
  },
  "okta.idps.read": {
    label: "Identity providers",
    description: "Read the identity providers (social and enterprise sign-in) configured in the org.",
    probe: "/api/v1/idps?limit=1",
  },
};

/** The scopes "Allow actions" adds to what is requested and verified (issue 15). */
export const MANAGE_SCOPES = ["okta.users.manage", "okta.groups.manage", "okta.apps.manage"] as const;
export type ManageScopeName = (typeof MANAGE_SCOPES)[number];

export const MANAGE_SCOPE_INFO: Record<ManageScopeName, { label: string; description: string }> = {
  "okta.users.manage": {
    label: "Manage users",
    description: "create people, change their status (suspend, deactivate, …), reset passwords and factors, edit profiles.",
  },
  "okta.groups.manage": { label: "Manage groups", description: "add people to Okta groups and remove them." },
  "okta.apps.manage": { label: "Manage app assignments", description: "assign apps to people and groups, and remove them." },
};

/** A scope's name in words, for lists of scope results. */
export function scopeLabel(scope: string): string {
  return (
    (SCOPE_INFO as Record<string, { label: string }>)[scope]?.label ??
    (MANAGE_SCOPE_INFO as Record<string, { label: string }>)[scope]?.label ??
    scope
  );
}

const allowActions = z.boolean({ error: () => "must be true or false" });

const clientId = z
  .string()
  .trim()
  .min(1, "is required")
  .max(128, "is too long (at most 128 characters)")
  .regex(/^[A-Za-z0-9._-]+$/, "may contain only letters, digits, '.', '_' and '-' (copy it from the app's General tab in Okta)");

const privateKeyAuth = z
  .object({
    method: z.literal("private_key_jwt"),
    clientId,
    privateKey: z
      .union([
        z.string().max(16_384, "is too long for a private key (at most 16 KB)"),
        z.record(z.string(), z.unknown()).transform((o) => JSON.stringify(o)),
      ])
      .optional(),
    keyId: z
      .string()
      .trim()
      .max(200, "is too long (at most 200 characters)")
      .regex(/^[\x21-\x7e]*$/, "must be printable ASCII without spaces")
      .optional(),
    generatedKeyId: z.uuid("must be the id returned by POST /api/integrations/keys").optional(),
  })
  .strict()
  .superRefine((v, ctx) => {
    const hasKey = typeof v.privateKey === "string" && v.privateKey.trim().length > 0;
    if (hasKey === !!v.generatedKeyId) {
      ctx.addIssue({ code: "custom", path: ["privateKey"], message: "give either a privateKey or a generatedKeyId (exactly one)" });
    }
  });

export const authInput = z.discriminatedUnion(
  "method",
  [
    privateKeyAuth,
    z
      .object({
        method: z.literal("client_secret"),
        clientId,
        clientSecret: z.string().min(1, "is required").max(1024, "is too long (at most 1024 characters)"),
      })
      .strict(),
    z
      .object({
        method: z.literal("api_token"),
        token: z
          .string()
          .trim()
          .min(20, "is too short to be an Okta API token")
          .max(256, "is too long to be an Okta API token")
          .regex(/^[A-Za-z0-9_-]+$/, "is not an Okta API token (letters, digits, '-' and '_' only; paste the token without 'SSWS')"),
      })
      .strict(),
  ],
  { error: () => "method must be one of private_key_jwt, client_secret, api_token" },
);
export type AuthInput = z.infer<typeof authInput>;

const name = z.string().trim().min(1, "is required").max(80, "is too long (at most 80 characters)");
const scopes = z
  .array(z.enum(READ_SCOPES, { error: () => `must be one of ${READ_SCOPES.join(", ")}` }))
  .min(1, "choose at least one scope")
  .max(READ_SCOPES.length);
const domain = z.string().max(300, "is too long to be an Okta domain");

export const connectInput = z
  .object({
    name: name.default("Okta"),
    domain,
    auth: authInput,
    scopes: scopes.optional(),
    ownerId: z.uuid("must be a user id").optional(),
    /** Also request and verify the manage scopes, so the console may act on Okta (default: read-only). */
    allowActions: allowActions.optional(),
  })
  .strict();
export type ConnectInput = z.infer<typeof connectInput>;

export const verifyInput = z.object({ domain, auth: authInput, scopes: scopes.optional(), allowActions: allowActions.optional() }).strict();
export type VerifyInput = z.infer<typeof verifyInput>;

export const updateInput = z
  .object({
    name: name.optional(),
    ownerId: z.uuid("must be a user id").nullable().optional(),
    auth: authInput.optional(),
    scopes: scopes.optional(),
    /** true: verify and use the manage scopes; false: back to read-only. */
    allowActions: allowActions.optional(),
  })
  .strict()
  .refine((v) => Object.values(v).some((x) => x !== undefined), {
    message: "nothing to change: give name, ownerId, auth, scopes or allowActions",
  });
export type UpdateInput = z.infer<typeof updateInput>;

export const disconnectQuery = z
  .object({
    deleteData: z
      .enum(["true", "false", "1", "0"])
      .optional()
      .transform((v) => v === "true" || v === "1"),
  })
  .strict();

// ---------------------------------------------------------------------------------------------
// Responses
// ---------------------------------------------------------------------------------------------

export const oktaDetails = z
  .object({
    status: z.number().optional(),
    errorCode: z.string().optional(),
    errorSummary: z.string().optional(),
    errorId: z.string().optional(),
    oauthError: z.string().optional(),
    oauthErrorDescription: z.string().optional(),
    requestId: z.string().optional(),
    networkReason: z.string().optional(),
    path: z.string().optional(),
  })
  .strict();

export const DIAGNOSIS_CODES = [
  "DOMAIN_BLOCKED",
  "DOMAIN_UNREACHABLE",
  "NOT_OKTA",
  "INVALID_CLIENT",
  "SECRET_NOT_ALLOWED",
  "KEY_MISMATCH",
  "DPOP_FAILED",
  "SCOPES_NOT_GRANTED",
  "NO_ADMIN_ROLE",
  "API_TOKEN_INVALID",
  "GRANT_NOT_ALLOWED",
  "NETWORK_ZONE",
  "RATE_LIMITED",
  "OKTA_ERROR",
] as const;
export type DiagnosisCode = (typeof DIAGNOSIS_CODES)[number];

export const diagnosis = z
  .object({ code: z.enum(DIAGNOSIS_CODES), title: z.string(), message: z.string(), fix: z.string(), okta: oktaDetails.optional() })
  .strict();
export type Diagnosis = z.infer<typeof diagnosis>;

export const scopeResult = z
  .object({
    scope: z.string(),
    ok: z.boolean(),
    /** granted | missing_scope | no_permission | empty | error */
    status: z.enum(["granted", "missing_scope", "no_permission", "empty", "error"]),
    reason: z.string(),
    okta: oktaDetails.optional(),
  })
  .strict();
export type ScopeResult = z.infer<typeof scopeResult>;

export const verifyResult = z
  .object({
    ok: z.boolean(),
    domain: z.object({ origin: z.string(), changes: z.array(z.string()), kind: z.enum(["okta", "custom", "allowlisted"]) }).strict(),
    authMethod: z.enum(["private_key_jwt", "client_secret", "api_token"]),
    usesDpop: z.boolean(),
    oktaOrgId: z.string().nullable(),
    scopes: z.array(scopeResult),
    warnings: z.array(z.string()),
    diagnosis: diagnosis.nullable(),
    /** With allowActions: the admin role types Okta reported for the app or token (null: could not be read). */
    adminRoles: z.array(z.string()).nullable().optional(),
    /** Connected integrations of this workspace that sync the same Okta org (same org id). */
    alreadyConnected: z.array(z.object({ id: z.uuid(), name: z.string(), domain: z.string() }).strict()).optional(),
  })
  .strict();
export type VerifyResult = z.infer<typeof verifyResult>;

export const integrationView = z
  .object({
    id: z.uuid(),
    name: z.string(),
    domain: z.string(),
    state: z.enum(["connected", "disconnected"]),
    oktaOrgId: z.string().nullable(),
    auth: z
      .object({
        method: z.enum(["private_key_jwt", "client_secret", "api_token"]),
        clientId: z.string().nullable(),
        keyId: z.string().nullable(),
        keyFingerprint: z.string().nullable(),
        tokenLast4: z.string().nullable(),
        usesDpop: z.boolean(),
      })
      .strict(),
    scopes: z.array(z.string()),
    scopeResults: z.array(scopeResult),
    /** Actions on Okta are turned on (the manage scopes are requested); off = read-only. */
    allowActions: z.boolean(),
    /** The admin role types found when the credentials were last verified; null = not known. */
    adminRoles: z.array(z.string()).nullable(),
    /** The action kinds these credentials allow (scopes granted and an admin role that may). */
    allowedActions: z.array(z.enum(ACTION_KINDS)),
    owner: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).strict().nullable(),
    createdAt: z.string(),
    updatedAt: z.string(),
    verifiedAt: z.string().nullable(),
    disconnectedAt: z.string().nullable(),
    disconnectedBy: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).strict().nullable(),
  })
  .strict();
export type IntegrationView = z.infer<typeof integrationView>;

export const integrationEventView = z
  .object({
    id: z.number(),
    at: z.string(),
    level: z.enum(["info", "warn", "error"]),
    kind: z.enum(EVENT_KINDS),
    message: z.string(),
    details: z.record(z.string(), z.unknown()).nullable(),
    actor: z.object({ id: z.uuid(), name: z.string(), email: z.string() }).strict().nullable(),
  })
  .strict();
export type IntegrationEventView = z.infer<typeof integrationEventView>;

export const integrationDetail = z.object({ integration: integrationView, events: z.array(integrationEventView) }).strict();
export type IntegrationDetail = z.infer<typeof integrationDetail>;

export const pendingKeyView = z
  .object({ id: z.uuid(), kid: z.string(), fingerprint: z.string(), publicJwk: z.record(z.string(), z.unknown()), createdAt: z.string() })
  .strict();
export type PendingKeyView = z.infer<typeof pendingKeyView>;

export const disconnectResult = z
  .object({
    integration: integrationView,
    deletedData: z.boolean(),
    deletedRows: z.record(z.string(), z.number()),
    cancelledRuns: z.number(),
    oktaFollowUp: z.array(z.string()),
  })
  .strict();
export type DisconnectResult = z.infer<typeof disconnectResult>;

export const removeResult = z
  .object({
    removed: z.object({ id: z.uuid(), name: z.string(), domain: z.string() }).strict(),
    deletedRows: z.record(z.string(), z.number()),
  })
  .strict();
export type RemoveResult = z.infer<typeof removeResult>;
