// Every route under app/api, found by walking the tree (a new route is covered without being named),
// called as a signed-in admin with a corpus of bad inputs in each path parameter, each declared
// query field and each declared body field: no answer may be a 500, and a refused request must leave
// the database exactly as it was.
import { readdirSync } from "node:fs";
import path from "node:path";
import { sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import type { ZodType } from "zod";
import { getDb } from "@/db";
import { syncRuns } from "@/db/schema";
import { FOLDED_TABLES } from "@/lib/overview/compact-counts";
import { callRoute, type RouteHandler } from "@/test/call-route";
import { seedDirectory } from "@/test/directory-fixtures";
import { createApiKey, createUser } from "@/test/factories";
import { sessionCookie } from "@/test/session-cookie";
import type { RouteInputs } from "./route";

const API_DIR = path.resolve(import.meta.dirname, "../../app/api");
const METHODS = ["GET", "POST", "PUT", "PATCH", "DELETE"] as const;

/** `activity/route.ts` → `/api/activity`; dynamic segments stay as `[id]`. */
const ROUTES = (readdirSync(API_DIR, { recursive: true }) as string[])
  .filter((f) => path.basename(f) === "route.ts")
  .map((f) => ({ file: path.join(API_DIR, f), path: `/api/${path.dirname(f).split(path.sep).join("/")}` }))
  .sort((a, b) => a.path.localeCompare(b.path));

const b64 = (v: unknown) => Buffer.from(JSON.stringify(v)).toString("base64url");
const UUID = "3f2c8a4e-1b7d-4c2a-9e5f-0a1b2c3d4e5f";

// Strings: every query value and path segment is one; bodies get them too.
const STRINGS = [
  "\u0000",
  "a\u0000b",
  "%00",
  "x".repeat(100_000),
  "\ud800",
  "tail \udfff",
  "\u202e\u200b\ufeff\u0301",
  "𝔘𝔫𝔦 🏳️‍🌈 é",
  "'; drop table users; --",
  "../../etc/passwd",
  "",
  " ",
  "-1",
  "1e400",
  "99999999999999999999",
  "NaN",
  "0000-01-01T00:00:00.000Z",
  "10000-01-01T00:00:00Z",
  "2024-02-30",
  "true",
  "[object Object]",
  // Cursors in every shape the lists use, holding values Postgres cannot take.
  b64(["0000-01-01T00:00:00.000000Z", UUID, "x"]),
  b64(["2024-01-01T00:00:00.000000Z", UUID, "a\u0000"]),
  b64([1e20]),
  b64([-1]),
  b64([UUID.toUpperCase()]),
  b64({ s: "name", o: "asc", k: ["0000-01-01 00:00:00+00", UUID, UUID] }),
  b64({ s: "lastSignIn", o: "desc", k: ["0000-01-01 00:00:00+00", UUID, UUID] }),
  b64({ s: "name", o: "asc", k: ["\u0000", UUID, UUID] }),
  b64({ s: "name", o: "asc", k: ["99999999999999999999", UUID, UUID] }),
];
// Body values: the strings plus wrong types, out-of-range numbers and deep nesting.
const VALUES: unknown[] = [
  ...STRINGS,
  0,
  -1,
  1.5,
  1e308,
  -1e308,
  2 ** 63,
  true,
  null,
  {},
  [],
  ["\u0000"],
  { "\u0000": 1 },
  { a: { b: { c: "\u0000" } } },
  Array.from({ length: 2000 }, (_, i) => `v${i}`),
];
// Whole bodies that are not an object of fields at all (raw text, sent as application/json).
const RAW_BODIES = ['"\\u0000"', "[]", "1", "null", "true", '{"a":', `${"[".repeat(50_000)}${"]".repeat(50_000)}`, '{"\\u0000":1}'];

interface ZodDef {
  type: string;
  shape?: Record<string, unknown>;
  in?: ZodType;
  options?: ZodType[];
  innerType?: ZodType;
  left?: ZodType;
  right?: ZodType;
}
/** The field names an input schema declares, through optional/default/pipe/union wrappers. */
function keysOf(schema: ZodType | undefined): string[] {
  if (!schema) return [];
  const def = (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
  if (def.type === "object") return Object.keys(def.shape ?? {});
  const inner = [def.in, def.innerType, def.left, def.right, ...(def.options ?? [])].filter(Boolean) as ZodType[];
  return [...new Set(inner.flatMap(keysOf))];
}

/** A schema that declares an object with no fields at all (a route that takes no query: `z.object({}).strict()`). */
function declaresNoFields(schema: ZodType) {
  const def = (schema as unknown as { _zod: { def: ZodDef } })._zod.def;
  return def.type === "object" && Object.keys(def.shape ?? {}).length === 0;
}

/** One hash of every public table's rows that belong to the workspace (whole tables that belong to none). */
async function workspaceHasher(workspaceId: string) {
  const db = getDb();
  const cols = await db.execute<{ table: string; column: string }>(sql`
    select c.table_name as "table", c.column_name as "column" from information_schema.columns c
    join information_schema.tables t using (table_schema, table_name)
    where c.table_schema = 'public' and t.table_type = 'BASE TABLE' and c.column_name in ('id', 'workspace_id', 'integration_id', 'run_id')`);
  const tables = new Map<string, Set<string>>();
  for (const c of cols) tables.set(c.table, (tables.get(c.table) ?? new Set()).add(c.column));
  const ws = `'${workspaceId}'::uuid`;
  const parts = [...tables].map(([table, has]) => {
    const where = has.has("workspace_id")
      ? `workspace_id = ${ws}`
      : has.has("integration_id")
        ? `integration_id in (select id from integrations where workspace_id = ${ws})`
        : has.has("run_id")
          ? `run_id in (select id from sync_runs where workspace_id = ${ws})`
          : table === "workspaces"
            ? `id = ${ws}`
            : "true";
    // A delta table's content is its sums per key: the scheduler tick of another test may fold its rows meanwhile.
    const folded = FOLDED_TABLES.find((f) => f.table === table);
    const rows = folded
      ? `(select integration_id, ${folded.key}, sum(n) as n from "${table}" where ${where} group by integration_id, ${folded.key} having sum(n) <> 0)`
      : `(select * from "${table}" where ${where})`;
    // Leaving out what authenticating the request itself writes: a session's last use (touched once a
    // minute, so a route fuzzed for longer than that touches it on some refused request) and an API key's.
    const row = `(to_jsonb(t) - 'last_seen_at' - 'last_used_at')::text`;
    return `select '${table}' as n, md5(coalesce(string_agg(${row}, '|' order by ${row}), '')) as h from ${rows} t`;
  });
  const query = `select md5(string_agg(n || h, ',' order by n)) as hash from (${parts.join(" union all ")}) x`;
  return async () => ((await db.$client.unsafe(query)) as unknown as { hash: string }[])[0].hash;
}

/** A workspace with an admin, a synced directory, a run and an API key: the ids a route's other segments need. */
async function seed() {
  const dir = await seedDirectory({ users: 4, groups: 3, apps: 2, signInsPerUser: 1, domain: "http://127.0.0.1:9" });
  const admin = await createUser(dir.workspaceId, "admin");
  await createApiKey(dir.workspaceId, admin.id);
  const [run] = await getDb()
    .insert(syncRuns)
    .values({ workspaceId: dir.workspaceId, integrationId: dir.integration.id, trigger: "manual", status: "succeeded" })
    .returning();
  const keyId = (await getDb().execute<{ id: string }>(sql`select id from api_keys where user_id = ${admin.id}`))[0].id;
  return { dir, admin, run, keyId, cookie: await sessionCookie(admin.id) };
}
type Seeded = Awaited<ReturnType<typeof seed>>;

/** A valid value for each dynamic segment, so a case makes only the field under test bad. */
function validParams(routePath: string, s: Seeded): Record<string, string> {
  const id = routePath.startsWith("/api/api-keys/") ? s.keyId : routePath.startsWith("/api/users/") ? s.admin.id : s.dir.integration.id;
  return {
    id,
    integrationId: s.dir.integration.id,
    runId: s.run.id,
    userId: s.dir.users[0].id,
    groupId: s.dir.groups[0].id,
    appId: s.dir.apps[0].id,
    nextauth: "session",
  };
}

const segmentsOf = (routePath: string) => [...routePath.matchAll(/\[(?:\.\.\.)?(\w+)\]/g)].map((m) => m[1]);

describe.each(ROUTES)("$path", (r) => {
  // A route with many fields (the approval policy: one per action kind) sends hundreds of requests.
  it("answers bad input in every field with a 4xx, never a 500, and changes nothing when it refuses", { timeout: 240_000 }, async () => {
    const mod = (await import(/* @vite-ignore */ r.file)) as Record<string, unknown>;
    const methods = METHODS.filter((m) => typeof mod[m] === "function").sort((a, b) => Number(a === "DELETE") - Number(b === "DELETE"));
    expect(methods.length, "a route module exports at least one handler").toBeGreaterThan(0);
    const s = await seed();
    const hash = await workspaceHasher(s.dir.workspaceId);
    const segments = segmentsOf(r.path);
    const failures: string[] = [];
    let calls = 0;
    let state = await hash();

    for (const method of methods) {
      const handler = mod[method] as RouteHandler & { inputs?: RouteInputs };
      const inputs = handler.inputs ?? {};
      const call = async (what: string, o: { params?: Record<string, string>; query?: Record<string, string>; body?: unknown }) => {
        const params = { ...validParams(r.path, s), ...o.params };
        let url = r.path.replace(/\[(?:\.\.\.)?(\w+)\]/g, (_, name: string) => encodeURIComponent(params[name].toWellFormed()));
        if (o.query) url += `?${new URLSearchParams(o.query)}`;
        const res = await callRoute(handler, url, {
          method,
          params: Object.fromEntries(segments.map((n) => [n, params[n]])),
          body: o.body,
          headers: { cookie: s.cookie, origin: "http://localhost" },
        });
        calls++;
        const text = await res.text();
        if (res.status >= 500) failures.push(`${method} ${what}: ${res.status} ${text.slice(0, 200)}`);
        // A request that succeeded may change things (a valid odd name is saved); a refused one may not.
        const after = await hash();
        if (res.status >= 400 && after !== state) failures.push(`${method} ${what}: refused with ${res.status} but changed the database`);
        state = after;
      };
      const show = (v: unknown) => JSON.stringify(v)?.slice(0, 40);

      for (const name of segments) for (const v of STRINGS) await call(`path ${name}=${show(v)}`, { params: { [name]: v } });
      const queryKeys = keysOf(inputs.query);
      if (inputs.query && !declaresNoFields(inputs.query))
        expect(queryKeys.length, `${method}: the query schema's fields are found`).toBeGreaterThan(0);
      if (inputs.body && !declaresNoFields(inputs.body))
        expect(keysOf(inputs.body).length, `${method}: the body schema's fields are found`).toBeGreaterThan(0);
      for (const key of queryKeys) for (const v of STRINGS) await call(`query ${key}=${show(v)}`, { query: { [key]: v } });
      // Declared or not: a route without a query schema ignores the query, one with a strict schema refuses unknown keys.
      await call("undeclared query fields", { query: { "a\u0000": "\u0000", zz: "x".repeat(10_000) } });
      if (inputs.body) {
        for (const key of keysOf(inputs.body)) for (const v of VALUES) await call(`body ${key}=${show(v)}`, { body: { [key]: v } });
        for (const raw of RAW_BODIES) await call(`raw body ${raw.slice(0, 20)}`, { body: raw });
      }
    }
    expect(failures).toEqual([]);
    expect(calls, "the route took at least one bad input").toBeGreaterThan(0);
  });
});
