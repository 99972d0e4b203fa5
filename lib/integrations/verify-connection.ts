// Verification before anything is saved: is this an Okta org, can we get a token (DPoP handled by the
// client), and which requested scopes really work — each probed with a cheap read, because grants
// made in the Okta Admin Console sometimes do not save. No database here.

import type { JWK } from "jose";
import { type CachedToken, createOktaClient, type OktaCredentials } from "@/lib/okta/client";
import { answersAsOkta, CHECK_TIMEOUT_MS, discoverOrg, notOktaFacts } from "@/lib/okta/discovery";
import type { NormalizedDomain } from "@/lib/okta/domain";
import { OktaApiError, type OktaErrorFacts } from "@/lib/okta/errors";
import { checkManageAccess } from "./check-manage-access";
import { type ReadScope, SCOPE_INFO, type ScopeResult, scopeLabel, type VerifyResult } from "./contracts";
import { diagnose, oktaDetails } from "./diagnose";

export interface VerifyOutcome {
  result: VerifyResult;
  /** The token obtained while verifying, so the first sync does not need another one. */
  token: CachedToken | null;
  dpopKey?: JWK;
}

function probeResult(scope: string, err: OktaErrorFacts): ScopeResult {
  const okta = oktaDetails(err);
  if (err.kind === "scope")
    return { scope, ok: false, status: "missing_scope", reason: "Not granted to the app: add this scope under Okta API Scopes.", okta };
  if (err.kind === "permission")
    return {
      scope,
      ok: false,
      status: "no_permission",
      reason: `Okta answered ${err.errorCode ?? err.status}: the admin role does not allow this read.`,
      okta,
    };
  if (err.kind === "not_found")
    return { scope, ok: false, status: "error", reason: "This org does not offer the endpoint used to check this scope.", okta };
  return { scope, ok: false, status: "error", reason: `Could not check: ${err.message}`, okta };
}

export async function verifyConnection(input: {
  domain: NormalizedDomain;
  credentials: OktaCredentials;
  scopes: ReadScope[];
  /** Also verify the manage scopes and read the admin roles (allowActions). */
  allowActions?: boolean;
}): Promise<VerifyOutcome> {
  const { domain, credentials, scopes } = input;
  const method = credentials.method;
  const host = domain.host;
  const base = {
    domain: { origin: domain.origin, changes: domain.changes, kind: domain.kind },
    authMethod: method,
    warnings: [] as string[],
  };
  const fail = (err: OktaErrorFacts, phase: "identify" | "token" | "probe", extra: Partial<VerifyResult> = {}): VerifyOutcome => ({
    token: null,
    result: {
      ...base,
      ok: false,
      usesDpop: false,
      oktaOrgId: null,
      scopes: [],
      diagnosis: diagnose(err, { method, phase, host }),
      ...extra,
    },
  });

  const discovery = await discoverOrg(domain.origin);
  if (discovery.network) return fail(discovery.network, "identify");
  if (!answersAsOkta(discovery)) return fail(notOktaFacts(discovery), "identify");
  const orgId = discovery.org?.orgId ?? null;

  const client = createOktaClient({ domain: domain.origin, credentials, maxRetries: 1, timeoutMs: CHECK_TIMEOUT_MS });
  let token: CachedToken | null = null;
  try {
    token = await client.token();
  } catch (e) {
    if (e instanceof OktaApiError) return fail(e.facts(), "token", { oktaOrgId: orgId, usesDpop: client.authInfo().usesDpop });
    throw e;
  }

  // An API token is only tried by the probes; a 401 there is an authentication failure, not a scope warning.
  let authError: OktaErrorFacts | null = null;
  const results = await Promise.all(
    scopes.map(async (scope): Promise<ScopeResult> => {
      if (token && !token.scopes.includes(scope)) {
        return {
          scope,
          ok: false,
          status: "missing_scope",
          reason: "Not granted to the app: Okta left it out of the access token. Grant it on the app's Okta API Scopes tab.",
        };
      }
      try {
        const res = await client.get<unknown[]>(SCOPE_INFO[scope].probe);
        if (scope === "okta.users.read" && Array.isArray(res.body) && res.body.length === 0) {
          // An org always has at least one user; Okta answers an app without an admin role with an empty list.
          return {
            scope,
            ok: false,
            status: "empty",
            reason: "Okta returned no users at all, which happens when the app has no admin role.",
          };
        }
        return { scope, ok: true, status: "granted", reason: "Works" };
      } catch (e) {
        if (e instanceof OktaApiError) {
          const facts = e.facts();
          if (facts.kind === "auth") authError ??= facts;
          return probeResult(scope, facts);
        }
        throw e;
      }
    }),
  );

  if (authError) return fail(authError, "token", { oktaOrgId: orgId });
  const usesDpop = client.authInfo().usesDpop;
  const noRole =
    results.every((r) => r.status === "no_permission" || r.status === "empty") &&
    results.some((r) => r.status === "no_permission" || r.status === "empty");
  if (noRole) {
    const e0006 = results.find((r) => r.okta?.errorCode === "E0000006");
    const o = e0006?.okta;
    const err: OktaErrorFacts = {
      message: "no admin role",
      status: o?.status ?? 403,
      kind: "permission",
      errorCode: "E0000006",
      errorSummary: o?.errorSummary,
      errorId: o?.errorId,
      requestId: o?.requestId,
    };
    return {
      token: null,
      result: {
        ...base,
        ok: false,
        usesDpop,
        oktaOrgId: orgId,
        scopes: results,
        diagnosis: diagnose(err, { method, phase: "probe", host }),
      },
    };
  }
  let adminRoles: string[] | null | undefined;
  const extraWarnings: string[] = [];
  if (input.allowActions) {
    const manage = await checkManageAccess({ domain: domain.origin, credentials, readScopes: scopes });
    results.push(...manage.scopes);
    adminRoles = manage.roles;
    if (manage.scopes.some((s) => s.ok) && manage.rolesNote)
      extraWarnings.push(
        `${manage.rolesNote} Actions are offered by scope; Okta refuses any the admin role does not allow (E0000006), and the action shows it.`,
      );
  }
  const warnings = [...results.filter((r) => !r.ok).map((r) => `${scopeLabel(r.scope)} (${r.scope}): ${r.reason}`), ...extraWarnings];
  if (domain.kind === "custom")
    warnings.push(`${host} is a custom domain; if tokens fail later, connect with the org's okta.com domain instead.`);
  return {
    token,
    dpopKey: usesDpop ? client.authInfo().dpopKey : undefined,
    result: {
      ...base,
      ok: true,
      usesDpop,
      oktaOrgId: orgId,
      scopes: results,
      warnings,
      diagnosis: null,
      ...(adminRoles !== undefined ? { adminRoles } : {}),
    },
  };
}
