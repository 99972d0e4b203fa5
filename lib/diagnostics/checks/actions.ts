// "An action fails": the manage scopes Okta grants the app, the admin role that may do the action, and
// the last failed action's target as Okta has it now (with Okta's own errorCode and errorId). Pure
// rules over facts gathered in catalog.ts.
import type { ActionKind } from "@/db/enums";
import { ACTION_KIND_INFO, rolesAllow } from "@/lib/actions/kinds";
import type { ScopeResult } from "@/lib/integrations/contracts";
import type { CheckContext, CheckOutcome } from "../check-def";
import { ev } from "./evidence";

const list = (xs: string[]) => (xs.length <= 1 ? xs.join("") : `${xs.slice(0, -1).join(", ")} and ${xs[xs.length - 1]}`);
const grantSteps = (scopes: string[]) =>
  `In the Okta Admin Console open Applications > Applications > the app this integration uses > Okta API Scopes and grant ${list(scopes)}. Then edit this integration and save with “Allow actions” on, so the scopes are verified again.`;

export interface ActionScopeFacts {
  allowActions: boolean;
  /** What Okta grants now (null when actions are off and nothing was asked). */
  scopes: ScopeResult[] | null;
}

export function actionScopesRule(f: ActionScopeFacts, ctx: CheckContext): CheckOutcome {
  if (!f.allowActions)
    return {
      status: "fail",
      cause: "ACTIONS_OFF",
      summary: "Actions are off for this integration: it is read-only, so no action is sent to Okta.",
      fix: "An admin edits the integration, turns on “Allow actions” and saves; the manage scopes are verified then.",
    };
  const scopes = f.scopes ?? [];
  const evidence = scopes.flatMap((s) => ev(s.scope, s.ok ? "granted" : s.reason));
  if (ctx.method === "api_token")
    return { status: "pass", summary: "API tokens have no scopes: the token's admin role decides what it may do.", evidence };
  const missing = scopes.filter((s) => !s.ok);
  if (!missing.length) return { status: "pass", summary: `Okta grants the app ${list(scopes.map((s) => s.scope))}.`, evidence };
  const kinds = (Object.keys(ACTION_KIND_INFO) as ActionKind[]).filter((k) => missing.some((m) => m.scope === ACTION_KIND_INFO[k].scope));
  return {
    status: "fail",
    cause: "MANAGE_SCOPE_MISSING",
    summary: `The app is not granted ${list(missing.map((s) => s.scope))}, so Okta refuses ${list(
      kinds.map((k) => ACTION_KIND_INFO[k].label.toLowerCase()),
    )} with 403 insufficient_scope (Okta leaves a scope it does not grant out of the access token).`,
    evidence,
    fix: grantSteps(missing.map((s) => s.scope)),
    adminUrl: ctx.links.app,
  };
}

export interface LastActionFailure {
  kind: ActionKind;
  label: string;
  at: string;
  oktaStatus: number | null;
  errorCode: string | null;
  errorSummary: string | null;
  errorId: string | null;
}

export interface ActionRoleFacts {
  /** Kinds whose manage scope Okta grants. */
  scopedKinds: ActionKind[];
  /** The admin role types Okta reported, or null with why not. */
  roles: string[] | null;
  rolesNote: string | null;
  /** The newest action Okta refused for permission (E0000006), if any in the last days. */
  denied: LastActionFailure | null;
}

export function actionRoleRule(f: ActionRoleFacts, ctx: CheckContext): CheckOutcome {
  const who = ctx.method === "api_token" ? "The API token's admin" : "The app";
  const deniedEv = f.denied
    ? [
        ...ev("Last refused action", `${ACTION_KIND_INFO[f.denied.kind].label} ${f.denied.label} (${f.denied.at})`),
        ...ev("HTTP status", f.denied.oktaStatus),
        ...ev("Okta errorCode", f.denied.errorCode),
        ...ev("Okta errorSummary", f.denied.errorSummary),
        ...ev("Okta errorId", f.denied.errorId),
      ]
    : [];
  const fix =
    "In the Okta Admin Console open Security > Administrators and give the app (or the API token's admin) a role that allows these actions: Help Desk Administrator for unlocks, password and factor resets; Group Administrator for people and their groups; Group Membership Administrator for group members; Application Administrator for app assignments; or a custom role with those permissions.";
  if (f.roles === null) {
    if (f.denied)
      return {
        status: "fail",
        cause: "ROLE_DOES_NOT_ALLOW",
        summary:
          `Okta refused “${ACTION_KIND_INFO[f.denied.kind].label}” with ${f.denied.errorCode ?? f.denied.oktaStatus}: ${who.toLowerCase()}'s admin role does not allow it. ${f.rolesNote ?? ""}`.trim(),
        evidence: deniedEv,
        fix,
        adminUrl: ctx.links.app,
      };
    return {
      status: "warn",
      cause: "CHECK_INCOMPLETE",
      summary: `${f.rolesNote ?? "Okta did not say which admin roles the app holds."} An action its role does not allow is refused by Okta with E0000006, shown on the request.`,
      evidence: deniedEv,
      fix: "Grant okta.roles.read to the app so the console can read its roles, or check its roles under Security > Administrators.",
      adminUrl: ctx.links.app,
    };
  }
  const roleEv = ev("Admin roles", f.roles.join(", ") || "none");
  const notAllowed = f.scopedKinds.filter((k) => !rolesAllow(k, f.roles));
  if (f.scopedKinds.length && notAllowed.length === f.scopedKinds.length)
    return {
      status: "fail",
      cause: "ROLE_DOES_NOT_ALLOW",
      summary: `${who} holds ${f.roles.length ? list(f.roles) : "no admin role"}, which allows none of the actions: Okta answers them 403 E0000006.`,
      evidence: [...roleEv, ...deniedEv],
      fix,
      adminUrl: ctx.links.app,
    };
  if (notAllowed.length)
    return {
      status: "warn",
      cause: "ROLE_ALLOWS_SOME",
      summary: `${who} holds ${list(f.roles)}, which does not allow ${list(notAllowed.map((k) => ACTION_KIND_INFO[k].label.toLowerCase()))}; Okta refuses those with E0000006.`,
      evidence: [...roleEv, ...deniedEv],
      fix,
      adminUrl: ctx.links.app,
    };
  return { status: "pass", summary: `${who} holds ${list(f.roles)}, which allows every action its scopes allow.`, evidence: roleEv };
}

export interface ActionTargetFacts {
  failure: (LastActionFailure & { requestId: string }) | null;
  /** The target as Okta has it now, judged by the same rules as a request: null when it could not be read. */
  now: { allowed: boolean; reason: string | null; status: string | null } | null;
}

export function actionTargetRule(f: ActionTargetFacts): CheckOutcome {
  if (!f.failure) return { status: "pass", summary: "No action of this integration failed in the last 7 days." };
  const x = f.failure;
  const what = `${ACTION_KIND_INFO[x.kind].label} ${x.label}`;
  const evidence = [
    ...ev("Action", `${what} (${x.at})`),
    ...ev("HTTP status", x.oktaStatus),
    ...ev("Okta errorCode", x.errorCode),
    ...ev("Okta errorSummary", x.errorSummary),
    ...ev("Okta errorId", x.errorId),
    ...ev("Status in Okta now", f.now?.status),
  ];
  const nowLine = !f.now
    ? "Its target could not be read now."
    : f.now.allowed
      ? "Its target's state allows it now: request it again."
      : `Now: ${f.now.reason}`;
  if (x.errorCode === "E0000006")
    return { status: "pass", summary: `${what} was refused for permission; the admin role check explains it.`, evidence };
  if (
    x.errorCode?.startsWith("refused_") ||
    ["E0000001", "E0000016", "E0000032", "E0000038", "E0000046", "E0000112"].includes(x.errorCode ?? "")
  )
    return {
      status: f.now?.allowed ? "warn" : "fail",
      cause: "TARGET_STATE",
      summary: `${what} failed because the target's state did not allow it: ${x.errorSummary ?? x.errorCode}. ${nowLine}`,
      evidence,
      fix: f.now?.allowed
        ? "Request the action again."
        : "Change the target's state first (e.g. unsuspend before suspending again, deactivate before deleting), or choose another action.",
    };
  if (x.errorCode === "not_applied" || x.errorCode === "outcome_unknown")
    return {
      status: "warn",
      cause: "OUTCOME_UNKNOWN",
      summary: `${what}: ${x.errorSummary} ${nowLine}`,
      evidence,
      fix: "Check the target in Okta; request the action again only if it is still needed.",
    };
  return {
    status: "warn",
    cause: "OKTA_REFUSED",
    summary: `${what} failed: Okta answered ${x.oktaStatus ?? "nothing"}${x.errorCode ? ` ${x.errorCode}` : ""}${x.errorSummary ? ` (${x.errorSummary})` : ""}. ${nowLine}`,
    evidence,
    fix: "Quote the errorId to Okta support if the answer is not clear; rate limits are checked below.",
  };
}
