// Each needed scope is granted (probed per resource: grants sometimes do not save), and the app holds an
// admin role that can read. Okta tells the two apart: a missing scope is 403 with WWW-Authenticate
// error="insufficient_scope" naming it; a missing role is 403 E0000006 (or 200 [] on /users).
import { diagnose } from "@/lib/integrations/diagnose";
import type { OktaErrorFacts } from "@/lib/okta/errors";
import type { CheckContext, CheckOutcome } from "../check-def";
import type { ReadFacts } from "../probes";
import { answered, ev, fromDiagnosis, oktaEvidence } from "./evidence";

export interface ScopeFacts {
  scope: string;
  /** What the scope lets the console read, e.g. "groups and their members". */
  what: string;
  requested: boolean;
  /** Whether Okta put the scope in the access token; null for API tokens. */
  inToken: boolean | null;
  tokenScopes: string[] | null;
  probe: ReadFacts | null;
}

const grantSteps = (scope: string) =>
  `In the Okta Admin Console open Applications > Applications > the app this integration uses > Okta API Scopes and grant ${scope}. Then run the checks again and click Sync now.`;

export function scopeRule(f: ScopeFacts, ctx: CheckContext): CheckOutcome {
  const tokenEv = ev("Scopes in the token", f.tokenScopes ? f.tokenScopes.join(" ") || "none" : undefined);
  if (!f.requested) {
    return {
      status: "warn",
      cause: "SCOPE_NOT_REQUESTED",
      summary: `This integration does not ask Okta for ${f.scope}, so ${f.what} are not synced.`,
      evidence: [...ev("Scopes requested", ctx.requestedScopes.join(" "))],
      fix: `Grant ${f.scope} to the app in Okta (Okta API Scopes), then edit this integration and add it.`,
      adminUrl: ctx.links.app,
    };
  }
  const p = f.probe!;
  const refused = !p.ok && p.err.kind === "scope";
  if (refused || f.inToken === false) {
    const why = refused
      ? `Okta refused ${p.path} with 403 insufficient_scope${p.err.scope ? ` and named ${p.err.scope} in WWW-Authenticate` : ""}.`
      : "The access token Okta issued does not include it (Okta silently drops scopes the app was not granted).";
    return {
      status: "fail",
      cause: "SCOPE_MISSING",
      summary: `The app is not granted ${f.scope}, so ${f.what} cannot be read. ${why}`,
      evidence: [...(p.ok ? answered(p.path, p.status) : oktaEvidence(p.err)), ...tokenEv],
      fix: grantSteps(f.scope),
      adminUrl: ctx.links.app,
    };
  }
  if (p.ok)
    return { status: "pass", summary: `${f.scope} is granted: ${p.path} answered ${p.status}.`, evidence: answered(p.path, p.status) };
  if (p.err.kind === "permission") {
    return {
      status: "pass",
      summary: `${f.scope} is granted; Okta refused the read for another reason (${p.err.errorCode ?? p.err.status}), which the admin role check explains.`,
      evidence: [...oktaEvidence(p.err), ...tokenEv],
    };
  }
  return {
    status: "warn",
    cause: "CHECK_INCOMPLETE",
    summary: `Could not confirm ${f.scope}: ${p.err.message}`,
    evidence: [...oktaEvidence(p.err), ...tokenEv],
    fix:
      p.err.kind === "not_found"
        ? "This org does not offer the endpoint used for this check; nothing to fix if the data syncs."
        : "Run the checks again in a minute.",
  };
}

export interface AdminRoleFacts {
  /** Reads of users, groups and apps whose scope is granted (all of them for an API token). */
  probes: ReadFacts[];
}

const USERS = "/api/v1/users";

export function adminRoleRule(f: AdminRoleFacts, ctx: CheckContext): CheckOutcome {
  const usable = f.probes.filter((p) => p.ok || p.err.kind !== "scope");
  if (!usable.length) {
    return {
      status: "warn",
      cause: "CHECK_INCOMPLETE",
      summary: "No read scope works, so the admin role cannot be tested; fix the scopes first.",
      fix: "Grant the read scopes, then run the checks again.",
    };
  }
  const denied = usable.filter(
    (p): p is Extract<ReadFacts, { ok: false }> => !p.ok && (p.err.kind === "permission" || p.err.errorCode === "E0000006"),
  );
  const emptyUsers = usable.find((p) => p.ok && p.path === USERS && p.items === 0);
  const lines = usable.flatMap((p) =>
    p.ok
      ? answered(p.path, p.status, p.path === USERS && p.items === 0 ? "no users at all" : undefined)
      : ev(
          `GET ${p.path}`,
          `${p.err.status}${p.err.errorCode ? ` ${p.err.errorCode}` : ""}${p.err.errorId ? ` (errorId ${p.err.errorId})` : ""}`,
        ),
  );
  if (denied.length || emptyUsers) {
    const first: OktaErrorFacts = denied[0]?.err ?? {
      status: 200,
      kind: "permission",
      errorCode: "E0000006",
      message: "Okta returned no users",
      path: USERS,
    };
    const dg = diagnose(denied[0] ? first : { message: first.message, status: 403, kind: "permission", errorCode: "E0000006" }, {
      method: ctx.method,
      phase: "probe",
      host: ctx.host,
    });
    const out = fromDiagnosis(dg, first, ctx.links);
    const emptyNote = emptyUsers
      ? " Okta also answered the user list with no users at all, which is what it answers an app without an admin role."
      : "";
    return {
      ...out,
      summary: `${out.summary}${emptyNote}`,
      evidence: [...lines, ...(denied[0] ? ev("Okta errorCode", first.errorCode) : []), ...ev("Okta errorId", denied[0]?.err.errorId)],
    };
  }
  const bad = usable.find((p) => !p.ok);
  if (bad && !bad.ok) {
    return {
      status: "warn",
      cause: "CHECK_INCOMPLETE",
      summary: `Could not finish the admin role check: ${bad.err.message}`,
      evidence: lines,
      fix: "Run the checks again in a minute.",
    };
  }
  return {
    status: "pass",
    summary: `${ctx.method === "api_token" ? "The token's admin" : "The app"} holds an admin role that can read the directory: every read answered with data.`,
    evidence: lines,
  };
}
