// Shared by connect, verify and credential changes: normalize the domain, resolve the credentials,
// verify against Okta, and turn a failed verification into the one error envelope.
import type { DbOrTx } from "@/db";
import { AppError, type ErrorCode } from "@/lib/errors";
import { DomainError, type NormalizedDomain, normalizeOktaDomain } from "@/lib/okta/domain";
import { type AuthInput, type DiagnosisCode, READ_SCOPES, type ReadScope, type VerifyResult } from "./contracts";
import { type ResolvedCredentials, resolveCredentials } from "./credentials";
import { sameOrg } from "./same-org";
import { type VerifyOutcome, verifyConnection } from "./verify-connection";

export function normalizeDomainField(input: string): NormalizedDomain {
  try {
    return normalizeOktaDomain(input);
  } catch (e) {
    if (e instanceof DomainError)
      throw new AppError("VALIDATION", `Invalid body: domain: ${e.message}`, { fields: [{ field: "domain", message: e.message }] });
    throw e;
  }
}

const CODE_FOR: Record<DiagnosisCode, ErrorCode> = {
  DOMAIN_BLOCKED: "VALIDATION",
  DOMAIN_UNREACHABLE: "UNPROCESSABLE",
  NOT_OKTA: "UNPROCESSABLE",
  INVALID_CLIENT: "OKTA_AUTH_FAILED",
  SECRET_NOT_ALLOWED: "OKTA_AUTH_FAILED",
  KEY_MISMATCH: "OKTA_AUTH_FAILED",
  DPOP_FAILED: "OKTA_AUTH_FAILED",
  API_TOKEN_INVALID: "OKTA_AUTH_FAILED",
  GRANT_NOT_ALLOWED: "OKTA_AUTH_FAILED",
  SCOPES_NOT_GRANTED: "OKTA_SCOPE_MISSING",
  NO_ADMIN_ROLE: "OKTA_PERMISSION_DENIED",
  NETWORK_ZONE: "OKTA_PERMISSION_DENIED",
  RATE_LIMITED: "OKTA_RATE_LIMITED",
  OKTA_ERROR: "OKTA_ERROR",
};

export function verificationError(result: VerifyResult): AppError {
  const dg = result.diagnosis!;
  const fields = dg.code === "DOMAIN_BLOCKED" ? { fields: [{ field: "domain", message: dg.message }] } : {};
  return new AppError(CODE_FOR[dg.code], `${dg.title}. ${dg.message}`, { diagnosis: dg, verification: result, ...fields });
}

export interface Prepared {
  domain: NormalizedDomain;
  resolved: ResolvedCredentials;
  scopes: ReadScope[];
  allowActions: boolean;
  outcome: VerifyOutcome;
}

export async function prepareAndVerify(
  /** `except`: the integration being edited, which may of course sync its own org. */
  input: {
    workspaceId: string;
    domain: string | NormalizedDomain;
    auth: AuthInput;
    scopes?: ReadScope[];
    allowActions?: boolean;
    except?: string;
  },
  db?: DbOrTx,
): Promise<Prepared> {
  const domain = typeof input.domain === "string" ? normalizeDomainField(input.domain) : input.domain;
  const scopes = [...new Set(input.scopes ?? READ_SCOPES)];
  const resolved = await resolveCredentials(input.workspaceId, input.auth, scopes, db);
  const allowActions = input.allowActions ?? false;
  const outcome = await verifyConnection({ domain, credentials: resolved.credentials, scopes, allowActions });
  const orgId = outcome.result.oktaOrgId;
  if (outcome.result.ok && orgId) {
    // The same org connected twice imports the same people twice: say so, naming the integration.
    const same = await sameOrg(input.workspaceId, orgId, input.except ?? null, db);
    outcome.result.alreadyConnected = same;
    for (const o of same)
      outcome.result.warnings.push(
        `This Okta org is already connected as "${o.name}" (${o.domain}): connecting it again imports the same people, groups and apps twice.`,
      );
  }
  return { domain, resolved, scopes, allowActions, outcome };
}
