// Small shared helpers: seeded PRNG, Okta-style ids, sorted-array sets, timestamps, JSON responses.

import type http from "node:http";

export type Rng = {
  (): number;
  int(n: number): number;
  pick<T>(a: readonly T[]): T;
  chance(p: number): boolean;
  weighted<T>(items: readonly (readonly [T, number])[]): T;
};

/** mulberry32: fast, tiny state, good enough for synthetic data. */
export function makeRng(seed: number): Rng {
  let s = seed >>> 0;
  const next = (() => {
    s = (s + 0x6d2b79f5) >>> 0;
    let t = s;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }) as Rng;
  next.int = (n) => Math.floor(next() * n);
  next.pick = (a) => a[Math.floor(next() * a.length)];
  next.chance = (p) => next() < p;
  next.weighted = (items) => {
    let total = 0;
    for (const [, w] of items) total += w;
    let r = next() * total;
    for (const [v, w] of items) {
      r -= w;
      if (r < 0) return v;
    }
    return items[items.length - 1][0];
  };
  return next;
}

const B62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

/** Okta ids are 20 characters: a 3-character type prefix and 17 base62 characters. */
export function oktaId(rng: () => number, prefix: string, len = 20): string {
  let s = prefix;
  while (s.length < len) s += B62[Math.floor(rng() * 62)];
  return s;
}

export function randomToken(rng: () => number, len: number): string {
  const chars = `${B62}-_`;
  let s = "";
  for (let i = 0; i < len; i++) s += chars[Math.floor(rng() * chars.length)];
  return s;
}

export function uuidFrom(rng: () => number): string {
  const h = () =>
    Math.floor(rng() * 0x10000)
      .toString(16)
      .padStart(4, "0");
  const v = (0x8000 | Math.floor(rng() * 0x4000)).toString(16);
  return `${h()}${h()}-${h()}-1${h().slice(1)}-${v}-${h()}${h()}${h()}`;
}

export const iso = (ms: number) => new Date(ms).toISOString();
export const isoOrNull = (ms: number | null | undefined) => (ms == null ? null : new Date(ms).toISOString());

/** Binary search over [0, n): first index whose value (as read by `at`) is >= x. */
export function lowerBoundBy(n: number, at: (i: number) => number, x: number): number {
  let lo = 0;
  let hi = n;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at(mid) < x) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

export const lowerBound = (a: ArrayLike<number>, x: number) => lowerBoundBy(a.length, (i) => a[i], x);

export function sortedInsert(a: number[], x: number): boolean {
  const i = lowerBound(a, x);
  if (a[i] === x) return false;
  a.splice(i, 0, x);
  return true;
}

export function sortedRemove(a: number[], x: number): boolean {
  const i = lowerBound(a, x);
  if (a[i] !== x) return false;
  a.splice(i, 1);
  return true;
}

export function sortedHas(a: number[], x: number): boolean {
  const i = lowerBound(a, x);
  return a[i] === x;
}

/** Strips accents so "José Müller" gets the login jose.muller, as most HR feeds do. */
export function asciiFold(s: string): string {
  return s
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/ß/g, "ss")
    .replace(/[øØ]/g, "o")
    .replace(/[łŁ]/g, "l")
    .replace(/[đĐ]/g, "d")
    .replace(/[æÆ]/g, "ae")
    .replace(/[^A-Za-z0-9]/g, "")
    .toLowerCase();
}

/**
 * Answers with `body` as JSON. Encoded once: measuring the string (Buffer.byteLength) and then writing it
 * encoded it twice, a tenth of the emulator's CPU in a large sync (names with accents make the JSON a
 * two-byte string).
 */
export function writeJson(res: http.ServerResponse, status: number, body: unknown) {
  const bytes = Buffer.from(JSON.stringify(body));
  res.statusCode = status;
  res.setHeader("content-type", "application/json");
  res.setHeader("content-length", bytes.length);
  res.end(bytes);
}
