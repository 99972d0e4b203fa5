// What a resource syncer gets: the run's lease, the Okta client, its stored checkpoint, a way to
// commit pages, and per-resource accounting of requests, rate-limit waits and retries (attributed by
// AsyncLocalStorage, so parallel resources sharing one client and one governor are told apart).
import { AsyncLocalStorage } from "node:async_hooks";
import type { Integration, Resource, RunMode } from "@/db/schema";
import type { EventKind } from "@/lib/integrations/event-kinds";
import type { OktaClient, OktaClientEvents } from "@/lib/okta/client";
import type { DataIssues } from "./data-issues";
import type { SyncScope } from "./scope-contract";
import { commitPage, type Lease, type PageCommit, type PageWrite, type WriteResult } from "./upsert-batch";

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

/** At most this many rows, and parents' checkpoint entries, go into one merged commit. */
const MERGE_ROWS = 5000;
const MERGE_SETS = 40;

type CommitInput = Omit<PageCommit, "resource">;
interface Queued {
  page: CommitInput;
  resolve: (r: WriteResult) => void;
  reject: (e: unknown) => void;
}

const rowsOf = (p: CommitInput) => p.writes.reduce((n, w) => n + w.rows.length, 0);
const setsOf = (p: CommitInput) => {
  const c = p.checkpoint;
  if (c === undefined) return [];
  if (c && "setPath" in c) return [{ path: c.setPath, value: c.value }];
  if (c && "set" in c) return c.set;
  return null; // replace, advance, null: committed on its own, in order
};

/**
 * Commits the resource's pages, marks progress and tells the event log about cleaned and quarantined
 * objects. One commit of a resource is in flight at a time; the pages its parallel parents (members
 * of six groups, assignments of several apps) hand in meanwhile are merged into the next commit: one
 * transaction and one statement per table for all of them, their checkpoint entries set together.
 * The pages of one resource serialised on its counters row anyway; merged, a first import of a large
 * tenant makes a fraction of the commits (each costs the database a few milliseconds of its own).
 * Every caller waits for the commit that holds its page, so a parent's work ends only once its pages
 * are stored, and the walk's watermark (`advance`, never merged) moves only past stored parents.
 */
export function makeCommit(lease: Lease, resource: Resource, progress: Progress, issues: DataIssues) {
  const queue: Queued[] = [];
  let draining = false;
  const take = (): Queued[] => {
    const first = queue.shift()!;
    const batch = [first];
    if (setsOf(first.page) === null) return batch;
    let rows = rowsOf(first.page);
    let sets = setsOf(first.page)!.length;
    while (queue.length) {
      const next = queue[0].page;
      const nextSets = setsOf(next);
      if (nextSets === null || !!next.appendOnly !== !!first.page.appendOnly) break;
      if (rows + rowsOf(next) > MERGE_ROWS || sets + nextSets.length > MERGE_SETS) break;
      rows += rowsOf(next);
      sets += nextSets.length;
      batch.push(queue.shift()!);
    }
    return batch;
  };
  const drain = async () => {
    draining = true;
    while (queue.length) {
      const batch = take();
      try {
        const result = await commitPage(lease, { ...mergePages(batch.map((b) => b.page)), resource });
        progress.mark();
        if (result.cleaned.length || result.quarantined.length) await issues.record(result);
        for (const b of batch) b.resolve(result);
      } catch (e) {
        for (const b of batch) b.reject(e);
      }
    }
    draining = false;
  };
  return (page: CommitInput) =>
    new Promise<WriteResult>((resolve, reject) => {
      queue.push({ page, resolve, reject });
      if (!draining) void drain();
    });
}

/** Pages merged into one commit: the rows of each table together, counters summed, checkpoint entries set in order. */
function mergePages(pages: CommitInput[]): CommitInput {
  if (pages.length === 1) return pages[0];
  const writes = new Map<string, PageWrite>();
  for (const p of pages)
    for (const w of p.writes) {
      const to = writes.get(w.spec.table);
      if (to) to.rows = to.rows.concat(w.rows);
      else writes.set(w.spec.table, { spec: w.spec, rows: w.rows });
    }
  const sum = (f: (p: CommitInput) => number | undefined) =>
    pages.some((p) => f(p) !== undefined) ? pages.reduce((n, p) => n + (f(p) ?? 0), 0) : undefined;
  const sets = pages.flatMap((p) => setsOf(p) ?? []);
  return {
    writes: [...writes.values()],
    pages: sum((p) => p.pages),
    objects: sum((p) => p.objects),
    outOfScope: sum((p) => p.outOfScope),
    appendOnly: pages[0].appendOnly,
    checkpoint: sets.length ? { set: sets } : undefined,
  };
}
