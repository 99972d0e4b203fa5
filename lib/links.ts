// Every page's URL, built in one place so a page's path or query names change here only.
// Client-safe (no database, no server code): components, pages and server code all import it.
// Directory list filters use the lists' own query names (lib/directory/contracts.ts); ids are
// unambiguous only together with their integration.
import { SIGN_IN_EVENT } from "@/lib/overview/sign-in";

type Query = Record<string, string | undefined | null>;
const enc = encodeURIComponent;

/** `path?k=v&…` with the empty values left out (and no `?` when nothing is left). */
function withQuery(path: string, query: Query = {}) {
  const p = new URLSearchParams(Object.entries(query).filter((e): e is [string, string] => !!e[1]));
  const qs = p.toString();
  return qs ? `${path}?${qs}` : path;
}

// In the order the Audit page writes its own URL.
const auditQuery = (f: AuditFilters): Query => ({
  actor: f.actor,
  target: f.target,
  kind: f.kind,
  outcome: f.outcome,
  integrationId: f.integrationId,
  from: f.from,
  to: f.to,
});

const integration = (id: string) => `/integrations/okta/${enc(id)}`;

export interface PeopleFilters {
  integrationId?: string;
  status?: string;
  q?: string;
  /** `any`, a role type or a custom role id (lib/directory/contracts.ts). */
  adminRole?: string;
  /** Days (`2026-01-31`): last sign-in before it (or never), on or after it. */
  signedInBefore?: string;
  signedInAfter?: string;
  neverSignedIn?: "true" | "false";
  inOktaGroups?: "true" | "false";
  hasApps?: "true" | "false";
  userType?: string;
  managerId?: string;
  location?: string;
}
/** An app's "who has access" list. */
export interface AppPeopleFilters {
  status?: string;
  unusedDays?: string;
  scope?: string;
}
export interface GroupFilters {
  integrationId?: string;
  type?: string;
  q?: string;
}
export interface AppFilters {
  integrationId?: string;
  status?: string;
  q?: string;
}
export interface ActivityFilters {
  /** Who acted: an Okta id or login (or part of a name). */
  actor?: string;
  /** What was acted on: an Okta id, login or name. */
  target?: string;
  eventType?: string;
  outcome?: string;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string;
  to?: string;
}
export type SettingsSection = "people" | "api-keys" | "sign-in" | "workspace" | "account" | "approvals";
export interface ApprovalFilters {
  /** One status or a comma-separated list (ACTION_STATUSES). */
  status?: string;
  kind?: string;
  mine?: "true";
}
export interface AuditFilters {
  /** A console user's id or part of the actor's label. */
  actor?: string;
  /** An Okta id of a person, group or app. */
  target?: string;
  kind?: string;
  outcome?: string;
  integrationId?: string;
  /** ISO instants: from inclusive, to exclusive. */
  from?: string;
  to?: string;
}

export const links = {
  login: () => "/login",
  logout: () => "/logout",
  changePassword: () => "/change-password",
  setUpTwoFactor: () => "/set-up-two-factor",

  /** The home dashboard, where everyone lands. */
  home: () => "/",

  // Integrations
  integrations: () => "/integrations",
  connect: () => "/integrations/okta/new",
  /** The integration page; `connected` marks the first visit after connecting. */
  overview: (id: string, opts?: { connected?: boolean }) => withQuery(integration(id), { connected: opts?.connected ? "1" : undefined }),
  runs: (id: string) => `${integration(id)}/runs`,
  events: (id: string) => `${integration(id)}/events`,
  run: (id: string, runId: string) => `${integration(id)}/runs/${enc(runId)}`,
  settings: (id: string) => `${integration(id)}/settings`,
  edit: (id: string) => `${integration(id)}/edit`,
  troubleshoot: (id: string, symptom?: string | null) => withQuery(`${integration(id)}/troubleshoot`, { symptom }),

  // Directory
  /** The directory's root (opens People, keeping any query). */
  directory: () => "/directory",
  // The filter comes before the integration in the query, as the lists write their own URLs.
  people: (f: PeopleFilters = {}) => {
    const { q, status, integrationId, ...rest } = f;
    return withQuery("/directory/people", { q, status, ...rest, integrationId });
  },
  groups: (f: GroupFilters = {}) => withQuery("/directory/groups", { q: f.q, type: f.type, integrationId: f.integrationId }),
  apps: (f: AppFilters = {}) => withQuery("/directory/apps", { q: f.q, status: f.status, integrationId: f.integrationId }),
  person: (integrationId: string, userId: string) => `/directory/people/${enc(integrationId)}/${enc(userId)}`,
  group: (integrationId: string, groupId: string) => `/directory/groups/${enc(integrationId)}/${enc(groupId)}`,
  app: (integrationId: string, appId: string, f: AppPeopleFilters = {}) =>
    withQuery(`/directory/apps/${enc(integrationId)}/${enc(appId)}`, { scope: f.scope, status: f.status, unusedDays: f.unusedDays }),
  /** Assigned but unused, per app. */
  unusedAccess: (f: { days?: string; integrationId?: string } = {}) =>
    withQuery("/directory/unused-access", { days: f.days, integrationId: f.integrationId }),

  // Activity (the synced System Log)
  // In the order the page writes its own URL.
  activity: (f: ActivityFilters = {}) =>
    withQuery("/activity", { actor: f.actor, target: f.target, eventType: f.eventType, outcome: f.outcome, from: f.from, to: f.to }),
  /** One event; the integration tells copies apart when the same org is connected twice. */
  activityEvent: (id: string, integrationId?: string) => withQuery(`/activity/${enc(id)}`, { integrationId }),
  signIns: (outcome?: "SUCCESS" | "FAILURE") => withQuery("/activity", { eventType: SIGN_IN_EVENT, outcome }),

  // Actions on Okta: requests and their approvals, and the audit trail
  approvals: (f: ApprovalFilters = {}) => withQuery("/approvals", { status: f.status, kind: f.kind, mine: f.mine }),
  approval: (id: string) => `/approvals/${enc(id)}`,
  audit: (f: AuditFilters = {}) => withQuery("/audit", auditQuery(f)),
  /** The audit log as CSV, with the Audit page's filters. */
  auditCsv: (f: AuditFilters = {}) => withQuery("/api/audit.csv", auditQuery(f)),

  // Console settings
  consoleSettings: (section?: SettingsSection) => (section ? `/settings/${section}` : "/settings"),
};
