// Checks every external value passes before zod and Postgres see it: Postgres text cannot hold a NUL
// or a lone UTF-16 surrogate, and its timestamps have no year 0, so either would surface as a 500.
import { z } from "zod";

export const MIN_YEAR = 1970;
export const MAX_YEAR = 9999;

/** Why a string cannot be stored as text, or null when it can. */
export function textProblem(s: string): string | null {
  if (s.includes("\u0000")) return "must not contain a NUL character (\\u0000 or %00)";
  // With the u flag, \p{Surrogate} matches only a surrogate that is not half of a pair.
  if (/\p{Surrogate}/u.test(s)) return "must be valid Unicode (it holds a lone surrogate)";
  return null;
}

interface Walk {
  value: unknown;
  key?: string | number;
  parent?: Walk;
}
/** The path from the root to `w`; past 32 levels the rest is "…", so an error names a field, not a novel. */
function pathOf(w: Walk): (string | number)[] {
  const path: (string | number)[] = [];
  for (let at: Walk | undefined = w; at?.parent; at = at.parent) path.push(at.key as string | number);
  path.reverse();
  return path.length > 32 ? [...path.slice(0, 32), "…"] : path;
}

/**
 * The first string (value or object key) in `value` that cannot be stored, with its path. Walked with
 * a stack of its own and parent links, so a body nested 100,000 deep costs linear time, not a stack
 * overflow.
 */
export function findBadText(value: unknown): { path: (string | number)[]; message: string } | null {
  const stack: Walk[] = [{ value }];
  for (let w = stack.pop(); w; w = stack.pop()) {
    const v = w.value;
    if (typeof v === "string") {
      const message = textProblem(v);
      if (message) return { path: pathOf(w), message };
    } else if (Array.isArray(v)) {
      for (let i = v.length - 1; i >= 0; i--) stack.push({ value: v[i], key: i, parent: w });
    } else if (v && typeof v === "object") {
      for (const [key, child] of Object.entries(v).reverse()) {
        const keyProblem = textProblem(key);
        if (keyProblem) return { path: pathOf(w), message: `field names ${keyProblem}` };
        stack.push({ value: child, key, parent: w });
      }
    }
  }
  return null;
}

/**
 * Whether JSON text could decode to a string `findBadText` refuses. A NUL or a lone surrogate can come
 * only from the character itself or from a `\u` escape of it, so text with neither holds none, and a
 * large body (an event hook delivery) need not be walked value by value. Conservative: an escaped
 * backslash before `u0000`, or a valid surrogate pair written as escapes, still answers true.
 */
export function jsonMayHoldBadText(text: string): boolean {
  if (text.includes("\u0000") || /\\u(?:0000|[dD][89a-fA-F])/.test(text)) return true;
  // The unicode-aware test is slow on a long text (a 90 kB delivery: 0.4 ms); most hold no surrogate at all.
  return /[\uD800-\uDFFF]/.test(text) && /\p{Surrogate}/u.test(text);
}

/**
 * Whether a date string, ISO 8601 or Postgres' text form (`2024-05-01T10:00:00Z`,
 * `2024-05-01 10:00:00.123456+00`), starts with a real calendar day in MIN_YEAR..MAX_YEAR.
 */
export function isDateInRange(s: string): boolean {
  const m = /^(\d{4})-(\d\d)-(\d\d)(?=$|[T ])/.exec(s);
  if (!m) return false;
  const [year, month, day] = [Number(m[1]), Number(m[2]), Number(m[3])];
  if (year < MIN_YEAR || year > MAX_YEAR) return false;
  const d = new Date(Date.UTC(year, month - 1, day));
  return d.getUTCMonth() === month - 1 && d.getUTCDate() === day;
}

const DATE_MESSAGE = `must be a date between ${MIN_YEAR} and ${MAX_YEAR}`;

/** An ISO 8601 date-time from outside (a query, a cursor, an Okta event), in range and parseable. */
export const isoDateTime = () => z.string().refine((s) => isDateInRange(s) && !Number.isNaN(Date.parse(s)), DATE_MESSAGE);

/** A string from outside that Postgres can store as text, for values that reach SQL without parseInput (cursors). */
export const storableText = () =>
  z.string().superRefine((s, ctx) => {
    const problem = textProblem(s);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
