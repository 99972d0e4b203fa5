// Is the domain well formed, reachable over HTTPS, an Okta org, and the org this integration connected to?
import { diagnose } from "@/lib/integrations/diagnose";
import { type DiscoveryFacts, notOktaFacts } from "@/lib/okta/discovery";
import type { CheckContext, CheckOutcome } from "../check-def";
import type { DomainFacts } from "../probes";
import { ev, fromDiagnosis } from "./evidence";

const identify = (ctx: CheckContext) => ({ method: ctx.method, phase: "identify" as const, host: ctx.host });

export function domainFormatRule(f: DomainFacts, ctx: CheckContext): CheckOutcome {
  if (!f.ok) {
    return {
      status: "fail",
      cause: "DOMAIN_INVALID",
      summary: `"${f.input}" is not a usable Okta domain: ${f.message}.`,
      evidence: ev("Domain entered", f.input),
      fix:
        ctx.target === "stored"
          ? "Disconnect this integration and connect again with your org's domain as shown in the Okta Admin Console (e.g. acme.okta.com)."
          : "Enter your org's domain as shown in the Okta Admin Console's address bar without \"-admin\", e.g. acme.okta.com.",
    };
  }
  const d = f.domain;
  const evidence = [...ev("Okta domain", d.origin), ...ev("Changed from what was entered", d.changes.join("; ") || undefined)];
  if (d.kind === "custom") {
    return {
      status: "warn",
      cause: "CUSTOM_DOMAIN",
      summary: `${d.host} is a custom domain, not one of Okta's (okta.com, oktapreview.com, ...). Okta serves its API there too, but tokens for Okta's API are issued by the org's own Okta domain.`,
      evidence,
      fix: "If tokens or checks below fail, connect with the org's Okta domain instead (e.g. acme.okta.com, shown under Settings > Account in the Okta Admin Console).",
    };
  }
  return {
    status: "pass",
    summary:
      d.kind === "allowlisted"
        ? `${d.host} is allowed as a development Okta domain (OKTA_ALLOWED_INSECURE_HOSTS).`
        : `${d.host} is an Okta org domain.`,
    evidence,
  };
}

export function domainReachableRule(f: DiscoveryFacts, ctx: CheckContext): CheckOutcome {
  if (f.network) return fromDiagnosis(diagnose(f.network, identify(ctx)), f.network, ctx.links);
  const https = f.origin.startsWith("https:");
  return {
    status: "pass",
    summary: `${ctx.host} answered ${https ? "over HTTPS" : "over plain http, which is allowed only for this development host"} (HTTP ${f.org!.status} in ${f.org!.durationMs} ms).`,
    evidence: [
      ...ev("GET /.well-known/okta-organization", f.org!.status),
      ...ev("Protocol", https ? "https" : "http (development allow-list)"),
      ...ev("Answered in", `${f.org!.durationMs} ms`),
    ],
  };
}

export function oktaOrgRule(f: DiscoveryFacts, ctx: CheckContext): CheckOutcome {
  const evidence = [
    ...ev("GET /.well-known/okta-organization", f.org?.status),
    ...ev("Content-Type", f.org?.contentType),
    ...ev("GET /.well-known/openid-configuration", f.oidc?.status),
  ];
  if (f.org?.orgId) {
    return {
      status: "pass",
      summary: `${ctx.host} is an Okta org (org id ${f.org.orgId}${f.org.pipeline ? `, ${f.org.pipeline} pipeline` : ""}).`,
      evidence: [...ev("Okta org id", f.org.orgId), ...evidence],
    };
  }
  if (f.oidc?.issuer) {
    return {
      status: "warn",
      cause: "ORG_UNIDENTIFIED",
      summary: `${ctx.host} does not serve Okta's organization document, but serves an OpenID configuration (issuer ${f.oidc.issuer}). It is probably a custom domain of an Okta org; which org cannot be confirmed.`,
      evidence: [...evidence, ...ev("OpenID issuer", f.oidc.issuer)],
      fix: "Connect with the org's own Okta domain (e.g. acme.okta.com) so the console can confirm which org it is.",
    };
  }
  const err = notOktaFacts(f);
  const out = fromDiagnosis(diagnose(err, identify(ctx)), err, ctx.links);
  return { ...out, evidence };
}

export interface SameOrgFacts {
  connectedOrgId: string | null;
  currentOrgId: string | null;
}

export function sameOrgRule(f: SameOrgFacts, ctx: CheckContext): CheckOutcome {
  const evidence = [...ev("Org id when connected", f.connectedOrgId ?? "not recorded"), ...ev("Org id now", f.currentOrgId ?? "unknown")];
  if (!f.connectedOrgId || !f.currentOrgId) {
    return {
      status: "warn",
      cause: "ORG_UNCONFIRMED",
      summary: `Cannot confirm that ${ctx.host} is still the org this integration was connected to: ${!f.connectedOrgId ? "its org id was not recorded when it was connected" : "the domain does not say which org it is"}.`,
      evidence,
      fix: "Nothing to do if the domain is right. To record the org id, edit the integration's credentials (they are verified again).",
    };
  }
  if (f.connectedOrgId !== f.currentOrgId) {
    return {
      status: "fail",
      cause: "DIFFERENT_ORG",
      summary: `${ctx.host} now answers as Okta org ${f.currentOrgId}, but this integration was connected to org ${f.connectedOrgId}. The domain (or its custom-domain DNS record) points at a different org.`,
      evidence,
      fix: "If the org was replaced on purpose, disconnect this integration and connect the new org. Otherwise point the custom domain back at the original org.",
    };
  }
  return { status: "pass", summary: `Same Okta org as when the integration was connected (${f.currentOrgId}).`, evidence };
}
