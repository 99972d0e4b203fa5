// The two shapes every resource is made of:
//  - walkList: one Okta list followed page by page; the checkpoint is the next link, committed with
//    the page, so a resumed run continues from the page after the last one written.
//  - walkParents: a child list per parent (members per group, assignments per app), parents read
//    from our own tables in id order, several in flight. The checkpoint is a low watermark (`after`:
//    every parent up to it is complete) plus the next link of each parent in flight above it.
import type { ZodType } from "zod";
import { getDb } from "@/db";
import { OktaApiError } from "@/lib/okta/errors";
import { readAhead } from "@/lib/read-ahead";
import type { ResourceContext } from "../run-context";
import type { TableSpec } from "../tables";

type Query = Record<string, string | number | undefined>;
export type Row = Record<string, unknown>;

export interface ParsedPage<R> {
  rows: R[];
  invalid: number;
}

/** Parses a page leniently: an object that fails its schema is skipped and counted, never fatal. */
export function parseItems<T, R>(items: unknown[], schema: ZodType<T>, toRow: (item: T) => R): ParsedPage<R> {
  const rows: R[] = [];
  let invalid = 0;
  for (const item of items) {
    const p = schema.safeParse(item);
    if (p.success) rows.push(toRow(p.data));
    else invalid++;
  }
  return { rows, invalid };
}

export class InvalidObjects {
  count = 0;
  add(n: number) {
    this.count += n;
  }
  async report(ctx: ResourceContext, what: string) {
    if (this.count > 0) {
      await ctx.note(
        "warn",
        "sync.invalid_objects",
        `Skipped ${this.count} ${what} that Okta returned without the fields we need (for example an id)`,
        { count: this.count },
      );
    }
  }
}

export function throwIfAborted(ctx: ResourceContext) {
  if (ctx.signal.aborted) throw ctx.signal.reason ?? new Error("aborted");
}

export interface ListCheckpoint {
  next?: string | null;
  done?: boolean;
}

export async function walkList<T>(
  ctx: ResourceContext,
  opts: {
    path: string;
    query: Query;
    schema: ZodType<T>;
    toRow: (item: T) => Row;
    spec: TableSpec;
    what: string;
    appendOnly?: boolean;
    /** The sync scope: rows it rejects are not written; `countOutOfScope` adds them to out_of_scope. */
    keep?: (row: Row) => boolean;
    countOutOfScope?: boolean;
    /** Rows `keep` rejected, page by page (e.g. to delete stored rows that left the scope). */
    onRejected?: (rows: Row[]) => Promise<void>;
    /** Rows about to be written, page by page, before the commit. */
    onKept?: (rows: Row[]) => Promise<void>;
  },
): Promise<{ lastNext: string | null }> {
  const cp = (ctx.checkpoint ?? {}) as ListCheckpoint;
  if (cp.done) return { lastNext: cp.next ?? null };
  const invalid = new InvalidObjects();
  let lastNext: string | null = null;
  // The next page is fetched while this one is written.
  const pages = readAhead(cp.next ? ctx.client.pages<unknown>(cp.next) : ctx.client.pages<unknown>(opts.path, opts.query));
  for await (const page of pages) {
    throwIfAborted(ctx);
    const parsed = parseItems(page.items, opts.schema, opts.toRow);
    invalid.add(parsed.invalid);
    const rows = opts.keep ? parsed.rows.filter(opts.keep) : parsed.rows;
    const rejected = opts.keep ? parsed.rows.filter((r) => !opts.keep!(r)) : [];
    if (rejected.length && opts.onRejected) await opts.onRejected(rejected);
    if (rows.length && opts.onKept) await opts.onKept(rows);
    lastNext = page.nextUrl;
    const last = page.items.length === 0 || !page.nextUrl;
    await ctx.commit({
      writes: [{ spec: opts.spec, rows }],
      appendOnly: opts.appendOnly,
      pages: 1,
      objects: rows.length,
      outOfScope: opts.countOutOfScope ? rejected.length : undefined,
      checkpoint: { replace: last ? { done: true, next: page.nextUrl } : { next: page.nextUrl } },
    });
  }
  await invalid.report(ctx, opts.what);
  return { lastNext };
}

export interface ParentCheckpoint {
  after?: string | null;
  inflight?: Record<string, unknown>;
}

/** Runs `work` for every parent with id > the stored watermark, `concurrency` at a time. */
export async function walkParents<P extends { id: string }>(
  ctx: ResourceContext,
  opts: {
    parents: (after: string | null) => AsyncIterable<P>;
    concurrency: number;
    /** `state` is this parent's stored in-flight entry (undefined when not started). */
    work: (parent: P, state: unknown) => Promise<void>;
  },
) {
  const cp = (ctx.checkpoint ?? {}) as ParentCheckpoint;
  const inflight = cp.inflight ?? {};
  const order: { id: string; done: boolean }[] = [];
  const running = new Set<Promise<void>>();
  let failure: unknown = null;
  let popped: string[] = [];

  const advance = async (force: boolean) => {
    while (order.length && order[0].done) popped.push(order.shift()!.id);
    if (popped.length && (force || popped.length >= 25)) {
      const ids = popped;
      popped = [];
      await ctx.commit({ writes: [], checkpoint: { advance: ids[ids.length - 1], remove: ids } });
    }
  };

  for await (const parent of opts.parents(cp.after ?? null)) {
    if (failure) break;
    throwIfAborted(ctx);
    const entry = { id: parent.id, done: false };
    order.push(entry);
    const p: Promise<void> = opts
      .work(parent, inflight[parent.id])
      .then(() => {
        entry.done = true;
      })
      .catch((e) => {
        failure ??= e;
      })
      .finally(() => running.delete(p));
    running.add(p);
    if (running.size >= opts.concurrency) await Promise.race(running);
    if (!failure) await advance(false);
  }
  await Promise.all(running);
  if (failure) throw failure;
  await advance(true);
}

/** Live rows of a directory table in id order, read in keyset pages so memory stays flat. */
export async function* liveParents<P extends { id: string }>(
  table: "okta_groups" | "okta_apps",
  integrationId: string,
  after: string | null,
  columns: string[] = [],
) {
  const sql = getDb().$client;
  let cursor = after;
  for (;;) {
    const rows = (await sql.unsafe(
      `select id${columns.map((c) => `, "${c}"`).join("")} from "${table}"
       where integration_id = $1 and deleted_at is null and ($2::text is null or id > $2::text) order by id limit 500`,
      [integrationId, cursor],
    )) as unknown as P[];
    for (const r of rows) yield r;
    if (rows.length < 500) return;
    cursor = rows[rows.length - 1].id;
  }
}

export function isNotFound(e: unknown) {
  return e instanceof OktaApiError && e.status === 404;
}
