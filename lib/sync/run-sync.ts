// The sync job: claims the run (lease.ts), starts every resource's executor at once
// (execute-resource.ts), each waiting for what it depends on, and records the outcome (run-summary.ts).
// Full runs: independent rate-limit buckets run in parallel (users | groups -> memberships | apps ->
// app assignments | idps | logs); roles wait for groups and memberships, whose rows tell it which
// groups to ask. Incremental runs read the System Log first and then apply it: memberships also wait
// for users, app assignments for users, groups and memberships. A scope on users or groups makes app
// assignments and roles wait for those too. The order is the registry's (lib/resources.ts) and the plan's.
// A resource that fails is recorded and the others complete: the run ends partial. A worker told to
// stop hands the run back to the queue; the next one resumes every resource from its checkpoint.
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { RESOURCES, type Resource, type ResourceStatus, type RunStatus } from "@/db/enums";
import { integrations, syncRunResources } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { recordEvent } from "@/lib/integrations/record-event";
import { log } from "@/lib/log";
import type { OktaClient, OktaClientEvents } from "@/lib/okta/client";
import { describeSyncError } from "./describe-error";
import { executeResource, type RunHooks, type RunState } from "./execute-resource";
import { claimRun, finishRun, handBackRun, startHeartbeat } from "./lease";
import type { RunEvent } from "./plan";
import { createTelemetry, Progress } from "./run-context";
import { recordRunSummary, recordTelemetryEvents, runOutcome } from "./run-summary";
import { scopeOf } from "./scope";
import { LeaseLostError } from "./upsert-batch";

/** How the run gets its Okta client (the job passes lib/integrations' loadOktaClient in). */
export type ClientLoader = (integrationId: string, opts: { events: OktaClientEvents }) => Promise<OktaClient>;

export interface RunSyncOptions {
  loadClient: ClientLoader;
  /** Resources to run; the rest are skipped (tests). */
  only?: Resource[];
  /** The worker is shutting down: stop at the next page and hand the run back to the queue. */
  signal?: AbortSignal;
  /** Tests and fault benches: act at fixed points of the run. */
  hooks?: RunHooks;
}

class ShutdownError extends Error {
  constructor() {
    super("worker shutting down");
  }
}

export async function runSync(runId: string, opts: RunSyncOptions): Promise<{ claimed: boolean; status?: RunStatus }> {
  const claimed = await claimRun(runId);
  if (!claimed) return { claimed: false };
  const { run, lease } = claimed;
  const db = getDb();
  const event: RunEvent = (e) => recordEvent({ ...e, workspaceId: run.workspaceId, integrationId: run.integrationId, runId });

  const { telemetry, events } = createTelemetry();
  const abort = new AbortController();
  const onShutdown = () => abort.abort(new ShutdownError());
  if (opts.signal?.aborted) onShutdown();
  opts.signal?.addEventListener("abort", onShutdown, { once: true });
  const rows = new Map((await db.select().from(syncRunResources).where(eq(syncRunResources.runId, runId))).map((r) => [r.resource, r]));
  const progress = new Progress();
  const heartbeat = startHeartbeat({ lease, run, rows, telemetry, progress, onLost: () => abort.abort(new LeaseLostError()) });

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

    let state: RunState;
    try {
      const [integration] = await db.select().from(integrations).where(eq(integrations.id, run.integrationId));
      if (integration?.state !== "connected") throw new AppError("CONFLICT", "the integration is disconnected");
      const client = await opts.loadClient(run.integrationId, { events });
      const outcomes = new Map<Resource, Promise<ResourceStatus>>();
      state = {
        run,
        lease,
        integration,
        client,
        scope: scopeOf(integration),
        enteredScope: new Set(),
        rows,
        outcomes,
        only: opts.only,
        signal: abort.signal,
        event,
        progress,
        hooks: opts.hooks,
      };
    } catch (e) {
      const d = describeSyncError(e, null);
      await event({ level: "error", kind: d.kind, message: d.message, details: d.error });
      await finishRun(lease, "failed", d.error);
      return { claimed: true, status: "failed" };
    }

    for (const resource of RESOURCES) {
      // Registered before any awaits run, so dependencies can look each other up.
      const p = Promise.resolve().then(() => executeResource(state, resource));
      p.catch(() => {});
      state.outcomes.set(resource, p);
    }
    const results = await Promise.all([...state.outcomes].map(async ([resource, p]) => [resource, await p] as const));

    await heartbeat.end();
    await recordTelemetryEvents(telemetry, event);
    const { status, error } = runOutcome(results, opts.only);
    if (!(await finishRun(lease, status, error))) return { claimed: true };
    await recordRunSummary(runId, status, telemetry, event);
    return { claimed: true, status };
  } catch (e) {
    if (abort.signal.reason instanceof ShutdownError) {
      await handBackRun(lease).catch((error) => log.warn("could not hand the run back; the reaper will", { runId, error }));
      return { claimed: true };
    }
    if (e instanceof LeaseLostError || abort.signal.aborted) {
      log.info("sync run stopped: lease lost (cancelled or taken over)", { runId });
      return { claimed: true };
    }
    const d = describeSyncError(e, null);
    await event({ level: "error", kind: "sync.failed", message: d.message, details: d.error }).catch(() => {});
    await finishRun(lease, "failed", d.error).catch((err) => log.error("could not record a failed sync", { runId, error: err }));
    return { claimed: true, status: "failed" };
  } finally {
    heartbeat.stop();
    opts.signal?.removeEventListener("abort", onShutdown);
  }
}
