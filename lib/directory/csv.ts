// CSV per RFC 4180 (quoted when needed, "" inside quotes, CRLF line ends), made safe to open in a
// spreadsheet: a cell that starts like a formula (= + - @, or a tab/CR that some apps strip first) gets
// a leading ' so it is shown as text instead of being evaluated (CSV/formula injection).
import { readAhead } from "@/lib/read-ahead";

const FORMULA_START = /^[=+\-@\t\r]/;
const NEEDS_QUOTES = /[",\r\n]/;

export function csvCell(value: unknown): string {
  if (value === null || value === undefined) return "";
  let s = value instanceof Date ? value.toISOString() : typeof value === "object" ? JSON.stringify(value) : String(value);
  if (FORMULA_START.test(s)) s = `'${s}`;
  return NEEDS_QUOTES.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function csvLine(values: unknown[]): string {
  return `${values.map(csvCell).join(",")}\r\n`;
}

/**
 * A byte stream of `header` then one line per row, pulling one page at a time from `pages`, so a
 * 100k-row export never holds more than a page in memory and stops querying if the client goes away.
 */
export function csvStream<T>(header: string[], pages: AsyncIterator<T[]>, toLine: (row: T) => unknown[]): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  let started = false;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      if (!started) {
        started = true;
        controller.enqueue(encoder.encode(csvLine(header)));
        return;
      }
      const next = await pages.next();
      if (next.done) return controller.close();
      controller.enqueue(encoder.encode(next.value.map((r) => csvLine(toLine(r))).join("")));
    },
    async cancel() {
      await pages.return?.();
    },
  });
}

type Page<T> = { items: T[]; nextCursor: string | null };

async function* keysetPages<I extends object, T>(
  input: I,
  list: (input: I & { cursor?: string; limit: number }) => Promise<Page<T>>,
  size: number,
) {
  let cursor: string | undefined;
  do {
    const page = await list({ ...input, cursor, limit: size });
    if (page.items.length) yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

/**
 * Every page of a keyset list, `size` rows at a time, for streaming into csvStream. The next page is
 * read while this one is written out (readAhead), so at most two pages are held; a client that goes
 * away stops the walk after the query in flight.
 */
export function allPages<I extends object, T>(
  input: I,
  list: (input: I & { cursor?: string; limit: number }) => Promise<Page<T>>,
  size = 1000,
): AsyncGenerator<T[], void, undefined> {
  return readAhead(keysetPages(input, list, size));
}
