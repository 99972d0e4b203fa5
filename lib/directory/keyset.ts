// Keyset (cursor) pagination for the directory lists. A list is ordered by one or more sort keys and
// then (integration_id, id), which is unique within a workspace, so a page boundary is a single row
// comparison the sort index can seek to. The cursor is opaque base64url JSON holding the last row's
// keys in Postgres' text form, cast back to their type when compared, so values round-trip exactly.
import { type SQL, type SQLWrapper, sql } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { isDateInRange, textProblem } from "@/lib/api/safe-input";
import { AppError } from "@/lib/errors";
import type { Order } from "./contracts";

export { defaultOrder } from "./contracts";

export type KeyType = "text" | "uuid" | "timestamptz" | "int";
export interface SortKey {
  expr: SQL;
  type: KeyType;
}

const cursorShape = z.object({ s: z.string(), o: z.enum(["asc", "desc"]), k: z.array(z.string().max(400)).min(1).max(6) });

export function encodeCursor(sort: string, order: Order, keys: string[]): string {
  return Buffer.from(JSON.stringify({ s: sort, o: order, k: keys })).toString("base64url");
}

// A cursor comes back from the client, so each value is checked before Postgres casts it.
const validDate = (v: string) =>
  /^\d{4}-\d\d-\d\d ([01]\d|2[0-3]):[0-5]\d:[0-5]\d(\.\d{1,6})?[+-]\d\d(:\d\d){0,2}$/.test(v)
    ? isDateInRange(v)
    : v === "infinity" || v === "-infinity";
const VALID: Record<KeyType, (v: string) => boolean> = {
  text: (v) => textProblem(v) === null,
  uuid: (v) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(v),
  timestamptz: validDate,
  int: (v) => /^-?\d{1,18}$/.test(v),
};

/** The key values after which the next page starts, or a 400 naming `cursor` when it is not ours. */
export function decodeCursor(cursor: string | undefined, sort: string, order: Order, keys: SortKey[]): string[] | undefined {
  if (!cursor) return undefined;
  let raw: unknown;
  try {
    raw = JSON.parse(Buffer.from(cursor, "base64url").toString("utf8"));
  } catch {
    raw = undefined;
  }
  const parsed = cursorShape.safeParse(raw);
  const fail = (message: string) =>
    new AppError("VALIDATION", `Invalid query: cursor: ${message}`, { fields: [{ field: "cursor", message }] });
  if (!parsed.success || parsed.data.k.length !== keys.length || !keys.every((k, i) => VALID[k.type](parsed.data.k[i]))) {
    throw fail("is not a cursor from this list; start again without it");
  }
  if (parsed.data.s !== sort || parsed.data.o !== order) throw fail("was made for another sort order; start again without it");
  return parsed.data.k;
}

const CASTS: Record<KeyType, SQL> = { text: sql`text`, uuid: sql`uuid`, timestamptz: sql`timestamptz`, int: sql`bigint` };
const cast = (value: string, type: KeyType) => sql`${value}::${CASTS[type]}`;

/** `(k1, k2, …) > (v1, v2, …)` (or `<` descending): rows strictly after the cursor. */
export function afterCursor(keys: SortKey[], values: string[], order: Order): SQL {
  const left = sql.join(
    keys.map((k) => k.expr),
    sql`, `,
  );
  const right = sql.join(
    keys.map((k, i) => cast(values[i], k.type)),
    sql`, `,
  );
  return order === "asc" ? sql`(${left}) > (${right})` : sql`(${left}) < (${right})`;
}

export function orderBy(keys: SortKey[], order: Order): SQL[] {
  return keys.map((k) => (order === "asc" ? sql`${k.expr} asc` : sql`${k.expr} desc`));
}

/**
 * The keys as columns of their own (`keys.k0`, …), so the last row of a page can become the next
 * cursor. Selected as the very expressions the ORDER BY uses, Postgres computes each once per row,
 * which matters for the count keys (a correlated count).
 */
export function keyColumns(keys: SortKey[]): Record<string, SQL<unknown>> {
  return Object.fromEntries(keys.map((k, i) => [`k${i}`, k.expr]));
}

/**
 * Given rows fetched with `limit + 1` and a `keys` object (from keyColumns), the page and the cursor of
 * the row after which the next page starts.
 */
export function toPage<T extends { keys: Record<string, unknown> }>(rows: T[], limit: number, sort: string, order: Order) {
  const more = rows.length > limit;
  const items = more ? rows.slice(0, limit) : rows;
  const last = items.at(-1);
  // postgres.js hands over text, uuid and (through drizzle) timestamptz as Postgres' text form, ints as numbers.
  const values = last ? Object.keys(last.keys).map((_, i) => String(last.keys[`k${i}`])) : [];
  const nextCursor = more && last ? encodeCursor(sort, order, values) : null;
  return { items: items.map(({ keys: _keys, ...rest }) => rest), nextCursor };
}

const escapeLike = (term: string) => term.toLowerCase().replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * Every word of the search must appear in the searchable text (name, email, login, …), which starts
 * with a space. Words of three or more characters match anywhere ("mith" finds Smith); shorter ones
 * match the start of a word ("ol" finds Olivia, not Wilson): a trigram index can answer both, and a
 * one-letter "contains" would match nearly everyone anyway. `startsWithSpace`: okta_users.search_text
 * does; other expressions get one prepended for short words.
 */
export function matchesSearch(searchExpr: SQL, q: string | undefined, startsWithSpace = false): SQL | undefined {
  const words = (q ?? "").split(/\s+/).filter(Boolean).slice(0, 6);
  if (words.length === 0) return undefined;
  const spaced = startsWithSpace ? searchExpr : sql`(' ' || ${searchExpr})`;
  return sql.join(
    words.map((w) => (w.length < 3 ? sql`${spaced} like ${`% ${escapeLike(w)}%`}` : sql`${searchExpr} like ${`%${escapeLike(w)}%`}`)),
    sql` and `,
  );
}

/**
 * The same order, but with the first key wrapped so no index can supply it: the planner then finds the
 * matching rows first (trigram or status index) and sorts them. Values and order are unchanged, so a
 * cursor made in one mode continues correctly in the other.
 */
export function sortAfterFiltering(keys: SortKey[]): SortKey[] {
  const [first, ...rest] = keys;
  const fenced =
    first.type === "timestamptz"
      ? sql`(${first.expr} + interval '0 s')`
      : first.type === "int"
        ? sql`(${first.expr} + 0)`
        : sql`(${first.expr} || '')`;
  return [{ ...first, expr: fenced }, ...rest];
}

/**
 * Above this many matches a filtered list walks its sort index (matches are dense, a page is found
 * after a short walk); at or below it, sorting the matches is cheaper. Walking for a sparse filter
 * whose matches cluster late in the order (searching "olivia" sorted by first name) reads most of the
 * table, which is what this check avoids.
 */
export const SORT_MATCHES_LIMIT = 5000;

/** Rows of the sort order read ahead of a page to see how dense its matches are there (walkOrSort). */
export const WALK_SAMPLE = 2000;
/** The longest walk (rows of the sort order, at the sample's density) still preferred to sorting the matches. */
export const WALK_LIMIT = 10_000;

/**
 * The keys to order a filtered list by, judged where the page starts rather than by how many rows
 * match overall: `sample` selects one boolean column `m` (the row matches the filters) for the next
 * WALK_SAMPLE rows of the sort order (scope and cursor only, as the sort index yields them). When those
 * hold a page's worth (`need` = limit + 1), or the list ends within them, or at their density a page is
 * within WALK_LIMIT rows, walking the index finds it soon (each row walked is one heap read and the
 * filters' probes, ~10 µs); otherwise the matches are sparse there (few overall, or clustered
 * elsewhere in the order: people who never signed in, sorted by last sign-in newest first), and finding
 * them first (status, trigram, role holders) and sorting them is what stays fast. A count of all
 * matches could not tell these apart at a million people: 20,000 locked-out people are too many to call
 * "few" and still none of them is among the first 800,000 by last sign-in.
 */
export async function walkOrSort(keys: SortKey[], sample: SQLWrapper, need: number): Promise<SortKey[]> {
  const [row] = await getDb().execute<{ hits: number; seen: number }>(
    sql`select (count(*) filter (where s.m))::int as hits, count(*)::int as seen from (${sample}) s`,
  );
  if (row.hits >= need || row.seen < WALK_SAMPLE) return keys;
  // At the sample's density, how far the walk would go for a page.
  const walk = row.hits > 0 ? (need * row.seen) / row.hits : Number.POSITIVE_INFINITY;
  // A big page (the CSV export's thousands) may walk further: sorting all the matches again for every
  // page of an export is what costs most there.
  return walk <= Math.max(WALK_LIMIT, 20 * need) ? keys : sortAfterFiltering(keys);
}

/** The keys to order a filtered list by: `matches` is a select of the filtered rows (undefined: unfiltered). */
export async function keysForFilter(keys: SortKey[], matches: SQLWrapper | undefined): Promise<SortKey[]> {
  if (!matches) return keys;
  const [row] = await getDb().execute<{ n: number }>(sql`select count(*)::int as n from (${matches} limit ${SORT_MATCHES_LIMIT + 1}) m`);
  return row.n <= SORT_MATCHES_LIMIT ? sortAfterFiltering(keys) : keys;
}
