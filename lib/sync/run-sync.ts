// The sync job: claims the run (a lease with a heartbeat), walks every resource and records the
// outcome. Independent rate-limit buckets run in parallel (users | groups -> memberships | apps ->
// app assignments | idps | logs; roles after memberships, whose rows tell it which groups to ask).
// Memberships wait only for groups: they use neither the users table nor the users bucket.
// A resource that fails is recorded (scope, Okta's errorCode/errorId) and the others complete: the
// run ends partial. A worker that dies leaves a stale heartbeat; the reaper re-queues the run and the
// next worker resumes every resource from its checkpoint.
import { randomUUID } from "node:crypto";
import { and, eq, inArray, sql } from "drizzle-orm";
import { getDb } from "@/db";
import {
  type Integration,
  integrations,
  type Resource,
  type ResourceStatus,
  type RunStatus,
  type SyncRunResource,
  syncRunResources,
  syncRuns,
} from "@/db/schema";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/integrations/record-event";
import { enqueueSyncRun } from "@/lib/jobs/enqueue-sync-run";
import { log } from "@/lib/log";
import type { OktaClient, OktaClientEvents } from "@/lib/okta/client";
import { analyzeTables } from "./analyze-tables";
import { describeSyncError, RESOURCE_LABELS } from "./describe-error";
import { syncAppAssignments } from "./resources/app-assignments";
import { syncApps } from "./resources/apps";
import { syncGroups } from "./resources/groups";
import { syncIdps } from "./resources/idps";
import { syncLogEvents } from "./resources/log-events";
import { filtersMembers, reconcileMemberships, syncMemberships } from "./resources/memberships";
import { syncRoles } from "./resources/roles";
import { syncUsers } from "./resources/users";
import { createTelemetry, inResource, makeCommit, type ResourceContext, type RunTelemetry } from "./run-context";
import { scopeOf } from "./scope";
import { restrictsGroups, restrictsUsers, type SyncScope, scopeKey } from "./scope-contract";
import { sweep } from "./sweep";
import {
  appGroupsTable,
  appsTable,
  appUsersTable,
  groupsTable,
  idpsTable,
  membershipsTable,
  rolesTable,
  type TableSpec,
  usersTable,
} from "./tables";
import { type Lease, LeaseLostError } from "./upsert-batch";

interface Step {
  /** Returns which pass it made: only a full pass may sweep (an incremental one deletes what Okta named). */
  run: (ctx: ResourceContext) => Promise<"full" | "incremental" | void>;
  /** Must have succeeded first (their rows are this step's parents). */
  needs?: Resource[];
  /** Must have finished first, whatever the outcome. */
  after?: Resource[];
  /** Incremental runs: must have finished first too (they apply the System Log events it just read). */
  afterIncremental?: Resource[];
  sweep?: TableSpec[];
}

export const PLAN: Record<Resource, Step> = {
  users: { run: syncUsers, afterIncremental: ["log_events"], sweep: [usersTable] },
  groups: { run: syncGroups, afterIncremental: ["log_events"], sweep: [groupsTable] },
  memberships: { run: syncMemberships, needs: ["groups"], afterIncremental: ["log_events", "users"], sweep: [membershipsTable] },
  apps: { run: syncApps, sweep: [appsTable] },
  app_assignments: {
    run: syncAppAssignments,
    needs: ["apps"],
    afterIncremental: ["log_events", "users", "groups", "memberships"],
    sweep: [appUsersTable, appGroupsTable],
  },
  roles: { run: syncRoles, after: ["groups", "memberships"], afterIncremental: ["log_events", "users"], sweep: [rolesTable] },
  idps: { run: syncIdps, sweep: [idpsTable] },
  log_events: { run: syncLogEvents },
};

/** How the run gets its Okta client (the job passes lib/integrations' loadOktaClient in). */
export type ClientLoader = (integrationId: string, opts: { events: OktaClientEvents }) => Promise<OktaClient>;

export interface RunSyncOptions {
  loadClient: ClientLoader;
  /** Resources to run; the rest are skipped (tests). */
  only?: Resource[];
  /** The worker is shutting down: stop at the next page and hand the run back to the queue. */
  signal?: AbortSignal;
}

class ShutdownError extends Error {
  constructor() {
    super("worker shutting down");
  }
}

/** Claims a queued run, or a running one whose worker stopped heartbeating. */
async function claim(runId: string, leaseOwner: string) {
  const lease = getEnv().SYNC_LEASE_SECONDS;
  const [run] = await getDb()
    .update(syncRuns)
    .set({
      status: "running",
      leaseOwner,
      heartbeatAt: sql`now()`,
      startedAt: sql`coalesce(${syncRuns.startedAt}, now())`,
      attempts: sql`${syncRuns.attempts} + 1`,
    })
    .where(
      and(
        eq(syncRuns.id, runId),
        sql`(${syncRuns.status} = 'queued' or (${syncRuns.status} = 'running' and (${syncRuns.heartbeatAt} is null or ${syncRuns.heartbeatAt} < now() - make_interval(secs => ${lease}))))`,
      ),
    )
    .returning();
  return run ?? null;
}

function totals(t: RunTelemetry) {
  let requests = 0;
  let rateLimitWaits = 0;
  let retries = 0;
  for (const s of t.perResource.values()) {
    requests += s.requests;
    rateLimitWaits += s.rateLimitWaits;
    retries += s.retries;
  }
  return { requests, rateLimitWaits, retries };
}

export async function runSync(runId: string, opts: RunSyncOptions): Promise<{ claimed: boolean; status?: RunStatus }> {
  const leaseOwner = randomUUID();
  const run = await claim(runId, leaseOwner);
  if (!run) return { claimed: false };
  const db = getDb();
  const lease: Lease = { runId, leaseOwner, workspaceId: run.workspaceId, integrationId: run.integrationId };
  const baseRun = { requests: run.requests, rateLimitWaits: run.rateLimitWaits, retries: run.retries };
  const event = (e: Omit<Parameters<typeof recordEvent>[0], "workspaceId" | "integrationId" | "runId">) =>
    recordEvent({ ...e, workspaceId: run.workspaceId, integrationId: run.integrationId, runId });

  const { telemetry, events } = createTelemetry();
  const abort = new AbortController();
  const onShutdown = () => abort.abort(new ShutdownError());
  if (opts.signal?.aborted) onShutdown();
  opts.signal?.addEventListener("abort", onShutdown, { once: true });
  const rows = new Map<Resource, SyncRunResource>(
    (await db.select().from(syncRunResources).where(eq(syncRunResources.runId, runId))).map((r) => [r.resource, r]),
  );

  const flushCounters = async (final: boolean) => {
    const t = totals(telemetry);
    // Lock order everywhere: the run row, then its resource rows (page commits share-lock the run
    // first too), so heartbeats and page commits cannot deadlock.
    await db.transaction(async (tx) => {
      const alive = await tx
        .update(syncRuns)
        .set({
          heartbeatAt: sql`now()`,
          requests: baseRun.requests + t.requests,
          rateLimitWaits: baseRun.rateLimitWaits + t.rateLimitWaits,
          retries: baseRun.retries + t.retries,
        })
        .where(and(eq(syncRuns.id, runId), eq(syncRuns.leaseOwner, leaseOwner), eq(syncRuns.status, "running")))
        .returning({ id: syncRuns.id });
      if (!alive.length) {
        if (!final) abort.abort(new LeaseLostError());
        return;
      }
      for (const [resource, s] of telemetry.perResource) {
        const base = rows.get(resource);
        if (!base) continue;
        await tx
          .update(syncRunResources)
          .set({
            requests: base.requests + s.requests,
            rateLimitWaits: base.rateLimitWaits + s.rateLimitWaits,
            retries: base.retries + s.retries,
          })
          .where(and(eq(syncRunResources.runId, runId), eq(syncRunResources.resource, resource)));
      }
    });
  };
  const heartbeatMs = Math.max(1000, Math.floor((getEnv().SYNC_LEASE_SECONDS * 1000) / 5));
  const heartbeat = setInterval(() => {
    flushCounters(false).catch((error) => log.warn("sync heartbeat failed", { runId, error }));
  }, heartbeatMs);

  try {
    if (run.attempts > 1) {
      await event({
        level: "warn",
        kind: "sync.resumed",
        message: `Sync resumed by another worker (attempt ${run.attempts}); continuing from each resource's checkpoint`,
        details: { attempt: run.attempts },
      });
    } else {
      await event({
        kind: "sync.started",
        message: `Sync started (${run.trigger}, ${run.mode})`,
        details: { trigger: run.trigger, mode: run.mode },
      });
    }

    let integration: Integration | undefined;
    let client: OktaClient;
    try {
      [integration] = await db.select().from(integrations).where(eq(integrations.id, run.integrationId));
      if (!integration || integration.state !== "connected") throw new AppError("CONFLICT", "the integration is disconnected");
      client = await opts.loadClient(run.integrationId, { events });
    } catch (e) {
      const d = describeSyncError(e, null);
      await event({ level: "error", kind: d.kind, message: d.message, details: d.error });
      await finish(lease, "failed", d.error);
      return { claimed: true, status: "failed" };
    }

    // The scope as it stood when the run started: a change made during the run applies to the next.
    const scope = scopeOf(integration!);
    const enteredScope = new Set<string>();
    const outcomes = new Map<Resource, Promise<ResourceStatus>>();
    const execute = async (resource: Resource): Promise<ResourceStatus> => {
      const step = PLAN[resource];
      const row = rows.get(resource);
      if (!row) return "skipped";
      if (row.status === "succeeded" || row.status === "failed" || row.status === "skipped") return row.status;
      const setRow = (values: Partial<typeof syncRunResources.$inferInsert>) =>
        db
          .update(syncRunResources)
          .set(values)
          .where(and(eq(syncRunResources.runId, runId), eq(syncRunResources.resource, resource)));
      if (opts.only && !opts.only.includes(resource)) {
        await setRow({ status: "skipped", finishedAt: new Date(), error: { code: "not_requested", message: "Not part of this run" } });
        return "skipped";
      }
      for (const dep of [
        ...(step.after ?? []),
        ...(run.mode === "incremental" ? (step.afterIncremental ?? []) : []),
        ...scopedAfter(resource, scope),
      ])
        await outcomes.get(dep);
      for (const dep of step.needs ?? []) {
        if ((await outcomes.get(dep)) !== "succeeded") {
          const message = `Skipped: needs ${RESOURCE_LABELS[dep]}, which did not complete`;
          await setRow({ status: "skipped", finishedAt: new Date(), error: { code: "dependency_failed", message, dependency: dep } });
          return "skipped";
        }
      }
      if (abort.signal.aborted) throw abort.signal.reason;
      await setRow({ status: "running", startedAt: row.startedAt ?? new Date() });
      const ctx: ResourceContext = {
        resource,
        lease,
        integration: integration!,
        client,
        // Without this run's System Log events an incremental pass would miss deletions: go full.
        mode:
          run.mode === "incremental" &&
          (step.afterIncremental ?? []).includes("log_events") &&
          (await outcomes.get("log_events")) !== "succeeded"
            ? "full"
            : run.mode,
        runStartedAt: run.startedAt ?? new Date(),
        checkpoint: row.checkpoint,
        scope,
        enteredScope,
        setOutOfScope: async (n) => void (await setRow({ outOfScope: n })),
        commit: makeCommit(lease, resource),
        setExpectedTotal: async (n) => void (await setRow({ expectedTotal: n })),
        note: async (level, kind, message, details) =>
          void (await event({ level, kind, message: `${RESOURCE_LABELS[resource]}: ${message}`, details: { resource, ...details } })),
        signal: abort.signal,
      };
      try {
        const pass = (await inResource(resource, () => step.run(ctx))) ?? run.mode;
        if (step.sweep && pass === "full") {
          // A scope changed since this resource's last full sweep is a deliberate narrowing: what
          // left the scope goes even when that is most of the stored rows (the guard is for a pass
          // that saw nearly nothing by accident, under the same scope).
          const scopeChanged = SCOPED.has(resource) && sweptScope(integration!, resource) !== scopeKey(scopePart(resource, scope));
          const swept = await sweep(lease, resource, step.sweep, { guard: !scopeChanged });
          if (swept.refused) {
            const message = `Did not delete anything: this pass would have deleted ${swept.wouldDelete} of ${swept.live} stored ${RESOURCE_LABELS[resource]} (over 90%). The data is kept; check the app's admin role and scopes.`;
            await event({
              level: "warn",
              kind: "sync.sweep_refused",
              message,
              details: { resource, wouldDelete: swept.wouldDelete, live: swept.live },
            });
            await setRow({
              status: "failed",
              finishedAt: new Date(),
              error: { code: "sweep_refused", message, wouldDelete: swept.wouldDelete, live: swept.live },
            });
            return "failed";
          }
          await analyzeTables(step.sweep);
          if (scopeChanged) {
            await markSweptScope(run.integrationId, resource, scopeKey(scopePart(resource, scope)));
            if (swept.deleted) {
              await event({
                kind: "sync.scope_applied",
                message: `${RESOURCE_LABELS[resource]}: the sync scope changed; ${swept.deleted} stored row(s) now out of scope were removed`,
                details: { resource, deleted: swept.deleted, scope },
              });
            }
          }
        }
        let reconciliation: Record<string, unknown> | null = null;
        if (resource === "memberships") {
          const [{ outOfScope }] = await db
            .select({ outOfScope: syncRunResources.outOfScope })
            .from(syncRunResources)
            .where(and(eq(syncRunResources.runId, runId), eq(syncRunResources.resource, resource)));
          reconciliation = await reconcileMemberships(
            run.integrationId,
            filtersMembers(scope) ? { outOfScope: pass === "full" ? (outOfScope ?? 0) : null } : null,
          );
          if (reconciliation.mismatchedGroups) {
            await event({
              level: "warn",
              kind: "sync.reconciliation_mismatch",
              message: `${reconciliation.mismatchedGroups} group(s) have a different member count in Okta than stored (Okta ${reconciliation.expected}, stored ${reconciliation.stored})`,
              details: reconciliation,
            });
          }
        }
        await setRow({ status: "succeeded", finishedAt: new Date(), reconciliation });
        // The next incremental pass of this resource starts where this run started.
        await markSince(run.integrationId, resource, run.startedAt ?? new Date());
        return "succeeded";
      } catch (e) {
        if (e instanceof LeaseLostError || abort.signal.aborted) throw e;
        const d = describeSyncError(e, resource);
        await event({ level: d.level, kind: d.kind, message: d.message, details: { resource, ...d.error } });
        await setRow({ status: "failed", finishedAt: new Date(), error: d.error, missingScope: d.missingScope ?? null });
        return "failed";
      }
    };
    for (const resource of Object.keys(PLAN) as Resource[]) {
      // Registered before any awaits run, so dependencies can look each other up.
      const p = Promise.resolve().then(() => execute(resource));
      p.catch(() => {});
      outcomes.set(resource, p);
    }
    const results = await Promise.all([...outcomes.entries()].map(async ([resource, p]) => [resource, await p] as const));

    clearInterval(heartbeat);
    await flushCounters(true);
    await recordTelemetryEvents(telemetry, event);
    const considered = results.filter(([resource]) => !opts.only || opts.only.includes(resource));
    const succeeded = considered.filter(([, s]) => s === "succeeded").length;
    const status: RunStatus = succeeded === considered.length ? "succeeded" : succeeded > 0 ? "partial" : "failed";
    const incomplete = considered.filter(([, s]) => s !== "succeeded").map(([r]) => r);
    const error =
      status === "succeeded"
        ? null
        : { code: status, message: `${incomplete.length} of ${considered.length} resources did not complete`, resources: incomplete };
    if (!(await finish(lease, status, error))) return { claimed: true };
    const [summary] = await db
      .select({
        added: sql<number>`coalesce(sum(${syncRunResources.added}), 0)::int`,
        updated: sql<number>`coalesce(sum(${syncRunResources.updated}), 0)::int`,
        deleted: sql<number>`coalesce(sum(${syncRunResources.deleted}), 0)::int`,
        unchanged: sql<number>`coalesce(sum(${syncRunResources.unchanged}), 0)::int`,
      })
      .from(syncRunResources)
      .where(eq(syncRunResources.runId, runId));
    await event({
      level: status === "succeeded" ? "info" : status === "partial" ? "warn" : "error",
      kind: `sync.${status}`,
      message: `Sync ${status === "succeeded" ? "finished" : status}: ${summary.added} added, ${summary.updated} updated, ${summary.deleted} deleted, ${summary.unchanged} unchanged`,
      details: { ...summary, ...totals(telemetry) },
    });
    return { claimed: true, status };
  } catch (e) {
    if (abort.signal.reason instanceof ShutdownError) {
      await handBack(lease).catch((error) => log.warn("could not hand the run back; the reaper will", { runId, error }));
      return { claimed: true };
    }
    if (e instanceof LeaseLostError || abort.signal.aborted) {
      log.info("sync run stopped: lease lost (cancelled or taken over)", { runId });
      return { claimed: true };
    }
    const d = describeSyncError(e, null);
    await event({ level: "error", kind: "sync.failed", message: d.message, details: d.error }).catch(() => {});
    await finish(lease, "failed", d.error).catch((err) => log.error("could not record a failed sync", { runId, error: err }));
    return { claimed: true, status: "failed" };
  } finally {
    clearInterval(heartbeat);
    opts.signal?.removeEventListener("abort", onShutdown);
  }
}

/** What a sync scope can narrow (identity providers and the System Log are never scoped). */
const SCOPED = new Set<Resource>(["users", "groups", "memberships", "apps", "app_assignments", "roles"]);

/** The part of the scope that narrows a resource (a new app choice says nothing about users). */
function scopePart(resource: Resource, scope: SyncScope | null): SyncScope | null {
  if (!scope) return null;
  const users = { groupIds: scope.groupIds, userTypes: scope.userTypes, userStatuses: scope.userStatuses };
  const part: SyncScope =
    resource === "groups"
      ? { groupIds: scope.groupIds }
      : resource === "apps"
        ? { appIds: scope.appIds }
        : resource === "app_assignments"
          ? scope
          : users;
  const defined = Object.fromEntries(Object.entries(part).filter(([, v]) => v !== undefined));
  return Object.keys(defined).length ? defined : null;
}

/** Scoped children read the kept users and groups back from the tables: those steps go first. */
function scopedAfter(resource: Resource, scope: SyncScope | null): Resource[] {
  const deps: Resource[] = [];
  if ((resource === "app_assignments" || resource === "roles") && restrictsUsers(scope)) deps.push("users");
  if (resource === "app_assignments" && restrictsGroups(scope)) deps.push("groups");
  return deps;
}

/** The scope of the resource's last full sweep ("{}" = everything, also for integrations that never had one). */
function sweptScope(integration: Integration, resource: Resource): string {
  const swept = ((integration.cursors ?? {}) as { scopeSwept?: Partial<Record<Resource, string>> }).scopeSwept;
  return swept?.[resource] ?? scopeKey(null);
}

async function markSweptScope(integrationId: string, resource: Resource, key: string) {
  await getDb()
    .update(integrations)
    .set({
      cursors: sql`jsonb_set(${integrations.cursors}, '{scopeSwept}', coalesce(${integrations.cursors}->'scopeSwept', '{}'::jsonb) || jsonb_build_object(${resource}::text, ${key}::text))`,
    })
    .where(eq(integrations.id, integrationId));
}

async function markSince(integrationId: string, resource: Resource, startedAt: Date) {
  await getDb()
    .update(integrations)
    .set({
      cursors: sql`jsonb_set(${integrations.cursors}, '{since}', coalesce(${integrations.cursors}->'since', '{}'::jsonb) || jsonb_build_object(${resource}::text, ${startedAt.toISOString()}::text))`,
    })
    // A sync scope changed after this run started (it applied the old one): no mark, so the next
    // run makes the full pass that applies the new scope.
    .where(
      and(
        eq(integrations.id, integrationId),
        sql`coalesce((${integrations.cursors}->>'scopeChangedAt')::timestamptz, '-infinity'::timestamptz) <= ${startedAt.toISOString()}::timestamptz`,
      ),
    );
}

/** Releases the lease and re-queues the run so any worker resumes it from its checkpoints now. */
async function handBack(lease: Lease) {
  const released = await getDb()
    .update(syncRuns)
    .set({ status: "queued", leaseOwner: null, heartbeatAt: null })
    .where(and(eq(syncRuns.id, lease.runId), eq(syncRuns.leaseOwner, lease.leaseOwner), eq(syncRuns.status, "running")))
    .returning({ id: syncRuns.id });
  if (!released.length) return;
  await recordEvent({
    workspaceId: lease.workspaceId,
    integrationId: lease.integrationId,
    runId: lease.runId,
    kind: "sync.handed_back",
    message: "The worker stopped; the run went back to the queue and will resume from its checkpoints",
  });
  await enqueueSyncRun(lease.runId);
}

/** Ends the run if this worker still holds it; false when it was cancelled or taken over. */
async function finish(lease: Lease, status: RunStatus, error: Record<string, unknown> | null) {
  return getDb().transaction(async (tx) => {
    const done = await tx
      .update(syncRuns)
      .set({ status, finishedAt: new Date(), leaseOwner: null, error })
      .where(and(eq(syncRuns.id, lease.runId), eq(syncRuns.leaseOwner, lease.leaseOwner), eq(syncRuns.status, "running")))
      .returning({ id: syncRuns.id });
    if (!done.length) return false;
    // Resources the run never reached (it failed before them) are closed too.
    await tx
      .update(syncRunResources)
      .set({ status: "skipped", finishedAt: new Date(), error: { code: "run_ended", message: "The run ended before this resource ran" } })
      .where(and(eq(syncRunResources.runId, lease.runId), inArray(syncRunResources.status, ["pending", "running"])));
    return true;
  });
}

async function recordTelemetryEvents(
  t: RunTelemetry,
  event: (e: Omit<Parameters<typeof recordEvent>[0], "workspaceId" | "integrationId" | "runId">) => Promise<unknown>,
) {
  const buckets = [...t.perBucket.entries()].filter(([, b]) => b.waits > 0);
  if (buckets.length) {
    const waits429 = buckets.reduce((a, [, b]) => a + b.waits429, 0);
    const waits = buckets.reduce((a, [, b]) => a + b.waits, 0);
    const seconds = Math.round(buckets.reduce((a, [, b]) => a + b.waitMs, 0) / 1000);
    await event({
      level: waits429 ? "warn" : "info",
      kind: "sync.rate_limit_waits",
      message: `Waited ${waits} time(s) (${seconds} s in total) to stay within Okta's rate limits${waits429 ? `, ${waits429} after a 429` : ""}`,
      details: { buckets: Object.fromEntries(buckets.map(([k, b]) => [k, { ...b, waitMs: Math.round(b.waitMs) }])) },
    });
  }
  for (const r of t.tokenRefreshes) {
    await event({
      kind: "sync.token_refreshed",
      message: `Access token refreshed (${r.reason === "401" ? "Okta answered 401" : "it expired"}); the sync went on`,
      details: { reason: r.reason },
    });
  }
  if (t.retries.length) {
    await event({
      kind: "sync.retries",
      message: `Retried ${t.retries.length}${t.retries.length === 100 ? "+" : ""} request(s) after transient failures (5xx, timeouts, resets)`,
      details: { sample: t.retries.slice(0, 10) },
    });
  }
}
