// Every check (what it needs, what it gathers, which rule judges it) and which checks each symptom runs.
import { getDb } from "@/db";
import { ACTION_KINDS } from "@/db/enums";
import { RESOURCES, type Resource } from "@/db/schema";
import { ACTION_KIND_INFO } from "@/lib/actions/kinds";
import { type ReadScope, SCOPE_INFO } from "@/lib/integrations/contracts";
import { RESOURCE_REGISTRY } from "@/lib/resources";
import { logWindowStart } from "@/lib/sync/resources/log-events";
import type { CheckContext, CheckDef } from "./check-def";
import { type AdminRoleFacts, adminRoleRule, type ScopeFacts, scopeRule } from "./checks/access";
import {
  type ActionRoleFacts,
  type ActionScopeFacts,
  type ActionTargetFacts,
  actionRoleRule,
  actionScopesRule,
  actionTargetRule,
} from "./checks/actions";
import { type CountRow, type CountsFacts, countsRule } from "./checks/counts";
import { type CredentialsFacts, credentialsRule, credentialsTitle, type DpopFacts, dpopRule } from "./checks/credentials";
import { domainFormatRule, domainReachableRule, oktaOrgRule, type SameOrgFacts, sameOrgRule } from "./checks/domain";
import { type EventHookFacts, eventHooksRule } from "./checks/event-hooks";
import { type LastSyncFacts, lastSyncRule } from "./checks/last-sync";
import { LOG_RETENTION_DAYS, type LogWindowFacts, logWindowRule } from "./checks/log-window";
import { type BucketHistory, type RateLimitFacts, rateLimitRule } from "./checks/rate-limits";
import type { CheckId, Symptom } from "./contracts";
import type { Probes } from "./probes";

const DAY = 86_400_000;

export const SCOPE_CHECK: Record<ReadScope, CheckId> = {
  "okta.users.read": "scope_users",
  "okta.groups.read": "scope_groups",
  "okta.apps.read": "scope_apps",
  "okta.logs.read": "scope_logs",
  "okta.roles.read": "scope_roles",
  "okta.idps.read": "scope_idps",
};
const SCOPE_WHAT: Record<ReadScope, string> = {
  "okta.users.read": "users",
  "okta.groups.read": "groups and their members",
  "okta.apps.read": "apps and their assignments",
  "okta.logs.read": "System Log events (sign-in activity)",
  "okta.roles.read": "admin role assignments",
  "okta.idps.read": "identity providers",
};

const oauth = (ctx: CheckContext) => ctx.method !== "api_token";
const stored = (ctx: CheckContext) => ctx.target === "stored";

const def = <F>(d: CheckDef<F>) => d as CheckDef<unknown>;

/** Whether reads needing `scope` can work: API tokens have no scopes; OAuth needs it in the token. */
async function scopeUsable(p: Probes, ctx: CheckContext, scope: ReadScope) {
  if (!oauth(ctx)) return true;
  const t = await p.token();
  return t.kind === "oauth" && t.ok && t.scopes.includes(scope);
}

function scopeCheck(scope: ReadScope) {
  return def<ScopeFacts>({
    id: SCOPE_CHECK[scope],
    title: () => `Scope ${scope} is granted`,
    needs: ["credentials"],
    applies: oauth,
    async gather(p, ctx) {
      const requested = ctx.requestedScopes.includes(scope);
      const t = await p.token();
      const tokenScopes = t.kind === "oauth" && t.ok ? t.scopes : null;
      return {
        scope,
        what: SCOPE_WHAT[scope],
        requested,
        inToken: tokenScopes ? tokenScopes.includes(scope) : null,
        tokenScopes,
        probe: requested ? await p.read(SCOPE_INFO[scope].probe) : null,
      };
    },
    rule: scopeRule,
  });
}

const CHECKS: Record<CheckId, CheckDef<unknown>> = {
  domain_format: def({
    id: "domain_format",
    title: () => "The Okta domain is well formed",
    needs: [],
    gather: async (p) => p.domain(),
    rule: domainFormatRule,
  }),
  domain_reachable: def({
    id: "domain_reachable",
    // Not "over HTTPS": a development host on the allow-list answers over plain http (the verdict says which).
    title: () => "The domain is reachable",
    needs: ["domain_format"],
    gather: (p) => p.discovery(),
    rule: domainReachableRule,
  }),
  okta_org: def({
    id: "okta_org",
    title: () => "The domain is an Okta org",
    needs: ["domain_reachable"],
    gather: (p) => p.discovery(),
    rule: oktaOrgRule,
  }),
  same_org: def<SameOrgFacts>({
    id: "same_org",
    title: () => "It is the org this integration was connected to",
    needs: ["okta_org"],
    applies: stored,
    gather: async (p) => ({ connectedOrgId: p.integration!.oktaOrgId, currentOrgId: (await p.discovery()).org?.orgId ?? null }),
    rule: sameOrgRule,
  }),
  credentials: def<CredentialsFacts>({
    id: "credentials",
    title: credentialsTitle,
    needs: ["okta_org"],
    async gather(p, ctx) {
      const token = await p.token();
      return {
        token,
        apiProbe: token.kind === "api_token" ? await p.read(SCOPE_INFO["okta.users.read"].probe) : null,
        knownClient: stored(ctx),
      };
    },
    rule: credentialsRule,
  }),
  dpop: def<DpopFacts>({
    id: "dpop",
    title: () => "DPoP matches what Okta requires",
    needs: ["credentials"],
    applies: oauth,
    gather: async (p) => ({
      token: (await p.token()) as DpopFacts["token"],
      storedUsesDpop: p.integration ? p.integration.usesDpop : null,
    }),
    rule: dpopRule,
  }),
  scope_users: scopeCheck("okta.users.read"),
  scope_groups: scopeCheck("okta.groups.read"),
  scope_apps: scopeCheck("okta.apps.read"),
  scope_logs: scopeCheck("okta.logs.read"),
  scope_roles: scopeCheck("okta.roles.read"),
  scope_idps: scopeCheck("okta.idps.read"),
  admin_role: def<AdminRoleFacts>({
    id: "admin_role",
    title: (ctx) =>
      ctx.method === "api_token" ? "The token's admin role can read the directory" : "The app holds an admin role that can read",
    needs: ["credentials"],
    async gather(p, ctx) {
      const probes = [];
      for (const scope of ["okta.users.read", "okta.groups.read", "okta.apps.read"] as const) {
        if (ctx.requestedScopes.includes(scope) || !oauth(ctx)) probes.push(await p.read(SCOPE_INFO[scope].probe));
      }
      return { probes };
    },
    rule: adminRoleRule,
  }),
  last_sync: def<LastSyncFacts>({
    id: "last_sync",
    title: () => "The last sync read everything",
    needs: [],
    applies: stored,
    async gather(p, ctx) {
      const resources = syncedResources(ctx);
      const [rows, runs] = await Promise.all([p.lastResourceResults(resources), p.runs()]);
      return { resources, rows, running: !!runs.active };
    },
    rule: lastSyncRule,
  }),
  log_window: def<LogWindowFacts>({
    id: "log_window",
    title: () => "The System Log has events in the sync window",
    needs: ["credentials", "scope_logs", "admin_role"],
    applies: (ctx) => !oauth(ctx) || ctx.requestedScopes.includes("okta.logs.read"),
    async gather(p) {
      const now = Date.now();
      const windowDays = Math.min(LOG_RETENTION_DAYS, Math.max(1, Math.round(p.integration?.logWindowDays ?? 30)));
      const windowStart = logWindowStart(windowDays, now);
      const inWindow = await p.newestLogEvent(new Date(windowStart), new Date(now));
      const empty = "published" in inWindow && inWindow.published === null;
      const before =
        empty && windowDays < LOG_RETENTION_DAYS
          ? await p.newestLogEvent(new Date(now - LOG_RETENTION_DAYS * DAY), new Date(windowStart))
          : null;
      return {
        windowDays,
        windowStart,
        now: new Date(now).toISOString(),
        inWindow,
        before,
        stored: p.integration ? await p.storedLogEvents() : null,
      };
    },
    rule: logWindowRule,
  }),
  counts: def<CountsFacts>({
    id: "counts",
    title: () => "Counts match Okta",
    needs: ["credentials", "admin_role"],
    applies: stored,
    async gather(p, ctx, done) {
      const usable = async (scope: ReadScope) => (await scopeUsable(p, ctx, scope)) && done.get(SCOPE_CHECK[scope])?.status !== "fail";
      const can = {
        users: await usable("okta.users.read"),
        groups: await usable("okta.groups.read"),
        apps: await usable("okta.apps.read"),
      };
      const [totals, storedCounts, runs, last] = await Promise.all([
        p.oktaTotals(can),
        p.storedCounts(),
        p.runs(),
        p.lastResourceResults(["users", "groups", "memberships", "apps"]),
      ]);
      const lastFinishedAt = runs.last?.finishedAt ?? null;
      const rows: CountRow[] = [];
      for (const resource of ["users", "groups", "memberships", "apps"] as const) {
        const t = totals[resource];
        const scope = RESOURCE_REGISTRY[resource].scope;
        const l = last.find((r) => r.resource === resource);
        const differs = t.value !== null && t.value !== storedCounts[resource];
        const changedSince =
          differs && lastFinishedAt && resource !== "apps"
            ? await p.changedSince(resource === "users" ? "users" : "groups", lastFinishedAt)
            : null;
        rows.push({
          resource,
          okta: t.value,
          oktaNote: t.value === null && !t.err && !t.note ? `needs ${scope}` : t.note,
          oktaErr: t.err,
          stored: storedCounts[resource],
          last: l ? { status: l.status, missingScope: l.missingScope, error: l.error?.message ?? null } : null,
          changedSince,
        });
      }
      return {
        rows,
        lastFinishedAt: lastFinishedAt?.toISOString() ?? null,
        running: !!runs.active,
        syncFilterSet: p.integration!.syncScope !== null,
      };
    },
    rule: countsRule,
  }),
  rate_limits: def<RateLimitFacts>({
    id: "rate_limits",
    title: () => "Rate limits leave room for the syncs",
    needs: ["credentials"],
    async gather(p) {
      // Okta's X-Rate-Limit-* come with every answer; make sure at least one was read.
      if (!p.live.size) await p.read(SCOPE_INFO["okta.users.read"].probe);
      let history: RateLimitFacts["history"] = null;
      if (p.integration) {
        const h = await p.recentRateLimitHistory();
        const perBucket: Record<string, BucketHistory> = {};
        for (const e of h.events.filter((e) => e.kind === "sync.rate_limit_waits")) {
          for (const [bucket, b] of Object.entries((e.details.buckets ?? {}) as Record<string, Partial<BucketHistory>>)) {
            perBucket[bucket] ??= { requests: 0, waits: 0, waitMs: 0, waits429: 0 };
            const acc = perBucket[bucket];
            acc.requests += Number(b.requests ?? 0);
            acc.waits += Number(b.waits ?? 0);
            acc.waitMs += Number(b.waitMs ?? 0);
            acc.waits429 += Number(b.waits429 ?? 0);
          }
        }
        history = {
          days: h.days,
          runs: h.runs.length,
          requests: h.runs.reduce((a, r) => a + r.requests, 0),
          rateLimitWaits: h.runs.reduce((a, r) => a + r.rateLimitWaits, 0),
          gaveUp: h.events.filter((e) => e.kind === "sync.rate_limited").length,
          runMs: h.runs.reduce((a, r) => a + (r.startedAt && r.finishedAt ? r.finishedAt.getTime() - r.startedAt.getTime() : 0), 0),
          perBucket,
        };
      }
      return {
        share: p.integration?.rateLimitShare ?? 0.5,
        live: [...p.live.values()],
        waits429Now: Object.fromEntries(p.waits429),
        history,
      };
    },
    rule: rateLimitRule,
  }),
  action_scopes: def<ActionScopeFacts>({
    id: "action_scopes",
    title: () => "Actions are on and the app is granted the manage scopes",
    needs: ["credentials"],
    applies: stored,
    async gather(p, ctx) {
      if (!p.integration!.allowActions) return { allowActions: false, scopes: null };
      return { allowActions: true, scopes: (await p.manageAccess(ctx.requestedScopes)).scopes };
    },
    rule: actionScopesRule,
  }),
  action_role: def<ActionRoleFacts>({
    id: "action_role",
    title: (ctx) => (ctx.method === "api_token" ? "The token's admin role may do the actions" : "The app's admin role may do the actions"),
    needs: ["credentials", "action_scopes"],
    applies: stored,
    async gather(p, ctx) {
      const m = await p.manageAccess(ctx.requestedScopes);
      const granted = m.scopes.filter((s) => s.ok).map((s) => s.scope);
      const denied = await p.lastActionFailure("E0000006");
      return {
        scopedKinds: ACTION_KINDS.filter((k) => granted.includes(ACTION_KIND_INFO[k].scope)),
        roles: m.roles,
        rolesNote: m.rolesNote,
        denied,
      };
    },
    rule: actionRoleRule,
  }),
  action_target: def<ActionTargetFacts>({
    id: "action_target",
    title: () => "The last failed action's target is in a state that allows it",
    needs: ["credentials"],
    applies: stored,
    async gather(p) {
      const failure = await p.lastActionFailure();
      return { failure, now: failure ? await p.actionTargetNow(failure) : null };
    },
    rule: actionTargetRule,
  }),
  event_hooks: def<EventHookFacts>({
    id: "event_hooks",
    title: () => "Event hook updates arrive",
    needs: [],
    async gather(p) {
      const runs = p.integration ? await p.runs() : null;
      const hook = p.integration ? await readHookFacts(p.integration.id) : null;
      return {
        fullSyncIntervalMinutes: p.integration?.fullSyncIntervalMinutes ?? null,
        incrementalSyncIntervalMinutes: p.integration?.incrementalSyncIntervalMinutes ?? null,
        lastSyncFinishedAt: runs?.last?.finishedAt?.toISOString() ?? null,
        hook,
      };
    },
    rule: eventHooksRule,
  }),
};

async function readHookFacts(integrationId: string): Promise<EventHookFacts["hook"]> {
  const sql = getDb().$client;
  const [h] = await sql`
    select h.*, (select count(*) from hook_events e where e.integration_id = h.integration_id and e.status = 'failed')::int as failed_events,
      (select count(*) from hook_events e where e.integration_id = h.integration_id and e.received_at >= date_trunc('day', now()))::int as events_today
    from event_hooks h where h.integration_id = ${integrationId}`;
  if (!h) return null;
  const iso = (d: Date | null) => (d ? new Date(d).toISOString() : null);
  return {
    mode: h.mode,
    registered: !!h.okta_hook_id,
    verifiedAt: iso(h.verified_at),
    lastDeliveryAt: iso(h.last_delivery_at),
    authFailures: h.auth_failures,
    lastAuthFailureAt: iso(h.last_auth_failure_at),
    failedEvents: h.failed_events,
    eventsToday: h.events_today,
  };
}

const BASE: CheckId[] = ["domain_format", "domain_reachable", "okta_org", "same_org", "credentials", "dpop"];

/** The checks of each symptom, in the order they run. Event hooks are optional (scheduled syncs are
 * the source of truth), so they are checked only when the symptom is about them. */
export const PLANS: Record<Symptom, CheckId[]> = {
  all: [
    ...BASE,
    "scope_users",
    "scope_groups",
    "scope_apps",
    "scope_logs",
    "scope_roles",
    "scope_idps",
    "admin_role",
    "last_sync",
    "log_window",
    "counts",
    "rate_limits",
  ],
  credentials: BASE,
  token_expired: BASE,
  groups_missing: [...BASE, "scope_users", "scope_groups", "admin_role", "last_sync", "counts"],
  assignments_missing: [...BASE, "scope_apps", "scope_groups", "admin_role", "last_sync", "counts"],
  activity_missing: [...BASE, "scope_logs", "admin_role", "last_sync", "log_window"],
  counts_differ: [...BASE, "scope_users", "scope_groups", "scope_apps", "admin_role", "last_sync", "counts"],
  roles_idps_missing: [...BASE, "scope_roles", "scope_idps", "admin_role", "last_sync"],
  hooks: ["event_hooks"],
  rate_limits: [...BASE, "rate_limits"],
  action_fails: [...BASE, "action_scopes", "action_role", "action_target", "rate_limits"],
};

const SYMPTOM_RESOURCES: Record<Symptom, readonly Resource[]> = {
  all: RESOURCES,
  credentials: RESOURCES,
  token_expired: RESOURCES,
  groups_missing: ["groups", "memberships"],
  assignments_missing: ["apps", "app_assignments"],
  activity_missing: ["log_events"],
  counts_differ: ["users", "groups", "memberships", "apps"],
  roles_idps_missing: ["roles", "idps"],
  hooks: RESOURCES,
  rate_limits: RESOURCES,
  action_fails: [],
};

/** The resources a symptom is about, minus those whose scope the integration does not ask for. */
export function syncedResources(ctx: CheckContext): Resource[] {
  return SYMPTOM_RESOURCES[ctx.symptom].filter((r) => !oauth(ctx) || ctx.requestedScopes.includes(RESOURCE_REGISTRY[r].scope));
}

export function planFor(symptom: Symptom, ctx: CheckContext): CheckDef[] {
  return PLANS[symptom].map((id) => CHECKS[id]).filter((d) => !d.applies || d.applies(ctx));
}

export { CHECKS };
