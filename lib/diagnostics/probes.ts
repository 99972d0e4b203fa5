// The raw facts the checks judge: what Okta answered (status, Okta's error fields, WWW-Authenticate,
// X-Rate-Limit-*, counts) and what the console stored (runs, rows, events). Every probe is memoized
// for one wizard run, so checks that look at the same answer share one request. Nothing here keeps a
// secret: tokens, assertions and keys stay inside the Okta client; facts carry only Okta's identifiers.
import { and, desc, eq, gte, inArray, isNull, sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { ActionKind } from "@/db/enums";
import {
  type AuthMethod,
  type Integration,
  integrationEvents,
  oktaApps,
  oktaGroupMembers,
  oktaGroups,
  oktaLogEvents,
  oktaUsers,
  type Resource,
  syncRunResources,
  syncRuns,
} from "@/db/schema";
import { checkTargetState } from "@/lib/actions/check-target-state";
import { readTarget } from "@/lib/actions/read-target";
import { plural } from "@/lib/format";
import { checkManageAccess } from "@/lib/integrations/check-manage-access";
import { bucketFor } from "@/lib/okta/buckets";
import { createOktaClient, type OktaClient, type OktaCredentials } from "@/lib/okta/client";
import { CHECK_TIMEOUT_MS, type DiscoveryFacts, discoverOrg } from "@/lib/okta/discovery";
import { DomainError, type NormalizedDomain, normalizeOktaDomain } from "@/lib/okta/domain";
import { OktaApiError, type OktaErrorFacts, safePath } from "@/lib/okta/errors";
import { readRateLimitHeaders } from "@/lib/okta/governor";
import { oktaGroupSchema } from "@/lib/okta/schemas";

const DAY = 86_400_000;

export type ReadFacts = { path: string; ok: true; status: number; items: number | null } | { path: string; ok: false; err: OktaErrorFacts };

export type DomainFacts =
  | { ok: true; domain: NormalizedDomain; input: string; stored: boolean }
  | { ok: false; input: string; message: string };

export type TokenFacts =
  | { kind: "api_token" }
  | {
      kind: "oauth";
      ok: true;
      tokenType: "Bearer" | "DPoP";
      scopes: string[];
      expiresInSec: number;
      usesDpop: boolean;
      tokenStatuses: number[];
    }
  | { kind: "oauth"; ok: false; err: OktaErrorFacts; usesDpop: boolean; tokenStatuses: number[] };

export interface LiveBucket {
  bucket: string;
  limit: number;
  remaining: number;
  resetInSec: number | null;
}

export interface ProbeTarget {
  domain: string;
  method: AuthMethod;
  credentials: OktaCredentials;
  integration: Integration | null;
}

export class Probes {
  private memo = new Map<string, Promise<unknown>>();
  private client: OktaClient | null = null;
  private tokenStatuses: number[] = [];
  readonly live = new Map<string, LiveBucket>();
  /** 429s Okta answered to this wizard run, per bucket. */
  readonly waits429 = new Map<string, number>();

  constructor(readonly target: ProbeTarget) {}

  private once<T>(key: string, fn: () => Promise<T>): Promise<T> {
    if (!this.memo.has(key)) this.memo.set(key, fn());
    return this.memo.get(key) as Promise<T>;
  }

  get integration() {
    return this.target.integration;
  }

  domain(): DomainFacts {
    const input = this.target.domain;
    try {
      return { ok: true, domain: normalizeOktaDomain(input), input, stored: !!this.target.integration };
    } catch (e) {
      if (e instanceof DomainError) return { ok: false, input, message: e.message };
      throw e;
    }
  }

  origin(): string {
    const d = this.domain();
    if (!d.ok) throw new Error("the domain is not valid; checks that call Okta depend on domain_format");
    return d.domain.origin;
  }

  /** Okta's unauthenticated discovery documents: proves an Okta org answers there and which one. */
  discovery(): Promise<DiscoveryFacts> {
    return this.once("discovery", () => discoverOrg(this.origin()));
  }

  private okta(): OktaClient {
    if (this.client) return this.client;
    // No token cache and no stored DPoP key: the checks must see Okta's answers to a fresh token request.
    const credentials =
      this.target.credentials.method === "api_token" ? this.target.credentials : { ...this.target.credentials, dpopKey: undefined };
    this.client = createOktaClient({
      domain: this.origin(),
      credentials,
      // The checks send a couple of dozen requests, not a sync's thousands: no pacing to the sync's share,
      // and no waiting out a 429 (up to a minute each on Okta): the 429 itself is the evidence.
      rateLimitShare: 1,
      maxRateLimitWaits: 0,
      maxRetries: 1,
      timeoutMs: CHECK_TIMEOUT_MS,
      events: {
        onRequest: (e) => {
          if (e.bucket === "oauth_token") this.tokenStatuses.push(e.status);
          if (e.status === 429) this.waits429.set(e.bucket, (this.waits429.get(e.bucket) ?? 0) + 1);
        },
      },
    });
    return this.client;
  }

  private noteHeaders(url: string, headers: Headers) {
    const h = readRateLimitHeaders(headers, Date.now());
    if (h.limit === undefined || h.remaining === undefined || h.limit === 0) return;
    const bucket = bucketFor("GET", new URL(url).pathname);
    this.live.set(bucket, {
      bucket,
      limit: h.limit,
      remaining: h.remaining,
      resetInSec: h.resetAt ? Math.max(0, Math.round((h.resetAt - Date.now()) / 1000)) : null,
    });
  }

  token(): Promise<TokenFacts> {
    return this.once("token", async () => {
      const client = this.okta();
      if (this.target.credentials.method === "api_token") return { kind: "api_token" as const };
      try {
        const t = await client.token();
        return {
          kind: "oauth" as const,
          ok: true as const,
          tokenType: t!.tokenType,
          scopes: t!.scopes,
          expiresInSec: Math.round((t!.expiresAt - Date.now()) / 1000),
          usesDpop: client.authInfo().usesDpop,
          tokenStatuses: [...this.tokenStatuses],
        };
      } catch (e) {
        if (!(e instanceof OktaApiError)) throw e;
        return {
          kind: "oauth" as const,
          ok: false as const,
          err: e.facts(),
          usesDpop: client.authInfo().usesDpop,
          tokenStatuses: [...this.tokenStatuses],
        };
      }
    });
  }

  /** One GET against the Management API (memoized by path and query). */
  read(path: string, query?: Record<string, string | number>): Promise<ReadFacts & { body?: unknown }> {
    const key = `read ${path} ${JSON.stringify(query ?? {})}`;
    return this.once(key, async () => {
      try {
        const res = await this.okta().get<unknown>(path, query);
        this.noteHeaders(res.url, res.headers);
        return {
          path: safePath(res.url),
          ok: true as const,
          status: res.status,
          items: Array.isArray(res.body) ? res.body.length : null,
          body: res.body,
        };
      } catch (e) {
        if (!(e instanceof OktaApiError)) throw e;
        return { path: safePath(e.url ?? path), ok: false as const, err: e.facts() };
      }
    });
  }

  /** The manage scopes Okta grants now and the admin roles it reports (a token of its own, as "Allow actions" verifies). */
  manageAccess(requestedScopes: readonly string[]) {
    return this.once("manageAccess", () =>
      checkManageAccess({ domain: this.origin(), credentials: this.target.credentials, readScopes: requestedScopes }),
    );
  }

  /** The newest failed action target of the integration in the last 7 days (optionally with one Okta errorCode). */
  lastActionFailure(errorCode?: string) {
    return this.once(`lastActionFailure ${errorCode ?? ""}`, async () => {
      const id = this.requireIntegration().id;
      const [r] = await getDb().$client`
        select r.id as request_id, r.kind, r.params, t.user_id, t.group_id, t.app_id, t.label, t.finished_at,
               t.okta_status, t.error_code, t.error_summary, t.error_id
        from action_targets t join action_requests r on r.id = t.request_id
        where r.integration_id = ${id} and t.status = 'failed' and t.finished_at > now() - interval '7 days'
          and (${errorCode ?? null}::text is null or t.error_code = ${errorCode ?? null})
        order by t.finished_at desc limit 1`;
      if (!r) return null;
      return {
        requestId: r.request_id as string,
        kind: r.kind as ActionKind,
        params: r.params as unknown,
        target: { userId: r.user_id as string | null, groupId: r.group_id as string | null, appId: r.app_id as string | null },
        label: r.label as string,
        at: new Date(r.finished_at).toISOString(),
        oktaStatus: r.okta_status as number | null,
        errorCode: r.error_code as string | null,
        errorSummary: r.error_summary as string | null,
        errorId: r.error_id as string | null,
      };
    });
  }

  /** An action's target as Okta has it now, judged by the same rules as a request; null when it cannot be read. */
  async actionTargetNow(f: {
    kind: ActionKind;
    target: { userId: string | null; groupId: string | null; appId: string | null };
    params: unknown;
  }) {
    try {
      const state = await readTarget(this.okta(), {
        integrationId: this.requireIntegration().id,
        kind: f.kind,
        target: f.target,
        params: f.params,
      });
      const check = checkTargetState(f.kind, state, f.params);
      return { allowed: check.ok, reason: check.ok ? null : check.reason, status: state.user?.status ?? null };
    } catch (e) {
      if (e instanceof OktaApiError) return null;
      throw e;
    }
  }

  /** The newest System Log event in [since, until), or null; Okta's error when the read fails. */
  async newestLogEvent(since: Date, until: Date): Promise<{ published: string | null } | { err: OktaErrorFacts }> {
    const r = await this.read("/api/v1/logs", {
      since: since.toISOString(),
      until: until.toISOString(),
      limit: 1,
      sortOrder: "DESCENDING",
    });
    if (!r.ok) return { err: r.err };
    const first = Array.isArray(r.body) ? (r.body[0] as { published?: unknown } | undefined) : undefined;
    return { published: typeof first?.published === "string" ? first.published : null };
  }

  /** Okta's own totals, each as cheap as Okta allows: groups (with member counts), apps, and users via Everyone. */
  oktaTotals(opts: { groups: boolean; apps: boolean; users: boolean }) {
    return this.once(`totals ${JSON.stringify(opts)}`, async () => {
      const out: Record<"users" | "groups" | "memberships" | "apps", { value: number | null; note?: string; err?: OktaErrorFacts }> = {
        users: { value: null },
        groups: { value: null },
        memberships: { value: null },
        apps: { value: null },
      };
      const client = this.okta();
      const walk = async <T>(
        path: string,
        query: Record<string, string | number>,
        maxPages: number,
        each: (item: unknown) => void,
      ): Promise<{ complete: boolean } | { err: OktaErrorFacts }> => {
        let pages = 0;
        try {
          for await (const page of client.pages<T>(path, query)) {
            this.noteHeaders(page.response.url, page.response.headers);
            page.items.forEach(each);
            if (++pages >= maxPages && page.nextUrl) return { complete: false };
          }
          return { complete: true };
        } catch (e) {
          if (e instanceof OktaApiError) return { err: e.facts() };
          throw e;
        }
      };
      if (opts.groups) {
        let groups = 0;
        let members = 0;
        let unknownCounts = 0;
        let everyone: number | null = null;
        const r = await walk("/api/v1/groups", { limit: 10000, expand: "stats" }, 20, (item) => {
          const g = oktaGroupSchema.safeParse(item);
          if (!g.success) return;
          groups++;
          const n = g.data._embedded?.stats?.usersCount;
          if (typeof n === "number") members += n;
          else unknownCounts++;
          if (g.data.type === "BUILT_IN" && g.data.profile.name === "Everyone" && typeof n === "number") everyone = n;
        });
        if ("err" in r) out.groups = out.memberships = { value: null, err: r.err };
        else if (!r.complete) out.groups = out.memberships = { value: null, note: "more than 200,000 groups; not counted" };
        else {
          out.groups = { value: groups };
          out.memberships = unknownCounts
            ? { value: null, note: `Okta gave no member count for ${plural(unknownCounts, "group")}` }
            : { value: members };
          // Everyone holds every user of the org, whatever their status: the users total at no extra cost.
          if (everyone !== null && opts.users) out.users = { value: everyone, note: "member count of Okta's Everyone group" };
        }
      }
      if (opts.users && out.users.value === null) {
        let users = 0;
        const r = await walk("/api/v1/users", { search: "status pr", limit: 200 }, 10, () => users++);
        out.users =
          "err" in r
            ? { value: null, err: r.err }
            : r.complete
              ? { value: users }
              : { value: null, note: "more than 2,000 users and no Everyone group count to read (needs okta.groups.read)" };
      }
      if (opts.apps) {
        let apps = 0;
        const r = await walk("/api/v1/apps", { limit: 200 }, 50, () => apps++);
        out.apps =
          "err" in r
            ? { value: null, err: r.err }
            : r.complete
              ? { value: apps }
              : { value: null, note: "more than 10,000 apps; not counted" };
      }
      return out;
    });
  }

  /** How many users / groups Okta changed after `since` (at least; one page is read). */
  async changedSince(resource: "users" | "groups", since: Date): Promise<number | null> {
    const iso = since.toISOString();
    const r =
      resource === "users"
        ? await this.read("/api/v1/users", { search: `lastUpdated gt "${iso}"`, limit: 200 })
        : await this.read("/api/v1/groups", { filter: `lastUpdated gt "${iso}" or lastMembershipUpdated gt "${iso}"`, limit: 200 });
    return r.ok ? (r.items ?? 0) : null;
  }

  // ---------------------------------------------------------------------------------------------
  // What the console stored (stored integrations only)
  // ---------------------------------------------------------------------------------------------

  private requireIntegration() {
    if (!this.integration) throw new Error("this probe needs a saved integration");
    return this.integration;
  }

  storedCounts() {
    return this.once("storedCounts", async () => {
      const id = this.requireIntegration().id;
      const db = getDb();
      const count = async (t: typeof oktaUsers | typeof oktaGroups | typeof oktaApps | typeof oktaGroupMembers) => {
        const [r] = await db
          .select({ n: sql<number>`count(*)::int` })
          .from(t)
          .where(and(eq(t.integrationId, id), isNull(t.deletedAt)));
        return r.n;
      };
      return {
        users: await count(oktaUsers),
        groups: await count(oktaGroups),
        apps: await count(oktaApps),
        memberships: await count(oktaGroupMembers),
      };
    });
  }

  /** The run in progress, and the last run that finished. */
  runs() {
    return this.once("runs", async () => {
      const id = this.requireIntegration().id;
      const db = getDb();
      const [active] = await db
        .select()
        .from(syncRuns)
        .where(and(eq(syncRuns.integrationId, id), inArray(syncRuns.status, ["queued", "running"])))
        .limit(1);
      const [last] = await db
        .select()
        .from(syncRuns)
        .where(and(eq(syncRuns.integrationId, id), inArray(syncRuns.status, ["succeeded", "partial", "failed", "cancelled"])))
        .orderBy(desc(syncRuns.finishedAt))
        .limit(1);
      return { active: active ?? null, last: last ?? null };
    });
  }

  /** For each resource, its result in the newest finished run that actually tried it. */
  lastResourceResults(resources: readonly Resource[]) {
    return this.once(`lastResources ${resources.join(",")}`, async () => {
      const id = this.requireIntegration().id;
      const rows = await getDb()
        .selectDistinctOn([syncRunResources.resource], { r: syncRunResources, finishedAt: syncRuns.finishedAt, runStatus: syncRuns.status })
        .from(syncRunResources)
        .innerJoin(syncRuns, eq(syncRuns.id, syncRunResources.runId))
        .where(
          and(
            eq(syncRuns.integrationId, id),
            inArray(syncRuns.status, ["succeeded", "partial", "failed"]),
            inArray(syncRunResources.resource, [...resources]),
            sql`coalesce(${syncRunResources.error}->>'code', '') <> 'not_requested'`,
          ),
        )
        .orderBy(syncRunResources.resource, desc(syncRuns.finishedAt));
      return rows.map(({ r, finishedAt, runStatus }) => ({
        resource: r.resource,
        status: r.status,
        runId: r.runId,
        runStatus,
        finishedAt: finishedAt?.toISOString() ?? null,
        objects: r.objects,
        missingScope: r.missingScope,
        error: (r.error as { code?: string; message?: string; okta?: Record<string, unknown> } | null) ?? null,
      }));
    });
  }

  storedLogEvents() {
    return this.once("storedLogs", async () => {
      const { id, workspaceId } = this.requireIntegration();
      const [r] = await getDb()
        .select({ n: sql<number>`count(*)::int`, newest: sql<Date | null>`max(${oktaLogEvents.published})` })
        .from(oktaLogEvents)
        .where(and(eq(oktaLogEvents.workspaceId, workspaceId), eq(oktaLogEvents.integrationId, id)));
      return { count: r.n, newest: r.newest ? new Date(r.newest).toISOString() : null };
    });
  }

  /** Runs of the last `days` days and their rate-limit events: how the syncs fared against Okta's limits. */
  recentRateLimitHistory(days = 7) {
    return this.once(`rl ${days}`, async () => {
      const id = this.requireIntegration().id;
      const since = new Date(Date.now() - days * DAY);
      const db = getDb();
      const runs = await db
        .select({
          id: syncRuns.id,
          status: syncRuns.status,
          startedAt: syncRuns.startedAt,
          finishedAt: syncRuns.finishedAt,
          requests: syncRuns.requests,
          rateLimitWaits: syncRuns.rateLimitWaits,
        })
        .from(syncRuns)
        .where(and(eq(syncRuns.integrationId, id), gte(syncRuns.queuedAt, since)))
        .orderBy(desc(syncRuns.queuedAt))
        .limit(50);
      const events = await db
        .select({ kind: integrationEvents.kind, details: integrationEvents.details, at: integrationEvents.at })
        .from(integrationEvents)
        .where(
          and(
            eq(integrationEvents.integrationId, id),
            gte(integrationEvents.at, since),
            inArray(integrationEvents.kind, ["sync.rate_limit_waits", "sync.rate_limited"]),
          ),
        )
        .orderBy(desc(integrationEvents.id))
        .limit(200);
      return {
        days,
        runs,
        events: events.map((e) => ({ kind: e.kind, at: e.at.toISOString(), details: (e.details as Record<string, unknown> | null) ?? {} })),
      };
    });
  }
}
