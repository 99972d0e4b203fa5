// Evidence rows shared by every rule: exactly what Okta answered, labelled for people.

import { formatCount } from "@/lib/format";
import type { Diagnosis, DiagnosisCode } from "@/lib/integrations/contracts";
import type { OktaErrorFacts } from "@/lib/okta/errors";
import type { AdminLinks } from "../admin-links";
import type { CheckOutcome } from "../check-def";
import type { EvidenceItem } from "../contracts";

export const ev = (label: string, value: string | number | boolean | null | undefined): EvidenceItem[] =>
  value === undefined || value === null || value === ""
    ? []
    : [{ label, value: typeof value === "number" ? formatCount(value) : String(value) }];

export function oktaEvidence(e: OktaErrorFacts, method = "GET"): EvidenceItem[] {
  return [
    ...ev("Request", e.path ? `${e.path.startsWith("/oauth2/") ? "POST" : method} ${e.path}` : undefined),
    ...ev("HTTP status", e.status || (e.networkReason ? `no answer (${e.networkReason})` : undefined)),
    ...ev("Okta errorCode", e.errorCode),
    ...ev("Okta errorSummary", e.errorSummary),
    ...ev("Okta errorId", e.errorId),
    ...ev("OAuth error", e.oauthError),
    ...ev("Okta said", e.oauthErrorDescription),
    ...ev("WWW-Authenticate scope", e.scope),
    ...ev("X-Okta-Request-Id", e.requestId),
  ];
}

/** "GET /api/v1/groups?limit=1 -> 200" style line for a read that worked. */
export const answered = (path: string, status: number, extra?: string) => ev(`GET ${path}`, `${status}${extra ? ` (${extra})` : ""}`);

export { plural } from "@/lib/format";

/** A credential or connection failure, explained by the same rules the connect form uses (lib/integrations/diagnose). */
export function fromDiagnosis(dg: Diagnosis, err: OktaErrorFacts, links: AdminLinks): CheckOutcome {
  const adminUrl: Partial<Record<DiagnosisCode, string>> = {
    SECRET_NOT_ALLOWED: links.app,
    KEY_MISMATCH: links.app,
    INVALID_CLIENT: links.app,
    DPOP_FAILED: links.app,
    GRANT_NOT_ALLOWED: links.app,
    SCOPES_NOT_GRANTED: links.app,
    NO_ADMIN_ROLE: links.app,
    API_TOKEN_INVALID: links.apiTokens,
    NETWORK_ZONE: links.networks,
  };
  return {
    status: "fail",
    cause: dg.code,
    summary: `${dg.title}. ${dg.message}`,
    evidence: oktaEvidence(err),
    fix: dg.fix,
    adminUrl: adminUrl[dg.code] ?? null,
  };
}
