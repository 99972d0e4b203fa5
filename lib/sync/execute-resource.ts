// One resource of a run: waits for the steps it depends on, runs its step from the stored
// checkpoint, sweeps after a full pass (behind the guard), runs the step's hooks and records the
// outcome. A resource that fails is recorded (scope, Okta's errorCode/errorId) and the others go on.
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import type { Resource, ResourceStatus } from "@/db/enums";
import { type Integration, integrations, type SyncRun, type SyncRunResource, syncRunResources } from "@/db/schema";
import { plural } from "@/lib/format";
import type { OktaClient } from "@/lib/okta/client";
import { RESOURCE_REGISTRY } from "@/lib/resources";
import { analyzeTables } from "./analyze-tables";
import { DataIssues } from "./data-issues";
import { describeSyncError } from "./describe-error";
import { type Pass, PLAN, type RunEvent, type Step } from "./plan";
import { inResource, makeCommit, type Progress, type ResourceContext } from "./run-context";
import { type SyncScope, scopeKey } from "./scope-contract";
import { sweep } from "./sweep";
import { type Lease, LeaseLostError } from "./upsert-batch";

/** What every resource of a run shares. */
export interface RunState {
  run: SyncRun;
  lease: Lease;
  integration: Integration;
  client: OktaClient;
  /** The scope as it stood when the run started: a change made during the run applies to the next. */
  scope: SyncScope | null;
  enteredScope: Set<string>;
  /** The run's resource rows as they were when this attempt started (checkpoints, earlier counters). */
  rows: Map<Resource, SyncRunResource>;
  /** Each resource's outcome, registered before any step starts so steps can wait for each other. */
  outcomes: Map<Resource, Promise<ResourceStatus>>;
  /** Resources to run; the rest are skipped (tests). */
  only?: Resource[];
  /** Aborted when the lease is lost or the worker shuts down. */
  signal: AbortSignal;
  event: RunEvent;
  /** Marked by page commits and finished resources; the heartbeat reports it (progress_at). */
  progress: Progress;
  hooks?: RunHooks;
}

/** Points in a run where tests and fault benches act on the world (an event hook arriving mid-run). */
export interface RunHooks {
  /** After a full pass listed everything, before its sweep. */
  beforeSweep?: (resource: Resource) => Promise<void>;
}

const label = (r: Resource) => RESOURCE_REGISTRY[r].label;

export async function executeResource(state: RunState, resource: Resource): Promise<ResourceStatus> {
  const status = await executeResourceSteps(state, resource);
  state.progress.mark();
  return status;
}

async function executeResourceSteps(state: RunState, resource: Resource): Promise<ResourceStatus> {
  const { run, lease, integration, scope, outcomes, signal, event } = state;
  const step = PLAN[resource];
  const info = RESOURCE_REGISTRY[resource];
  const row = state.rows.get(resource);
  if (!row) return "skipped";
  if (row.status === "succeeded" || row.status === "failed" || row.status === "skipped") return row.status;
  const setRow = (values: Partial<typeof syncRunResources.$inferInsert>) =>
    getDb()
      .update(syncRunResources)
      .set(values)
      .where(and(eq(syncRunResources.runId, run.id), eq(syncRunResources.resource, resource)));
  if (state.only && !state.only.includes(resource)) {
    await setRow({ status: "skipped", finishedAt: new Date(), error: { code: "not_requested", message: "Not part of this run" } });
    return "skipped";
  }
  for (const dep of [
    ...(info.after ?? []),
    ...(run.mode === "incremental" ? (info.afterIncremental ?? []) : []),
    ...(step.afterScoped?.(scope) ?? []),
  ])
    await outcomes.get(dep);
  for (const dep of info.needs ?? []) {
    if ((await outcomes.get(dep)) !== "succeeded") {
      const message = `Skipped: needs ${label(dep)}, which did not complete`;
      await setRow({ status: "skipped", finishedAt: new Date(), error: { code: "dependency_failed", message, dependency: dep } });
      return "skipped";
    }
  }
  if (signal.aborted) throw signal.reason;
  await setRow({ status: "running", startedAt: row.startedAt ?? new Date() });
  const note: ResourceContext["note"] = async (level, kind, message, details) =>
    void (await event({ level, kind, message: `${label(resource)}: ${message}`, details: { resource, ...details } }));
  const issues = new DataIssues(note, label(resource));
  const ctx: ResourceContext = {
    resource,
    lease,
    integration,
    client: state.client,
    // Without this run's System Log events an incremental pass would miss deletions: go full.
    mode:
      run.mode === "incremental" &&
      (info.afterIncremental ?? []).includes("log_events") &&
      (await outcomes.get("log_events")) !== "succeeded"
        ? "full"
        : run.mode,
    runStartedAt: run.startedAt ?? new Date(),
    checkpoint: row.checkpoint,
    scope,
    enteredScope: state.enteredScope,
    setOutOfScope: async (n) => void (await setRow({ outOfScope: n })),
    commit: makeCommit(lease, resource, state.progress, issues),
    setExpectedTotal: async (n) => void (await setRow({ expectedTotal: n })),
    note,
    signal,
  };
  try {
    let pass: Pass;
    try {
      pass = (await inResource(resource, () => step.run(ctx))) ?? run.mode;
    } finally {
      if (!signal.aborted) await issues.report();
    }
    if (step.sweep && pass === "full") {
      await state.hooks?.beforeSweep?.(resource);
      const swept = await sweepFullPass(state, resource, step, step.sweep);
      if (swept.refused) {
        await setRow({ status: "failed", finishedAt: new Date(), error: swept.error });
        return "failed";
      }
    }
    const reconciliation = (await step.afterSuccess?.({ ctx, pass, event })) ?? null;
    await setRow({ status: "succeeded", finishedAt: new Date(), reconciliation });
    // The next incremental pass of this resource starts where this run started.
    await markSince(run.integrationId, resource, run.startedAt ?? new Date());
    return "succeeded";
  } catch (e) {
    if (e instanceof LeaseLostError || signal.aborted) throw e;
    const d = describeSyncError(e, resource);
    await event({ level: d.level, kind: d.kind, message: d.message, details: { resource, ...d.error } });
    await setRow({ status: "failed", finishedAt: new Date(), error: d.error, missingScope: d.missingScope ?? null });
    return "failed";
  }
}

/**
 * Soft-deletes what a full pass did not see. A scope changed since this resource's last full sweep
 * is a deliberate narrowing: what left the scope goes even when that is most of the stored rows (the
 * guard is for a pass that saw nearly nothing by accident, under the same scope).
 */
async function sweepFullPass(
  state: RunState,
  resource: Resource,
  step: Step,
  tables: NonNullable<Step["sweep"]>,
): Promise<{ refused: false } | { refused: true; error: Record<string, unknown> }> {
  const { lease, integration, scope, event } = state;
  const key = step.scopePart ? scopeKey(definedPart(step.scopePart, scope)) : null;
  const scopeChanged = key !== null && sweptScope(integration, resource) !== key;
  const swept = await sweep(lease, resource, tables, { guard: !scopeChanged });
  if (swept.refused) {
    const message = `Did not delete anything: this pass would have deleted ${swept.wouldDelete} of ${swept.live} stored ${label(resource)} (over 90%). The data is kept; check the app's admin role and scopes.`;
    await event({
      level: "warn",
      kind: "sync.sweep_refused",
      message,
      details: { resource, wouldDelete: swept.wouldDelete, live: swept.live },
    });
    return { refused: true, error: { code: "sweep_refused", message, wouldDelete: swept.wouldDelete, live: swept.live } };
  }
  await analyzeTables(tables);
  if (key !== null && scopeChanged) {
    await markSweptScope(lease.integrationId, resource, key);
    if (swept.deleted) {
      await event({
        kind: "sync.scope_applied",
        message: `${label(resource)}: the sync scope changed; ${plural(swept.deleted, "stored row")} now out of scope ${swept.deleted === 1 ? "was" : "were"} removed`,
        details: { resource, deleted: swept.deleted, scope },
      });
    }
  }
  return { refused: false };
}

/** The part of the scope that narrows a resource, without unset fields (null = everything). */
function definedPart(part: (s: SyncScope) => SyncScope, scope: SyncScope | null): SyncScope | null {
  if (!scope) return null;
  const defined = Object.fromEntries(Object.entries(part(scope)).filter(([, v]) => v !== undefined));
  return Object.keys(defined).length ? defined : null;
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
