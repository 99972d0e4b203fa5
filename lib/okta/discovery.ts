// Okta's unauthenticated discovery documents: does an Okta org answer at this origin, and which one.
// The one reader for both connecting an integration (lib/integrations/verify-connection.ts) and the
// troubleshooting checks (lib/diagnostics/probes.ts), so both judge the same facts.
import { OktaApiError, type OktaErrorFacts } from "./errors";
import { oktaOrganizationSchema } from "./schemas";
import { safeFetch } from "./ssrf";

/** Per-request time limit of one-off checks (connect, verify, troubleshooting); a sync has its own. */
export const CHECK_TIMEOUT_MS = 15_000;

const ORG_PATH = "/.well-known/okta-organization";
const OIDC_PATH = "/.well-known/openid-configuration";

export interface DiscoveryFacts {
  origin: string;
  /** GET /.well-known/okta-organization */
  org: { status: number; orgId: string | null; pipeline: string | null; contentType: string | null; durationMs: number } | null;
  /** GET /.well-known/openid-configuration, asked only when the first is not Okta's. */
  oidc: { status: number; issuer: string | null } | null;
  /** No answer at all (DNS, TLS, blocked address, timeout, ...). */
  network: OktaErrorFacts | null;
}

async function getJson(url: string) {
  const started = Date.now();
  const res = await safeFetch({ method: "GET", url, headers: { accept: "application/json" }, timeoutMs: CHECK_TIMEOUT_MS });
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    body = undefined;
  }
  return { res, body, durationMs: Date.now() - started };
}

export async function discoverOrg(origin: string): Promise<DiscoveryFacts> {
  try {
    const { res, body, durationMs } = await getJson(`${origin}${ORG_PATH}`);
    const org = oktaOrganizationSchema.safeParse(body);
    const facts: DiscoveryFacts = {
      origin,
      org: {
        status: res.status,
        orgId: res.status === 200 && org.success ? org.data.id : null,
        pipeline: org.success ? (org.data.pipeline ?? null) : null,
        contentType: res.headers.get("content-type"),
        durationMs,
      },
      oidc: null,
      network: null,
    };
    // Not every Okta-compatible host serves the organization document; the OpenID configuration is universal.
    if (!facts.org?.orgId) {
      const o = await getJson(`${origin}${OIDC_PATH}`);
      const cfg = (o.body ?? {}) as { issuer?: unknown; token_endpoint?: unknown };
      facts.oidc = {
        status: o.res.status,
        issuer: o.res.status === 200 && typeof cfg.issuer === "string" && typeof cfg.token_endpoint === "string" ? cfg.issuer : null,
      };
    }
    return facts;
  } catch (e) {
    if (e instanceof OktaApiError) return { origin, org: null, oidc: null, network: e.facts() };
    throw e;
  }
}

/** An Okta org answered: it named itself, or serves an OpenID configuration (an Okta custom domain, probably). */
export const answersAsOkta = (f: DiscoveryFacts) => !f.network && !!(f.org?.orgId || f.oidc?.issuer);

/** "Not an Okta org" as the failure the diagnosis rules judge. */
export function notOktaFacts(f: DiscoveryFacts): OktaErrorFacts {
  return {
    status: f.org?.status ?? 0,
    kind: "not_found",
    path: ORG_PATH,
    notJson: true,
    message: `${new URL(f.origin).host} does not serve Okta's discovery documents`,
  };
}
