// SCIM-style filter/search expressions as Okta accepts them on users, groups, apps and the System Log.
export type Op = "eq" | "ne" | "co" | "sw" | "ew" | "gt" | "ge" | "lt" | "le" | "pr";
export type Expr =
  | { k: "cmp"; path: string; op: Op; value: string | number | boolean | null }
  | { k: "and" | "or"; l: Expr; r: Expr }
  | { k: "not"; e: Expr };

export class FilterError extends Error {}

const OPS = new Set(["eq", "ne", "co", "sw", "ew", "gt", "ge", "lt", "le", "pr"]);

function tokenize(s: string): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < s.length) {
    const c = s[i];
    if (/\s/.test(c)) {
      i++;
      continue;
    }
    if (c === "(" || c === ")") {
      out.push(c);
      i++;
      continue;
    }
    if (c === '"') {
      let j = i + 1;
      let v = "";
      while (j < s.length && s[j] !== '"') {
        if (s[j] === "\\" && j + 1 < s.length) j++;
        v += s[j++];
      }
      if (j >= s.length) throw new FilterError("Unterminated string");
      out.push(`"${v}`); // leading quote marks a string literal
      i = j + 1;
      continue;
    }
    let j = i;
    while (j < s.length && !/[\s()"]/.test(s[j])) j++;
    out.push(s.slice(i, j));
    i = j;
  }
  return out;
}

export function parseFilter(src: string): Expr {
  const toks = tokenize(src);
  let p = 0;
  const peek = () => toks[p];
  const lower = (x: string | undefined) => x?.toLowerCase();
  function primary(): Expr {
    const t = toks[p++];
    if (t === undefined) throw new FilterError("Unexpected end of expression");
    if (t === "(") {
      const e = orExpr();
      if (toks[p++] !== ")") throw new FilterError("Missing closing parenthesis");
      return e;
    }
    if (lower(t) === "not") {
      if (peek() !== "(") throw new FilterError("not must be followed by (");
      return { k: "not", e: primary() };
    }
    if (t.startsWith('"') || t === ")") throw new FilterError(`Unexpected token ${t}`);
    const op = lower(toks[p++]);
    if (!op || !OPS.has(op)) throw new FilterError(`Invalid operator after ${t}`);
    if (op === "pr") return { k: "cmp", path: t, op: "pr", value: null };
    const v = toks[p++];
    if (v === undefined) throw new FilterError("Missing value");
    let value: string | number | boolean | null;
    if (v.startsWith('"')) value = v.slice(1);
    else if (v === "true" || v === "false") value = v === "true";
    else if (v === "null") value = null;
    else if (/^-?\d+(\.\d+)?$/.test(v)) value = Number(v);
    else throw new FilterError(`Invalid value ${v}`);
    return { k: "cmp", path: t, op: op as Op, value };
  }
  function andExpr(): Expr {
    let l = primary();
    while (lower(peek()) === "and") {
      p++;
      l = { k: "and", l, r: primary() };
    }
    return l;
  }
  function orExpr(): Expr {
    let l = andExpr();
    while (lower(peek()) === "or") {
      p++;
      l = { k: "or", l, r: andExpr() };
    }
    return l;
  }
  const e = orExpr();
  if (p !== toks.length) throw new FilterError(`Unexpected token ${toks[p]}`);
  return e;
}

/** Every comparison in the tree, for per-endpoint validation of attributes and operators. */
export function comparisons(e: Expr, out: Extract<Expr, { k: "cmp" }>[] = []): Extract<Expr, { k: "cmp" }>[] {
  if (e.k === "cmp") out.push(e);
  else if (e.k === "not") comparisons(e.e, out);
  else {
    comparisons(e.l, out);
    comparisons(e.r, out);
  }
  return out;
}

/**
 * The only values `path` can have in an item that matches `e` (compared exactly, as a filter does), or
 * null when any value may match. `id eq "a" or id eq "b"` gives {a, b}; an `and` with such a side gives
 * that side's values. Lets a list look its candidates up by key instead of evaluating every item.
 */
export function eqValues(e: Expr, path: string): Set<string> | null {
  switch (e.k) {
    case "cmp":
      return e.path === path && e.op === "eq" && typeof e.value === "string" ? new Set([e.value]) : null;
    case "not":
      return null;
    case "or": {
      const l = eqValues(e.l, path);
      const r = l && eqValues(e.r, path);
      return l && r ? new Set([...l, ...r]) : null;
    }
    case "and": {
      const l = eqValues(e.l, path);
      const r = eqValues(e.r, path);
      return l && r ? new Set([...l].filter((x) => r.has(x))) : (l ?? r);
    }
  }
}

export const hasNot = (e: Expr): boolean => e.k === "not" || (e.k !== "cmp" && (hasNot(e.l) || hasNot(e.r)));

const ISO = /^\d{4}-\d{2}-\d{2}T/;

function cmpOne(actual: unknown, op: Op, want: unknown, ci: boolean): boolean {
  if (op === "pr") return actual !== null && actual !== undefined && actual !== "";
  if (actual === undefined) return op === "ne";
  if (typeof actual === "number" && typeof want === "string" && ISO.test(want)) {
    const w = Date.parse(want);
    if (Number.isNaN(w)) throw new FilterError(`Invalid date ${want}`);
    want = w;
  }
  if (typeof actual === "string" && typeof want === "string" && ci) {
    actual = actual.toLowerCase();
    want = want.toLowerCase();
  }
  switch (op) {
    case "eq":
      return actual === want;
    case "ne":
      return actual !== want;
    case "co":
      return typeof actual === "string" && typeof want === "string" && actual.includes(want);
    case "sw":
      return typeof actual === "string" && typeof want === "string" && actual.startsWith(want);
    case "ew":
      return typeof actual === "string" && typeof want === "string" && actual.endsWith(want);
    case "gt":
      return actual !== null && want !== null && (actual as number) > (want as number);
    case "ge":
      return actual !== null && want !== null && (actual as number) >= (want as number);
    case "lt":
      return actual !== null && want !== null && (actual as number) < (want as number);
    case "le":
      return actual !== null && want !== null && (actual as number) <= (want as number);
  }
}

/** `get` returns the attribute value, or an array when any element may match (SCIM array semantics). */
export function evaluate(e: Expr, get: (path: string) => unknown, ci: boolean): boolean {
  switch (e.k) {
    case "and":
      return evaluate(e.l, get, ci) && evaluate(e.r, get, ci);
    case "or":
      return evaluate(e.l, get, ci) || evaluate(e.r, get, ci);
    case "not":
      return !evaluate(e.e, get, ci);
    case "cmp": {
      const v = get(e.path);
      if (Array.isArray(v))
        return e.op === "ne" ? v.every((x) => cmpOne(x, "ne", e.value, ci)) : v.some((x) => cmpOne(x, e.op, e.value, ci));
      return cmpOne(v, e.op, e.value, ci);
    }
  }
}

/** Dotted-path lookup over JSON with arrays fanned out (for System Log events). */
export function jsonPath(obj: unknown, path: string): unknown {
  let cur: unknown[] = [obj];
  for (const key of path.split(".")) {
    const next: unknown[] = [];
    for (const c of cur) {
      if (Array.isArray(c)) {
        for (const x of c) if (x && typeof x === "object") next.push((x as Record<string, unknown>)[key]);
      } else if (c && typeof c === "object") next.push((c as Record<string, unknown>)[key]);
    }
    cur = next.flatMap((x) => (Array.isArray(x) ? x : [x]));
  }
  return cur.length === 1 ? cur[0] : cur;
}
