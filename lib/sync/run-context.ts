// What a resource syncer gets: the run's lease, the Okta client, its stored checkpoint, a way to
// commit pages, and per-resource accounting of requests, rate-limit waits and retries (attributed by
// AsyncLocalStorage, so parallel resources sharing one client and one governor are told apart).
import { AsyncLocalStorage } from "node:async_hooks";
import type { Integration, Resource, RunMode } from "@/db/schema";
import type { EventKind } from "@/lib/integrations/event-kinds";
import type { OktaClient, OktaClientEvents } from "@/lib/okta/client";
import type { DataIssues } from "./data-issues";
import type { SyncScope } from "./scope-contract";
import { commitPage, type Lease, type PageCommit, type WriteResult } from "./upsert-batch";

export interface ResourceStats {
  requests: number;
  rateLimitWaits: number;
  rateLimitWaitMs: number;
  waits429: number;
  retries: number;
}
const zeroStats = (): ResourceStats => ({ requests: 0, rateLimitWaits: 0, rateLimitWaitMs: 0, waits429: 0, retries: 0 });

export interface RunTelemetry {
  perResource: Map<Resource, ResourceStats>;
  perBucket: Map<string, { requests: number; waits: number; waitMs: number; waits429: number }>;
  tokenRefreshes: { reason: string; at: Date }[];
  retries: { url: string; attempt: number; reason: string }[];
}

/** The run's requests, rate-limit waits and retries, over all its resources. */
export function telemetryTotals(t: RunTelemetry) {
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

const current = new AsyncLocalStorage<Resource>();

export function createTelemetry(): { telemetry: RunTelemetry; events: OktaClientEvents } {
  const telemetry: RunTelemetry = { perResource: new Map(), perBucket: new Map(), tokenRefreshes: [], retries: [] };
  const res = () => {
    const r = current.getStore();
    if (!r) return undefined;
    const s = telemetry.perResource.get(r) ?? zeroStats();
    telemetry.perResource.set(r, s);
    return s;
  };
  const bucket = (b: string) => {
    const s = telemetry.perBucket.get(b) ?? { requests: 0, waits: 0, waitMs: 0, waits429: 0 };
    telemetry.perBucket.set(b, s);
    return s;
  };
  const events: OktaClientEvents = {
    onRequest: (e) => {
      const r = res();
      if (r) r.requests++;
      bucket(e.bucket).requests++;
    },
    onRateLimitWait: (e) => {
      const r = res();
      if (r) {
        r.rateLimitWaits++;
        r.rateLimitWaitMs += e.waitMs;
        if (e.reason === "429") r.waits429++;
      }
      const b = bucket(e.bucket);
      b.waits++;
      b.waitMs += e.waitMs;
      if (e.reason === "429") b.waits429++;
    },
    onRetry: (e) => {
      const r = res();
      if (r) r.retries++;
      // Paths only: cursors in query strings are noise, never secrets, but keep events short.
      if (telemetry.retries.length < 100) telemetry.retries.push({ url: e.url.split("?")[0], attempt: e.attempt, reason: e.reason });
    },
    onTokenRefresh: (e) => {
      if (e.reason !== "initial") telemetry.tokenRefreshes.push({ reason: e.reason, at: new Date() });
    },
  };
  return { telemetry, events };
}

export interface ResourceContext {
  resource: Resource;
  lease: Lease;
  integration: Integration;
  client: OktaClient;
  mode: RunMode;
  /** When this run first started (a resumed run keeps it). */
  runStartedAt: Date;
  /** The checkpoint stored by an earlier attempt of this run (null on a fresh start). */
  checkpoint: unknown;
  commit(page: Omit<PageCommit, "resource">): Promise<WriteResult>;
  /** The integration's sync scope as this run applies it (null = everything). */
  scope: SyncScope | null;
  /**
   * Users an incremental pass of this run brought into a scoped integration's copy (e.g. unsuspended
   * under a status scope): the later steps read their memberships, assignments and roles. In memory:
   * a run resumed by another worker leaves them to the next full pass.
   */
  enteredScope: Set<string>;
  /** Sets how many objects Okta had that the scope left out (replaces page-by-page counts). */
  setOutOfScope(n: number | null): Promise<void>;
  /** Sets the resource's expected total (Okta-reported) for the progress bar. */
  setExpectedTotal(n: number | null): Promise<void>;
  /** Non-fatal notes for the event log (e.g. invalid objects skipped). */
  note(level: "info" | "warn", kind: EventKind, message: string, details?: Record<string, unknown>): Promise<void>;
  signal: AbortSignal;
}

export function inResource<T>(resource: Resource, fn: () => Promise<T>): Promise<T> {
  return current.run(resource, fn);
}

/**
 * Whether the run got anywhere since the heartbeat last looked: page commits and finished resources
 * mark it, the heartbeat moves sync_runs.progress_at when it was marked (lease.ts). A run whose
 * worker beats but never marks is stuck, and is taken over after SYNC_STALL_SECONDS.
 */
export class Progress {
  private moved = false;
  mark() {
    this.moved = true;
  }
  take() {
    const moved = this.moved;
    this.moved = false;
    return moved;
  }
}

/** Commits a page of the resource, marks progress and tells the event log about cleaned and quarantined objects. */
export function makeCommit(lease: Lease, resource: Resource, progress: Progress, issues: DataIssues) {
  return async (page: Omit<PageCommit, "resource">) => {
    const result = await commitPage(lease, { ...page, resource });
    progress.mark();
    if (result.cleaned.length || result.quarantined.length) await issues.record(result);
    return result;
  };
}
