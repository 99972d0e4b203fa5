// The one streaming-and-batching writer every resource uses. A page of Okta objects is committed in
// one transaction together with the resource's counters and checkpoint, so a crash loses at most the
// page in flight and a resumed run continues exactly where the last commit left off.
//
// Per table and page, the rows go to Postgres in one piece, by COPY into a staging table for tables
// with jsonb columns (stage-rows.ts: Postgres then parses each document once) or as one JSON parameter
// for the narrow ones (no staging table to keep), then a single statement:
//   - classifies each incoming row against what is stored: added (new, or revived after a soft
//     delete), updated (content hash differs), unchanged, or already seen by this run (a resumed
//     page: written if needed but not counted twice);
//   - insert ... on conflict do update only the rows that changed;
//   - marks unchanged rows seen (seen_run_id only: a narrow, HOT-friendly update) for the sweep;
//   - logs the added and updated rows, with the fields that changed, as the run's changes (run-changes.ts);
//   - leaves alone a row that another writer (an event hook's or an action's re-read, both fresher than
//     the run's listing) wrote or deleted after the run started: the run's copy of it may be older, so
//     it is only marked seen. The next run, which starts after that write, judges it.
// Data from Okta never fails a page: strings Postgres cannot store are cleaned first
// (clean-values.ts), and when a page still fails for a reason one object's data causes (a value out
// of range, an index entry too large), the page is written again with each part in a savepoint,
// halving the failing parts until the objects at fault stand alone. Those are quarantined: not
// written, their stored copy (if any) kept and marked seen so the sweep does not delete what Okta
// still has, and reported with their key and the reason. Everything else on the page is written.
import { createHash } from "node:crypto";
import type { Sql, TransactionSql } from "postgres";
import { getDb } from "@/db";
import type { Resource } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { cleanValue, mayNeedCleaning } from "./clean-values";
import { retryDeadlocks } from "./retry-deadlocks";
import { upsertChangeCtes } from "./run-changes";
import { copyMayNeedCleaning, copyText, stageRows, stageTable, viaCopy } from "./stage-rows";
import type { TableSpec } from "./tables";

export class LeaseLostError extends Error {
  constructor() {
    super("This worker no longer holds the sync run (it was cancelled, finished or taken over)");
    this.name = "LeaseLostError";
  }
}

export interface Counts {
  added: number;
  updated: number;
  unchanged: number;
}
export const zeroCounts = (): Counts => ({ added: 0, updated: 0, unchanged: 0 });

/** An object that could not be written: its key inside the integration (an Okta id, or ids joined by "/") and why. */
export interface Quarantined {
  key: string;
  /** Postgres's SQLSTATE. */
  code: string;
  reason: string;
  column?: string;
  constraint?: string;
}

export interface WriteResult extends Counts {
  /** Keys of the objects whose strings were cleaned before writing. */
  cleaned: string[];
  quarantined: Quarantined[];
}
const emptyResult = (): WriteResult => ({ ...zeroCounts(), cleaned: [], quarantined: [] });
function addResult(into: WriteResult, r: WriteResult) {
  into.added += r.added;
  into.updated += r.updated;
  into.unchanged += r.unchanged;
  into.cleaned.push(...r.cleaned);
  into.quarantined.push(...r.quarantined);
}

export interface Lease {
  runId: string;
  leaseOwner: string;
  workspaceId: string;
  integrationId: string;
}

/**
 * Where a resource got to. `replace` stores a new checkpoint; `setPath` updates one entry of it and
 * `set` several (the pages of several parents committed together, run-context.ts); `advance` moves a
 * parent walk's watermark and drops the finished parents' entries. All but `replace` are computed
 * inside the UPDATE from the stored checkpoint, so commits of one resource never overwrite each other.
 */
export type CheckpointUpdate =
  | { replace: unknown }
  | { setPath: string[]; value: unknown }
  | { set: { path: string[]; value: unknown }[] }
  | { advance: string; remove: string[] }
  | null;

export interface PageWrite {
  spec: TableSpec;
  rows: Record<string, unknown>[];
}

export interface PageCommit {
  resource: Resource;
  writes: PageWrite[];
  /** Pages and objects this commit accounts for (progress). */
  pages?: number;
  objects?: number;
  checkpoint?: CheckpointUpdate;
  /** Append-only tables (the System Log): insert new keys, never update. */
  appendOnly?: boolean;
  /** Objects of this page the sync scope left out (added to the resource's out_of_scope). */
  outOfScope?: number;
}

const client = (): Sql => getDb().$client;

export function contentHash(row: Record<string, unknown>) {
  return createHash("md5").update(JSON.stringify(row)).digest("base64url");
}

const q = (ident: string) => `"${ident.replace(/"/g, '""')}"`;
const statements = new Map<string, string>();

/**
 * Builds (once per table) the classify-and-write statement, reading the page from the staging table or
 * its JSON parameter. $1 rows staged (or the rows as JSON), $2 integration, $3 workspace, $4 run.
 */
function upsertStatement(spec: TableSpec, appendOnly: boolean): string {
  const cacheKey = `${spec.table}:${appendOnly}`;
  const cached = statements.get(cacheKey);
  if (cached) return cached;
  const cols = Object.keys(spec.columns);
  const recordDef = [...cols.map((c) => `${q(c)} ${spec.columns[c]}`), ...(spec.hashed ? ["content_hash text"] : [])].join(", ");
  const source = viaCopy(spec)
    ? `select * from ${stageTable(spec)} limit $1::int`
    : `select r.*, row_number() over () as osc_ord from json_to_recordset($1::json) as r(${recordDef})`;
  const keyJoin = (a: string, b: string) => spec.key.map((k) => `${a}.${q(k)} = ${b}.${q(k)}`).join(" and ");
  const conflict = ["integration_id", ...spec.key].map(q).join(", ");
  let text: string;
  if (appendOnly) {
    text = `
      with incoming as (${source}),
      written as (
        insert into ${q(spec.table)} (workspace_id, integration_id, ${cols.map(q).join(", ")})
        select $3::uuid, $2::uuid, ${cols.map((c) => `i.${q(c)}`).join(", ")} from incoming i
        on conflict (${conflict}) do nothing
        returning 1
      )
      select (select count(*) from written)::int as added, 0 as updated,
             ((select count(*) from incoming) - (select count(*) from written))::int as unchanged`;
  } else {
    const same = spec.hashed ? "e.live and e.content_hash = i.content_hash" : "e.live";
    // When a row was last written (or deleted) by someone other than this run, as the sweep reads it.
    const written = spec.hashed ? "t.updated_at" : "t.first_seen_at";
    const dataCols = cols.filter((c) => !spec.key.includes(c));
    const sets = [
      ...dataCols.map((c) => `${q(c)} = excluded.${q(c)}`),
      // When a row was last written is what tells a running full pass's sweep to leave it alone
      // (sweep.ts): a hashed row records it in updated_at; a row without a hash is only ever
      // rewritten to revive it, and then counts as first seen again.
      ...(spec.hashed
        ? ["content_hash = excluded.content_hash", "updated_at = now()"]
        : [`first_seen_at = case when ${q(spec.table)}.deleted_at is null then ${q(spec.table)}.first_seen_at else now() end`]),
      // Event-hook writes carry no run: they keep the mark a running full pass may have set.
      `seen_run_id = coalesce(excluded.seen_run_id, ${q(spec.table)}.seen_run_id)`,
      "deleted_at = null",
    ].join(", ");
    text = `
      with incoming as (${source}),
      -- Joined directly (not through a CTE of its own), so each incoming row is one primary-key probe.
      -- The limit (a key matches one row at most) keeps it a probe per row whatever the statistics say:
      -- during a first import they describe a nearly empty table, and the planner hashed all of the
      -- integration's stored rows for every page instead (a page of 190 memberships cost 12 ms, not 6).
      classified as (
        select i.*, coalesce(e.newer, false) or coalesce(${same}, false) as same,
          case when e.newer then 'unchanged' when e.live is null or not e.live then 'added' when e.seen then 'seen'
               when ${spec.hashed ? "e.content_hash is distinct from i.content_hash" : "false"} then 'updated' else 'unchanged' end as cls
        from incoming i
        left join lateral (
          select ${spec.hashed ? "t.content_hash" : "null::text as content_hash"}, t.deleted_at is null as live, t.seen_run_id = $4::uuid as seen,
            $4::uuid is not null and t.seen_run_id is distinct from $4::uuid
              and greatest(${written}, coalesce(t.deleted_at, '-infinity'::timestamptz)) > (select started_at from sync_runs where id = $4::uuid) as newer
          from ${q(spec.table)} t where t.integration_id = $2::uuid and ${keyJoin("t", "i")} limit 1
        ) e on true
      ),
      written as (
        insert into ${q(spec.table)} (workspace_id, integration_id, seen_run_id, ${spec.hashed ? "content_hash, " : ""}${cols.map(q).join(", ")})
        select $3::uuid, $2::uuid, $4::uuid, ${spec.hashed ? "c.content_hash, " : ""}${cols.map((c) => `c.${q(c)}`).join(", ")}
        from classified c where not c.same
        on conflict (${conflict}) do update set ${sets}
        returning 1
      ),
      touched as (
        update ${q(spec.table)} t set seen_run_id = $4::uuid from classified c
        where $4::uuid is not null and c.same and c.cls <> 'seen' and t.integration_id = $2::uuid and ${keyJoin("t", "c")}
        returning 1
      )${upsertChangeCtes(spec.table, dataCols)}
      select count(*) filter (where cls = 'added')::int as added,
             count(*) filter (where cls = 'updated')::int as updated,
             count(*) filter (where cls = 'unchanged')::int as unchanged,
             (select count(*) from written)::int as written, (select count(*) from touched)::int as touched
      from classified`;
  }
  statements.set(cacheKey, text);
  return text;
}

/** Last occurrence wins: one statement cannot upsert the same key twice. */
function dedupe(spec: TableSpec, rows: Record<string, unknown>[]) {
  if (rows.length < 2) return rows;
  const byKey = new Map<string, Record<string, unknown>>();
  for (const r of rows) byKey.set(spec.key.map((k) => String(r[k])).join("\u0000"), r);
  return byKey.size === rows.length ? rows : [...byKey.values()];
}

/** The row's key as the event log names the object: its Okta id, or the ids of a pair joined by "/". */
export const keyOf = (spec: TableSpec, row: Record<string, unknown>) => spec.key.map((k) => String(row[k])).join("/");

/** The page as COPY text (tables with jsonb columns) or as one JSON parameter, each row with its content hash. */
function payload(spec: TableSpec, rows: Record<string, unknown>[]) {
  if (viaCopy(spec)) return copyText(spec, rows, spec.hashed ? rows.map(contentHash) : null);
  return JSON.stringify(spec.hashed ? rows.map((r) => ({ ...r, content_hash: contentHash(r) })) : rows);
}
const needsCleaning = (spec: TableSpec, text: string) => (viaCopy(spec) ? copyMayNeedCleaning(text) : mayNeedCleaning(text));

/**
 * Errors one object's data can cause: Postgres's data exceptions (22…), integrity violations (23…)
 * and program limits such as an index entry too large (54…), and our own JSON encoding failing.
 * Never a timeout, a lost connection or a deadlock: those fail the page as before.
 */
export function isRowSpecific(e: unknown): e is Error & { code: string } {
  if (e instanceof EncodeError) return true;
  const code = (e as { code?: unknown } | null)?.code;
  return e instanceof Error && e.name === "PostgresError" && typeof code === "string" && /^(22|23|54)/.test(code);
}

function quarantined(spec: TableSpec, row: Record<string, unknown>, e: Error & { code: string }): Quarantined {
  const pe = e as Error & { code: string; column_name?: string; constraint_name?: string };
  return {
    key: keyOf(spec, row),
    code: pe.code,
    reason: pe.message.slice(0, 300),
    ...(pe.column_name ? { column: pe.column_name } : {}),
    ...(pe.constraint_name ? { constraint: pe.constraint_name } : {}),
  };
}

/**
 * Holds the run for the rest of the transaction; fails if the run was cancelled or taken over.
 * `for key share` lets the heartbeat's update of the run's counters pass (a `for share` lock made
 * every heartbeat wait for the pages in flight and every later page queue behind it); what must not
 * overlap a page in flight — take-over, reaping, cancelling, handing back — locks the run `for
 * update` first (lockRunsForLeaseChange in lease.ts), which waits for it.
 */
export async function assertLease(tx: TransactionSql, lease: Lease) {
  const rows =
    await tx`select 1 from sync_runs where id = ${lease.runId} and lease_owner = ${lease.leaseOwner} and status = 'running' for key share`;
  if (rows.length === 0) throw new LeaseLostError();
}

/** Who writes: a sync run (its lease), or an event hook applying a re-read (runId null). */
export type Writer = Pick<Lease, "integrationId" | "workspaceId"> & { runId: string | null };

export async function writeRows(tx: TransactionSql, lease: Writer, write: PageWrite, appendOnly = false): Promise<WriteResult> {
  const { spec } = write;
  const { rows, text, cleaned } = encode(spec, dedupe(spec, write.rows));
  if (rows.length === 0) return emptyResult();
  if (viaCopy(spec)) await stageRows(tx, spec, text);
  const params = [viaCopy(spec) ? rows.length : text, lease.integrationId, lease.workspaceId, ...(appendOnly ? [] : [lease.runId])];
  const [res] = await tx.unsafe(upsertStatement(spec, appendOnly), params);
  return { added: res.added, updated: res.updated, unchanged: res.unchanged, cleaned, quarantined: [] };
}

/** The page's COPY text or JSON, with what Postgres cannot store cleaned out (only on a page that needs it). */
function encode(spec: TableSpec, input: Record<string, unknown>[]) {
  let rows = input;
  const cleaned: string[] = [];
  try {
    let text = payload(spec, rows);
    if (needsCleaning(spec, text)) {
      let changed = false;
      const clean = rows.map((r) => {
        const c = cleanValue(r);
        if (c !== r) {
          changed = true;
          cleaned.push(keyOf(spec, c));
        }
        return c;
      });
      if (changed) {
        rows = dedupe(spec, clean);
        text = payload(spec, rows);
      }
    }
    return { rows, text, cleaned };
  } catch (e) {
    // JSON.stringify's own limits (nesting deeper than its stack, a string past V8's maximum):
    // row-specific, or a page too large, and both are what halving the page finds out.
    if (e instanceof RangeError) throw new EncodeError(e.message);
    throw e;
  }
}

class EncodeError extends Error {
  readonly code = "encode_failed";
  constructor(cause: string) {
    super(`The object could not be encoded as JSON: ${cause}`);
    this.name = "EncodeError";
  }
}

/**
 * Writes what can be written, each part in a savepoint: a part that fails for a row-specific reason
 * is halved until the objects at fault stand alone, and those are quarantined (see the header).
 */
export async function writeRowsIsolating(tx: TransactionSql, lease: Writer, write: PageWrite, appendOnly = false): Promise<WriteResult> {
  const { spec } = write;
  const out = emptyResult();
  const attempt = async (part: Record<string, unknown>[]): Promise<void> => {
    try {
      addResult(out, (await tx.savepoint((sp) => writeRows(sp, lease, { spec, rows: part }, appendOnly))) as WriteResult);
    } catch (e) {
      if (!isRowSpecific(e)) throw e;
      if (part.length === 1) {
        out.quarantined.push(quarantined(spec, part[0], e));
        return;
      }
      const mid = part.length >> 1;
      await attempt(part.slice(0, mid));
      await attempt(part.slice(mid));
    }
  };
  await attempt(dedupe(spec, write.rows));
  if (out.quarantined.length && !appendOnly && lease.runId) {
    // What Okta still has is not deleted by the sweep for lack of a writable copy: the stored one stays.
    const keys = out.quarantined.map((x) => Object.fromEntries(spec.key.map((k, i) => [k, x.key.split("/")[i]])));
    const keyDef = spec.key.map((k) => `${q(k)} text`).join(", ");
    await tx
      .savepoint((sp) =>
        sp.unsafe(
          `update ${q(spec.table)} t set seen_run_id = $3::uuid from json_to_recordset($1::json) as k(${keyDef})
           where t.integration_id = $2::uuid and t.deleted_at is null and ${spec.key.map((k) => `t.${q(k)} = k.${q(k)}`).join(" and ")}`,
          [JSON.stringify(keys), lease.integrationId, lease.runId],
        ),
      )
      .catch((e) => {
        if (!isRowSpecific(e)) throw e;
      });
  }
  return out;
}

/** One write in a transaction of its own (event hooks), quarantining what cannot be written. */
export async function writeRowsInOwnTransaction(lease: Writer, write: PageWrite): Promise<WriteResult> {
  const inTransaction = (how: typeof writeRows) =>
    retryDeadlocks(
      `${write.spec.table} re-read`,
      () =>
        client().begin(async (tx) => ((await integrationHeld(tx, lease)) ? how(tx, lease, write) : emptyResult())) as Promise<WriteResult>,
    );
  try {
    return await inTransaction(writeRows);
  } catch (e) {
    if (!isRowSpecific(e)) throw e;
    return inTransaction(writeRowsIsolating);
  }
}

/**
 * Holds the integration until the transaction ends, so it cannot be deleted under the rows being
 * written (the directory tables have no foreign key, see db/schema/directory.ts); false when it is
 * gone, and nothing is written. A sync page needs no such lock: its lease check holds the run, whose
 * row the integration's deletion must delete first.
 */
async function integrationHeld(tx: TransactionSql, writer: Writer) {
  const rows = await tx`select 1 from integrations where id = ${writer.integrationId} for key share`;
  return rows.length > 0;
}

function checkpointSql(update: CheckpointUpdate | undefined, params: unknown[]) {
  if (update === undefined) return "checkpoint";
  if (update === null) return "null";
  if ("advance" in update) {
    params.push(update.remove, update.advance);
    const n = params.length;
    return `jsonb_set(jsonb_set(coalesce(checkpoint, '{}'::jsonb), '{inflight}', coalesce(checkpoint->'inflight', '{}'::jsonb) - $${n - 1}::text[]), '{after}', to_jsonb($${n}::text))`;
  }
  if ("replace" in update) {
    params.push(JSON.stringify(update.replace));
    return `$${params.length}::jsonb`;
  }
  return setPathsSql("set" in update ? update.set : [{ path: update.setPath, value: update.value }], params);
}

type PathTree = Map<string, PathTree | { value: unknown }>;

/**
 * Sets each path to its value (later ones win), creating the objects on the way: every object on a
 * path is the stored one (or {} if it is missing or not an object) merged with its new keys. Every
 * level reads the stored checkpoint, not the one being built, so the expression grows with the
 * number of paths, not exponentially.
 */
function setPathsSql(sets: { path: string[]; value: unknown }[], params: unknown[]) {
  const root: PathTree = new Map();
  for (const { path, value } of sets) {
    let node = root;
    for (const key of path.slice(0, -1)) {
      const child = node.get(key);
      const next: PathTree = child instanceof Map ? child : new Map();
      node.set(key, next);
      node = next;
    }
    node.set(path[path.length - 1], { value });
  }
  const param = (v: unknown, type: string) => {
    params.push(v);
    return `$${params.length}::${type}`;
  };
  const build = (node: PathTree, stored: string): string => {
    const pairs = [...node].map(([key, child]) => {
      const k = param(key, "text");
      return `${k}, ${child instanceof Map ? build(child, `${stored}->${k}`) : param(JSON.stringify(child.value), "jsonb")}`;
    });
    return `(case when jsonb_typeof(${stored}) = 'object' then ${stored} else '{}'::jsonb end || jsonb_build_object(${pairs.join(", ")}))`;
  };
  return build(root, "checkpoint");
}

/**
 * The batch writer's transaction settings, in one round trip: asynchronous commit, and its own
 * statement timeout (longer than the pool's: a sweep or a large page may take a while, but a write
 * stuck on a lock still fails instead of holding the run forever). With SYNC_WRITE_SLOTS, the
 * transaction also takes one of that many write slots (transaction advisory locks, shared by every
 * worker on the database): the first free one in the same round trip, else it waits for one (under
 * the writer's timeout). Taken before anything else, so a waiting writer holds no other lock.
 */
export async function writerSettings(tx: TransactionSql, opts: { asyncCommit: boolean }) {
  const env = getEnv();
  const slots = env.SYNC_WRITE_SLOTS;
  const [row] = await tx`select set_config('statement_timeout', ${String(env.DB_WRITE_STATEMENT_TIMEOUT_MS)}, true)${
    opts.asyncCommit ? tx`, set_config('synchronous_commit', 'off', true)` : tx``
  }${
    slots > 0
      ? tx`, exists (select from generate_series(0, ${slots - 1}::int) s where pg_try_advisory_xact_lock(${WRITE_SLOT_LOCK}::int, s)) as slot`
      : tx``
  }`;
  if (slots > 0 && !row.slot) await tx`select pg_advisory_xact_lock(${WRITE_SLOT_LOCK}::int, ${Math.floor(Math.random() * slots)}::int)`;
}

/** The first key of the write slots' advisory locks (the second is a slot's number); 7240xx as elsewhere. */
export const WRITE_SLOT_LOCK = 724017;

/**
 * Commits one page: lease check, row writes, counters and checkpoint, all or nothing. Commits are
 * asynchronous (no WAL flush wait): a database crash can lose only the last pages together with
 * their checkpoint, and the resumed run reads them again. A page that fails for one object's data is
 * committed again with that object quarantined (see the header).
 */
export async function commitPage(lease: Lease, page: PageCommit): Promise<WriteResult> {
  try {
    return await commitOnce(lease, page, writeRows);
  } catch (e) {
    if (!isRowSpecific(e) || page.writes.every((w) => w.rows.length === 0)) throw e;
    return commitOnce(lease, page, writeRowsIsolating);
  }
}

/**
 * A run's write in a transaction of its own: the writer's settings, the lease check, then `body`;
 * run again if Postgres aborts it to break a deadlock (retry-deadlocks.ts). Page commits, sweeps and
 * incremental deletions all go through here.
 */
export function leasedTransaction<T>(
  lease: Lease,
  what: string,
  opts: { asyncCommit: boolean },
  body: (tx: TransactionSql) => Promise<T>,
): Promise<T> {
  return retryDeadlocks(
    what,
    () =>
      client().begin(async (tx) => {
        await writerSettings(tx, opts);
        await assertLease(tx, lease);
        return body(tx);
      }) as Promise<T>,
  );
}

function commitOnce(lease: Lease, page: PageCommit, write: typeof writeRows): Promise<WriteResult> {
  return leasedTransaction(lease, `page of ${page.resource}`, { asyncCommit: true }, async (tx) => {
    const total = emptyResult();
    for (const w of page.writes) addResult(total, await write(tx, lease, w, page.appendOnly));
    const params: unknown[] = [lease.runId, page.resource, page.pages ?? 0, page.objects ?? 0, total.added, total.updated, total.unchanged];
    const cp = checkpointSql(page.checkpoint, params);
    let scoped = "";
    if (page.outOfScope !== undefined) {
      params.push(page.outOfScope);
      scoped = `, out_of_scope = coalesce(out_of_scope, 0) + $${params.length}::int`;
    }
    await tx.unsafe(
      `update sync_run_resources set pages = pages + $3, objects = objects + $4, added = added + $5, updated = updated + $6,
         unchanged = unchanged + $7, checkpoint = ${cp}${scoped} where run_id = $1 and resource = $2`,
      params as never[],
    );
    return total;
  });
}

/** Updates only the checkpoint (e.g. a chunk of parents finished), under the lease. */
export async function saveCheckpoint(lease: Lease, resource: Resource, checkpoint: CheckpointUpdate) {
  await commitPage(lease, { resource, writes: [], checkpoint });
}
