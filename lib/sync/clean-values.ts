// Strings Postgres cannot store, made storable. Two things a JSON string from Okta may hold have no
// place in a Postgres text or jsonb value: the NUL character (`\u0000`: "unsupported Unicode escape
// sequence") and a lone UTF-16 surrogate (no UTF-8 form: "invalid input syntax for type json"). One
// such value used to fail the whole page, so the resource failed on every run and never swept.
// NUL is removed, a lone surrogate becomes U+FFFD (what a UTF-8 decoder shows for it), in values and
// object keys at any depth (profiles are nested jsonb).
//
// Cheap on the hot path: JSON.stringify writes a `\u` escape only for control characters and lone
// surrogates, so the page's JSON text (built anyway to send it) is searched once, and objects are
// walked only on the rare page where it finds one.

const SUSPECT = /\\u(?:0000|d[89a-f])/;

/** True when a JSON text (as JSON.stringify wrote it) may hold a NUL or a lone surrogate. */
export function mayNeedCleaning(json: string): boolean {
  return json.includes("\\u") && SUSPECT.test(json);
}

export function cleanString(s: string): string {
  const r = s.includes("\u0000") ? s.replaceAll("\u0000", "") : s;
  return r.isWellFormed() ? r : r.toWellFormed();
}

/** The value with every string cleaned; the same reference when nothing needed it. */
export function cleanValue<T>(v: T): T {
  if (typeof v === "string") return cleanString(v) as T;
  if (v === null || typeof v !== "object") return v;
  if (Array.isArray(v)) {
    let out: unknown[] | null = null;
    for (let i = 0; i < v.length; i++) {
      const c = cleanValue(v[i]);
      if (c !== v[i]) {
        out ??= v.slice();
        out[i] = c;
      }
    }
    return (out ?? v) as T;
  }
  if (Object.getPrototypeOf(v) !== Object.prototype && Object.getPrototypeOf(v) !== null) return v;
  let changed = false;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const ck = cleanString(k);
    const cx = cleanValue(x);
    if (ck !== k || cx !== x) changed = true;
    // A key that cleaning made equal to another: the later one wins, as in JSON.parse.
    out[ck] = cx;
  }
  return (changed ? out : v) as T;
}
