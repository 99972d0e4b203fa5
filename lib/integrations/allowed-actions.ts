// Which action kinds an integration's credentials allow: actions turned on, the kind's manage scope
// verified as granted (the scope results of the last verify), and an admin role that may do it (when
// Okta told us the roles at verify time; when it did not, Okta has the last word and its E0000006 is
// shown). Read-only integrations allow nothing.
import { ACTION_KINDS, type ActionKind } from "@/db/enums";
import { ACTION_KIND_INFO, rolesAllow } from "@/lib/actions/kinds";
import { MANAGE_SCOPES, type ManageScopeName, scopeResult } from "./contracts";

export interface ActionCredentialsFacts {
  state: string;
  allowActions: boolean;
  adminRoles: string[] | null;
  scopeResults: unknown;
}

/** The manage scopes the last verify found granted. */
export function grantedManageScopes(i: Pick<ActionCredentialsFacts, "allowActions" | "scopeResults">): ManageScopeName[] {
  if (!i.allowActions) return [];
  const results = scopeResult.array().catch([]).parse(i.scopeResults);
  return MANAGE_SCOPES.filter((s) => results.some((r) => r.scope === s && r.ok));
}

export function allowedActionsFor(i: ActionCredentialsFacts): Set<ActionKind> {
  if (i.state !== "connected" || !i.allowActions) return new Set();
  const scopes = grantedManageScopes(i);
  return new Set(ACTION_KINDS.filter((k) => scopes.includes(ACTION_KIND_INFO[k].scope) && rolesAllow(k, i.adminRoles)));
}

/** Why a kind is not allowed, in a sentence (null when it is). */
export function whyNotAllowed(i: ActionCredentialsFacts, kind: ActionKind): string | null {
  const info = ACTION_KIND_INFO[kind];
  if (i.state !== "connected") return "The integration is disconnected.";
  if (!i.allowActions) return "Actions are off for this integration (read-only); an admin can turn on “Allow actions” in its settings.";
  if (!grantedManageScopes(i).includes(info.scope))
    return `The app is not granted ${info.scope}; grant it in Okta (Okta API Scopes) and verify the integration again.`;
  if (!rolesAllow(kind, i.adminRoles))
    return `The app's admin role (${(i.adminRoles ?? []).join(", ") || "none"}) does not allow “${info.label}”; it needs one of ${info.roles.join(", ")}.`;
  return null;
}
