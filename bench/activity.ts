// The Activity page at scale: seeds a System Log of --events events (five sixths in one workspace with
// two integrations, the rest in another; a busy service account; Okta's raw event on every row) into
// a fresh database, then runs every filter through the same verbs the API uses, prints p50/p95 per
// case and the plan of each page query (EXPLAIN ANALYZE: the indexes it used, rows it read and threw
// away, any sequential scan).
//   npx tsx bench/activity.ts [--events 1000000] [--runs 9] [--keep]
//   npx tsx bench/activity.ts --reuse postgres://…/osc_bench_act_…   (time a kept database again)
// DATABASE_URL set: a throw-away database is created on that server (dropped unless --keep).
// Unset: an embedded Postgres in a temp directory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";

const { values: args } = parseArgs({
  options: {
    events: { type: "string", default: "1000000" },
    runs: { type: "string", default: "9" },
    keep: { type: "boolean", default: false },
    reuse: { type: "string" },
  },
});

const WS = "aaaaaaaa-0000-4000-8000-000000000001";
const OTHER_WS = "bbbbbbbb-0000-4000-8000-000000000002";

async function database() {
  if (args.reuse) return { url: args.reuse, where: "reused database", stop: async () => {} };
  const base = process.env.DATABASE_URL;
  if (base) {
    const name = `osc_bench_act_${Date.now().toString(36)}`;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      where: `${u.host} (database ${name})`,
      stop: async () => {
        if (args.keep) return console.log(`\nkept database ${u.toString()}`);
        const a = postgres(base, { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists "${name}" with (force)`);
        await a.end();
      },
    };
  }
  const { freePort, startEmbeddedPostgres } = await import("@/db/embedded");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osc-bench-act-"));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dir: path.join(dir, "data"), port: await freePort(), persistent: false, database: "bench" });
  return { url: pg.url, where: "embedded Postgres", stop: () => pg.stop() };
}

/** The log, in SQL: event types weighted as the emulator weights them, 20k people (a few much busier), 40 apps, 2,000 groups, 90 days. */
async function seed(sql: postgres.Sql, n: number) {
  await sql.unsafe(`
    insert into workspaces (id, name) values ('${WS}', 'bench'), ('${OTHER_WS}', 'other');
    insert into integrations (id, workspace_id, name, domain, auth_method) values
      ('aaaaaaaa-1111-4000-8000-000000000001', '${WS}', 'a1', 'https://a1.okta.com', 'api_token'),
      ('aaaaaaaa-1111-4000-8000-000000000002', '${WS}', 'a2', 'https://a2.okta.com', 'api_token'),
      ('bbbbbbbb-1111-4000-8000-000000000001', '${OTHER_WS}', 'b1', 'https://b1.okta.com', 'api_token');
    create temp table types(i int, t text, w float);
    insert into types values (0,'user.session.start',40),(1,'user.authentication.sso',34),(2,'user.authentication.auth_via_mfa',9),
      (3,'user.account.update_profile',1.5),(4,'group.user_membership.add',2.5),(5,'group.user_membership.remove',1),
      (6,'application.user_membership.add',1.8),(7,'user.session.end',1.5),(8,'user.account.lock',0.4),(9,'user.lifecycle.suspend',0.05),
      (10,'user.account.privilege.grant',0.01),(11,'system.rate_limit.violation',0.002);
    create temp table cum as select i, t, sum(w) over (order by i) / sum(w) over () as hi from types;`);
  await sql.unsafe(`
    insert into okta_log_events (workspace_id, integration_id, uuid, published, event_type, severity, outcome_result, outcome_reason,
      display_message, actor_id, actor_type, actor_alternate_id, actor_display_name, target_app_id, target_app_name, targets, client_ip,
      city, state, country, user_agent, raw)
    select ws, integ, gen_random_uuid()::text, now() - (g * (90 * 86400.0 / ${n})) * interval '1 second', ty,
      case when o = 'FAILURE' then 'WARN' else 'INFO' end, o, case when o = 'FAILURE' then 'INVALID_CREDENTIALS' end, ty,
      actor, case when actor like '0oa%' then 'PublicClientApp' else 'User' end,
      case when actor like '0oa%' then actor else 'user' || u || '@acme.com' end, case when actor like '0oa%' then 'Provisioner' else 'User ' || u end,
      case when ty = 'user.authentication.sso' then '0oa' || lpad(app::text, 17, '0') end,
      case when ty = 'user.authentication.sso' then 'App ' || app end,
      case when ty = 'user.authentication.sso' then jsonb_build_array(
             jsonb_build_object('id', '0oa' || lpad(app::text, 17, '0'), 'type', 'AppInstance', 'alternateId', 'App ' || app, 'displayName', 'App ' || app),
             jsonb_build_object('id', '00u' || lpad(u::text, 17, '0'), 'type', 'AppUser', 'alternateId', 'user' || u || '@acme.com', 'displayName', 'User ' || u))
           when ty like 'group.%' then jsonb_build_array(
             jsonb_build_object('id', '00u' || lpad(u2::text, 17, '0'), 'type', 'User', 'alternateId', 'user' || u2 || '@acme.com', 'displayName', 'User ' || u2),
             jsonb_build_object('id', '00g' || lpad(grp::text, 17, '0'), 'type', 'UserGroup', 'alternateId', 'unknown', 'displayName', 'group-' || grp))
           when ty in ('user.session.start', 'user.session.end', 'system.rate_limit.violation') then '[]'::jsonb
           else jsonb_build_array(jsonb_build_object('id', '00u' || lpad(u2::text, 17, '0'), 'type', 'User', 'alternateId', 'user' || u2 || '@acme.com', 'displayName', 'User ' || u2)) end,
      '203.0.113.' || (u % 250), 'Lisbon', null, 'Portugal', 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_4) Chrome/124.0',
      jsonb_build_object('uuid', g, 'eventType', ty, 'debugContext', jsonb_build_object('debugData', jsonb_build_object('pad', repeat(md5(g::text), 25))))
    from (
      select g, ws, integ, ty, o, u, u2, app, grp,
        -- group changes and profile updates of the big workspace come from one API client (a provisioning tool)
        case when ws = '${WS}' and (ty like 'group.%' or ty = 'user.account.update_profile') then '0oaSERVICE0000000001'
             else '00u' || lpad(u::text, 17, '0') end actor
      from (
        select g, case when g % 6 = 0 then '${OTHER_WS}'::uuid else '${WS}'::uuid end ws,
          case when g % 6 = 0 then 'bbbbbbbb-1111-4000-8000-000000000001'::uuid when g % 6 = 1 then 'aaaaaaaa-1111-4000-8000-000000000002'::uuid
               else 'aaaaaaaa-1111-4000-8000-000000000001'::uuid end integ,
          (select t from cum where cum.hi >= r1 order by i limit 1) ty,
          case when r2 < 0.04 then 'FAILURE' when r2 < 0.0405 then 'DENY' else 'SUCCESS' end o,
          (floor(power(random(), 2) * 20000))::int u, (floor(random() * 20000))::int u2, (floor(random() * 40))::int app, (floor(random() * 2000))::int grp
        from (select g, random() r1, random() r2 from generate_series(1, ${n}) g) s
      ) x
    ) y`);
  await sql.unsafe("vacuum analyze okta_log_events");
}

function percentiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { p50: at(0.5), p95: at(0.95) };
}

interface PlanNode {
  "Node Type": string;
  "Index Name"?: string;
  "Actual Rows"?: number;
  "Rows Removed by Filter"?: number;
  Plans?: PlanNode[];
}
/** "Limit > Index Scan Backward (okta_log_events_workspace_actor_idx, 52 rows)": the plan in one line. */
function summarize(node: PlanNode): string {
  const idx = node["Index Name"] ? ` ${node["Index Name"]}` : "";
  const removed = node["Rows Removed by Filter"] ? `, ${node["Rows Removed by Filter"]} filtered out` : "";
  const here = `${node["Node Type"]}${idx ? ` (${idx.trim()}, ${node["Actual Rows"]} rows${removed})` : ""}`;
  const kids = (node.Plans ?? []).map(summarize);
  return kids.length ? `${here} > ${kids.length > 1 ? `[${kids.join(" | ")}]` : kids[0]}` : here;
}

async function main() {
  const db = await database();
  process.env.DATABASE_URL = db.url;
  try {
    const { migrateDatabase } = await import("@/db/migrate");
    await migrateDatabase(db.url);
    const admin = postgres(db.url, { max: 1, onnotice: () => {} });
    if (!args.reuse) {
      console.log(`Seeding ${Number(args.events).toLocaleString()} System Log events into ${db.where}…`);
      const t = performance.now();
      await seed(admin, Number(args.events));
      console.log(`  seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const [size] = await admin`select count(*)::int n, pg_size_pretty(pg_total_relation_size('okta_log_events')) size from okta_log_events`;
    console.log(`  ${size.n.toLocaleString()} events, table and indexes ${size.size}`);

    const { drizzle } = await import("drizzle-orm/postgres-js");
    const { schema } = await import("@/db");
    const { listActivity } = await import("@/lib/activity/list-activity");
    const { getActivityEvent } = await import("@/lib/activity/get-activity-event");
    const { listEventTypeNames } = await import("@/lib/activity/list-event-type-names");
    const { listEventTypes } = await import("@/lib/activity/list-event-types");
    const { exportActivityCsv } = await import("@/lib/activity/export-activity-csv");
    const { activityFilters, activityQuery } = await import("@/lib/activity/contracts");

    // The verbs run on a client that records their statements, so each case's page query can be explained.
    const client = postgres(db.url, { max: 2, onnotice: () => {} });
    let seen: { query: string; params: unknown[] }[] = [];
    const logged = drizzle(client, {
      schema,
      casing: "snake_case",
      logger: { logQuery: (query, params) => void seen.push({ query, params }) },
    });
    const ctx = { actor: null, workspaceId: WS, db: logged };
    const page = (q: Record<string, unknown>) => listActivity({ ctx, input: activityQuery.parse(q) });

    const [someone] =
      await admin`select actor_alternate_id login, actor_id id from okta_log_events where workspace_id = ${WS} and actor_type = 'User' group by 1, 2 order by count(*) desc limit 1`;
    const [anEvent] = await admin`select uuid from okta_log_events where workspace_id = ${WS} order by published limit 1 offset 1000`;
    const day = 86_400_000;
    const first = await page({});
    const second = await page({ cursor: first.nextCursor });

    const cases: [string, () => Promise<unknown>][] = [
      ["newest first, first page", () => page({})],
      ["third page (cursor)", () => page({ cursor: second.nextCursor })],
      ["outcome=FAILURE (4%)", () => page({ outcome: "FAILURE" })],
      ["outcome=DENY (0.05%)", () => page({ outcome: "DENY" })],
      ["eventType=user.session.start (40%)", () => page({ eventType: "user.session.start" })],
      ["eventType=user.account.privilege.grant (0.01%)", () => page({ eventType: "user.account.privilege.grant" })],
      ["actor=service account id (its ~60k events)", () => page({ actor: "0oaSERVICE0000000001" })],
      [`actor=login in capitals (${someone.login})`, () => page({ actor: someone.login.toUpperCase() })],
      ["actor=part of a name (a rare one)", () => page({ actor: "user 1999" })],
      ["actor=part of a name (a common one)", () => page({ actor: "acme" })],
      ["actor=part of a name that nobody has", () => page({ actor: "nobody-here" })],
      ["target=an app by id (~0.8%)", () => page({ target: "0oa00000000000000003" })],
      ["target=a group by name (rare)", () => page({ target: "group-77" })],
      ["target=a person by id", () => page({ target: "00u00000000000000123" })],
      [
        "from/to: two days, 60 days ago",
        () => page({ from: new Date(Date.now() - 60 * day).toISOString(), to: new Date(Date.now() - 58 * day).toISOString() }),
      ],
      ["actor + outcome=FAILURE", () => page({ actor: someone.id, outcome: "FAILURE" })],
      [
        "target group + eventType + 30 days",
        () => page({ target: "group-77", eventType: "group.user_membership.add", from: new Date(Date.now() - 30 * day).toISOString() }),
      ],
      ["one event by id (GET /api/activity/{id})", () => getActivityEvent({ ctx, input: { id: anEvent.uuid } })],
      ["event types for the picker (skip scan)", () => listEventTypeNames({ ctx })],
      ["event types with counts (GET /api/activity/event-types)", () => listEventTypes({ ctx })],
    ];

    const runs = Number(args.runs);
    console.log(`\n${"case".padEnd(58)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)}  plan of the last statement`);
    for (const [name, run] of cases) {
      await run(); // warm
      const times: number[] = [];
      for (let i = 0; i < runs; i++) {
        seen = [];
        const t = performance.now();
        await run();
        times.push(performance.now() - t);
      }
      // The last statement that read the log (the event page also looks its people up in the directory).
      const last = seen.findLast((s) => s.query.includes('"okta_log_events"') || s.query.includes("okta_log_events "))!;
      const [row] = await client.unsafe(`explain (analyze, format json) ${last.query}`, last.params as never[]);
      const plan = (row["QUERY PLAN"] as { Plan: PlanNode }[])[0].Plan;
      const { p50, p95 } = percentiles(times);
      const line = summarize(plan);
      console.log(
        `${name.padEnd(58)} ${p50.toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)}  ${line}${/Seq Scan/.test(line) ? "  ← SEQUENTIAL SCAN" : ""}`,
      );
    }

    // A CSV export of a filtered view: every failure (4% of the workspace), read to the end.
    const mem0 = process.memoryUsage().rss;
    let t = performance.now();
    const { stream } = exportActivityCsv({ ctx, input: activityFilters.parse({ outcome: "FAILURE" }) });
    let bytes = 0;
    let lines = 0;
    let peak = 0;
    for await (const chunk of stream as unknown as AsyncIterable<Uint8Array>) {
      bytes += chunk.byteLength;
      for (const b of chunk) if (b === 10) lines++;
      peak = Math.max(peak, process.memoryUsage().rss - mem0);
    }
    t = performance.now() - t;
    console.log(
      `\nCSV of outcome=FAILURE: ${(lines - 1).toLocaleString()} rows, ${(bytes / 1e6).toFixed(1)} MB in ${(t / 1000).toFixed(1)} s; resident memory grew by at most ${(peak / 1e6).toFixed(0)} MB`,
    );
    await client.end();
    await admin.end();
  } finally {
    const { closeDb } = await import("@/db");
    await closeDb();
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
