// Do the credentials get a token, and if not, which of Okta's reasons applies (the connect form's
// diagnosis rules, reused). Does DPoP match what Okta requires of the app?
import { diagnose } from "@/lib/integrations/diagnose";
import type { CheckContext, CheckOutcome } from "../check-def";
import type { ReadFacts, TokenFacts } from "../probes";
import { ev, fromDiagnosis, oktaEvidence } from "./evidence";

export interface CredentialsFacts {
  token: TokenFacts;
  /** For API tokens, which have no token endpoint: the first read. */
  apiProbe: ReadFacts | null;
  /** The client ID worked before (a saved integration). */
  knownClient: boolean;
}

const statuses = (s: number[]) => (s.length ? s.join(" → ") : undefined);

export function credentialsTitle(ctx: CheckContext) {
  return ctx.method === "api_token" ? "Okta accepts the API token" : "Credentials get an access token";
}

export function credentialsRule(f: CredentialsFacts, ctx: CheckContext): CheckOutcome {
  const dctx = { method: ctx.method, phase: "token" as const, host: ctx.host, knownClient: f.knownClient };
  if (f.token.kind === "api_token") {
    const p = f.apiProbe!;
    if (p.ok || p.err.kind === "permission" || p.err.kind === "scope") {
      return {
        status: "pass",
        summary: `Okta accepted the API token (SSWS)${p.ok ? "" : "; what it may read is checked under the admin role"}.`,
        evidence: [...ev(`GET ${p.path}`, p.ok ? p.status : `${p.err.status} ${p.err.errorCode ?? ""}`.trim())],
      };
    }
    if (p.err.kind === "auth") return fromDiagnosis(diagnose(p.err, dctx), p.err, ctx.links);
    return {
      status: "warn",
      cause: "CHECK_INCOMPLETE",
      summary: `Could not tell whether Okta accepts the token: ${p.err.message}`,
      evidence: oktaEvidence(p.err),
      fix: "Run the checks again in a minute.",
    };
  }
  const t = f.token;
  if (!t.ok) {
    const out = fromDiagnosis(diagnose(t.err, dctx), t.err, ctx.links);
    return { ...out, evidence: [...(out.evidence ?? []), ...ev("Token requests (HTTP status)", statuses(t.tokenStatuses))] };
  }
  return {
    status: "pass",
    summary: `Okta issued a ${t.tokenType} access token valid for ${Math.round(t.expiresInSec / 60)} minutes, with ${t.scopes.length} scope${t.scopes.length === 1 ? "" : "s"}.`,
    evidence: [
      ...ev("POST /oauth2/v1/token (HTTP status)", statuses(t.tokenStatuses)),
      ...ev("Token type", t.tokenType),
      ...ev("Scopes in the token", t.scopes.join(" ") || "none"),
    ],
  };
}

export interface DpopFacts {
  token: Extract<TokenFacts, { kind: "oauth"; ok: true }>;
  /** What the integration recorded when it was connected; null before saving. */
  storedUsesDpop: boolean | null;
}

export function dpopRule(f: DpopFacts, ctx: CheckContext): CheckOutcome {
  const required = f.token.usesDpop;
  const evidence = [
    ...ev(
      "First token request, without a DPoP proof",
      required ? `HTTP ${f.token.tokenStatuses[0] ?? 400}: Okta asked for a DPoP proof` : `HTTP ${f.token.tokenStatuses[0] ?? 200}`,
    ),
    ...ev("Token type issued", f.token.tokenType),
    ...ev("Connected with DPoP", f.storedUsesDpop === null ? undefined : f.storedUsesDpop ? "yes" : "no"),
  ];
  if (required && f.storedUsesDpop === false) {
    return {
      status: "warn",
      cause: "DPOP_REQUIRED_NOT_USED",
      summary:
        "Okta now requires DPoP (proof of possession) for this app, but the integration was connected without it. Okta refused a token request that carried no DPoP proof; the console then sent one and got a DPoP-bound token, so syncs keep working.",
      evidence,
      fix: `Nothing needs changing in the console: it sends DPoP proofs on its own. If "Require Demonstrating Proof of Possession (DPoP) header in token requests" was not turned on deliberately, clear it in ${ctx.links.app.includes("/instance/") ? "the app's General tab" : "the app's settings"} in Okta; any other tool using this app must send DPoP proofs too.`,
      adminUrl: ctx.links.app,
    };
  }
  if (required)
    return { status: "pass", summary: "Okta requires DPoP for this app and the console sends a DPoP proof with every request.", evidence };
  return {
    status: "pass",
    summary: f.storedUsesDpop
      ? "Okta no longer requires DPoP for this app; the console uses plain Bearer tokens."
      : "Okta does not require DPoP for this app; plain Bearer tokens work.",
    evidence,
  };
}
