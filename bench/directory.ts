// Directory lists at scale: seeds a 100k-person org (plus a small second workspace sharing the tables)
// into a fresh database, then times every list, search, filter, detail and export query through the
// same verbs the API uses, and prints p50/p95 per query.
//   npx tsx bench/directory.ts [--users 100000] [--groups 2000] [--apps 20] [--runs 15] [--keep]
//   npx tsx bench/directory.ts --reuse postgres://…/osc_bench_dir_…   (time a kept database again)
//   At 1M: --users 1000000 --keep --seed-only once (people, memberships and assignments generated in SQL,
//   bench/directory-seed.ts), then --reuse <url> --runs 10 --skip-csv [--only 'people:'].
// DATABASE_URL set: a throw-away database is created on that server (dropped unless --keep).
// Unset: an embedded Postgres in a temp directory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import postgres from "postgres";

const { values: args } = parseArgs({
  options: {
    users: { type: "string", default: "100000" },
    groups: { type: "string", default: "2000" },
    apps: { type: "string", default: "20" },
    runs: { type: "string", default: "15" },
    keep: { type: "boolean", default: false },
    reuse: { type: "string" },
    // Seed people, memberships and assignments in SQL (bench/directory-seed.ts); the default from 200k people.
    "sql-seed": { type: "boolean" },
    // Stop after seeding (with --keep: seed once, then time with --reuse).
    "seed-only": { type: "boolean", default: false },
    // Leave out the two whole-org CSV exports at the end (bench/export.ts times the export over HTTP).
    "skip-csv": { type: "boolean", default: false },
    // Only the cases whose label contains this text.
    only: { type: "string" },
  },
});

async function database() {
  if (args.reuse) return { url: args.reuse, where: "reused database", stop: async () => {} };
  const base = process.env.DATABASE_URL;
  if (base) {
    const name = `osc_bench_dir_${Date.now().toString(36)}`;
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
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osc-bench-dir-"));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dir: path.join(dir, "data"), port: await freePort(), persistent: false, database: "bench" });
  return { url: pg.url, where: "embedded Postgres", stop: () => pg.stop() };
}

function percentiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { p50: at(0.5), p95: at(0.95), max: s.at(-1)! };
}

async function main() {
  const db = await database();
  process.env.DATABASE_URL = db.url;
  try {
    const { migrateDatabase } = await import("@/db/migrate");
    await migrateDatabase(db.url);
    const { getDb, closeDb } = await import("@/db");
    const { sql } = await import("drizzle-orm");
    const { seedDirectory } = await import("@/test/directory-fixtures");
    const { systemCtx } = await import("@/lib/context");
    const { listUsers } = await import("@/lib/directory/list-users");
    const { listGroups } = await import("@/lib/directory/list-groups");
    const { listApps } = await import("@/lib/directory/list-apps");
    const { getUser } = await import("@/lib/directory/get-user");
    const { getGroup } = await import("@/lib/directory/get-group");
    const { getApp } = await import("@/lib/directory/get-app");
    const { listGroupMembers, listAppUsers } = await import("@/lib/directory/list-people-of");
    const { getFacets } = await import("@/lib/directory/get-facets");
    const { exportDirectoryCsv } = await import("@/lib/directory/export-csv");
    const { listUnusedAccess } = await import("@/lib/directory/list-unused-access");
    const { countHygiene } = await import("@/lib/overview/count-hygiene");
    const { daysAgo } = await import("@/lib/directory/contracts");
    const q = <T>(query: ReturnType<typeof sql>) => getDb().execute(query) as unknown as Promise<T[]>;

    if (!args.reuse) {
      console.log(`Seeding ${Number(args.users).toLocaleString()} people, ${args.groups} groups, ${args.apps} apps into ${db.where}…`);
      let t = performance.now();
      // A second, small workspace shares the tables, as in a multi-tenant deployment.
      await seedDirectory({ users: 2000, groups: 50, apps: 8, seed: 2, signInsPerUser: 2 });
      const big = {
        users: Number(args.users),
        groups: Number(args.groups),
        apps: Number(args.apps),
        seed: 1,
        signInsPerUser: 4,
        signInUsers: 20000,
      };
      if (args["sql-seed"] ?? big.users >= 200_000) {
        const { seedDirectorySql } = await import("./directory-seed");
        await seedDirectorySql({ ...big, log: console.log });
      } else await seedDirectory(big);
      console.log(`  seeded in ${((performance.now() - t) / 1000).toFixed(1)} s`);
      t = performance.now();
      await getDb().execute(sql`vacuum analyze`);
      console.log(`  vacuum analyze in ${((performance.now() - t) / 1000).toFixed(1)} s`);
    }
    const [rows] = await q<Record<string, number>>(sql`select
      (select count(*) from okta_users)::int users, (select count(*) from okta_groups)::int groups,
      (select count(*) from okta_group_members)::int memberships, (select count(*) from okta_apps)::int apps,
      (select count(*) from okta_app_users)::int app_users, (select count(*) from okta_log_events)::int log_events,
      (select count(*) from okta_app_usage)::int app_usage, (select count(*) from okta_role_assignments)::int role_assignments`);
    console.log("  rows:", JSON.stringify(rows));
    if (args["seed-only"]) {
      await closeDb();
      return;
    }

    // The big org, and people and groups to look at in it.
    const [big] = await q<{ workspace_id: string; integration_id: string }>(
      sql`select workspace_id, integration_id from okta_users group by 1, 2 order by count(*) desc limit 1`,
    );
    const ctx = systemCtx(big.workspace_id);
    const integrationId = big.integration_id;
    const [someone] = await q<{ id: string; login: string }>(
      sql`select u.id, u.login from okta_users u where u.integration_id = ${integrationId} and u.status = 'ACTIVE'
          and exists (select 1 from okta_log_events e where e.integration_id = u.integration_id and e.actor_id = u.id) order by u.id limit 1`,
    );
    const [everyone] = await q<{ id: string }>(
      sql`select id from okta_groups where integration_id = ${integrationId} and type = 'BUILT_IN' limit 1`,
    );
    const [team] = await q<{ id: string }>(
      sql`select id from okta_groups where integration_id = ${integrationId} and name like 'Team %' order by id limit 1`,
    );
    const [bigApp] = await q<{ id: string }>(
      sql`select app_id id from okta_app_users where integration_id = ${integrationId} group by 1 order by count(*) desc limit 1`,
    );
    const [manager] = await q<{ id: string }>(
      sql`select manager_id id from okta_users where integration_id = ${integrationId} and manager_id is not null group by 1 order by count(*) asc, 1 limit 1`,
    );
    const [smallApp] = await q<{ id: string }>(
      sql`select app_id id from okta_app_users where integration_id = ${integrationId} group by 1 order by count(*) asc limit 1`,
    );

    const cases: [string, () => Promise<unknown>][] = [
      ["people: first page, by name", () => listUsers({ ctx, input: {} })],
      [
        "people: third page by name (3 requests)",
        async () => {
          const p1 = await listUsers({ ctx, input: {} });
          const p2 = await listUsers({ ctx, input: { cursor: p1.nextCursor! } });
          return listUsers({ ctx, input: { cursor: p2.nextCursor! } });
        },
      ],
      ["people: by last sign-in, newest first", () => listUsers({ ctx, input: { sort: "lastLogin" } })],
      ["people: by email, descending", () => listUsers({ ctx, input: { sort: "email", order: "desc" } })],
      ["people: by department", () => listUsers({ ctx, input: { sort: "department" } })],
      ["people: status=SUSPENDED (3%)", () => listUsers({ ctx, input: { status: ["SUSPENDED"] } })],
      ["people: status=ACTIVE (85%)", () => listUsers({ ctx, input: { status: ["ACTIVE"] } })],
      [
        "people: LOCKED_OUT,PASSWORD_EXPIRED by last sign-in",
        () => listUsers({ ctx, input: { status: ["LOCKED_OUT", "PASSWORD_EXPIRED"], sort: "lastLogin" } }),
      ],
      ["people: department=Legal", () => listUsers({ ctx, input: { department: "Legal" } })],
      [
        "people: department + status + integration",
        () => listUsers({ ctx, input: { department: "Legal", status: ["ACTIVE"], integrationId } }),
      ],
      ["people: search 'a' (word prefix)", () => listUsers({ ctx, input: { q: "a" } })],
      ["people: search 'ol' (word prefix)", () => listUsers({ ctx, input: { q: "ol" } })],
      ["people: search 'olivia' (1.5%, clustered in name order)", () => listUsers({ ctx, input: { q: "olivia" } })],
      ["people: search 'mith' (contains)", () => listUsers({ ctx, input: { q: "mith" } })],
      ["people: search 'acme' (matches everyone)", () => listUsers({ ctx, input: { q: "acme" } })],
      ["people: search an exact login", () => listUsers({ ctx, input: { q: someone.login } })],
      ["people: search 'emma smi' (two words)", () => listUsers({ ctx, input: { q: "emma smi" } })],
      ["people: search with no match", () => listUsers({ ctx, input: { q: "zzqx" } })],
      ["people: search 'son' by last sign-in", () => listUsers({ ctx, input: { q: "son", sort: "lastLogin" } })],
      ["person page (profile, groups, apps, roles, sign-ins)", () => getUser({ ctx, input: { integrationId, userId: someone.id } })],
      ["groups: first page by name (with counts)", () => listGroups({ ctx, input: {} })],
      ["groups: by member count", () => listGroups({ ctx, input: { sort: "members" } })],
      ["groups: type=APP_GROUP", () => listGroups({ ctx, input: { type: ["APP_GROUP"] } })],
      ["groups: search 'team'", () => listGroups({ ctx, input: { q: "team" } })],
      ["group page: Everyone", () => getGroup({ ctx, input: { integrationId, groupId: everyone.id } })],
      ["group members: Everyone, first page", () => listGroupMembers({ ctx, input: { integrationId, groupId: everyone.id } })],
      [
        "group members: Everyone, search 'olivia'",
        () => listGroupMembers({ ctx, input: { integrationId, groupId: everyone.id, q: "olivia" } }),
      ],
      ["group members: a team group", () => listGroupMembers({ ctx, input: { integrationId, groupId: team.id } })],
      ["apps: first page (with counts)", () => listApps({ ctx, input: {} })],
      ["apps: by assigned users", () => listApps({ ctx, input: { sort: "users" } })],
      ["app page: largest app", () => getApp({ ctx, input: { integrationId, appId: bigApp.id } })],
      ["app users: largest app, first page", () => listAppUsers({ ctx, input: { integrationId, appId: bigApp.id } })],
      ["app users: smallest app, first page", () => listAppUsers({ ctx, input: { integrationId, appId: smallApp.id } })],
      ["facets (statuses, departments, types, modes)", () => getFacets({ ctx })],
      // Identity hygiene (issue 14 §2).
      ["people: adminRole=any (direct or through a group)", () => listUsers({ ctx, input: { adminRole: "any" } })],
      ["people: adminRole=SUPER_ADMIN", () => listUsers({ ctx, input: { adminRole: "SUPER_ADMIN" } })],
      ["people: admins, no sign-in for 30 days", () => listUsers({ ctx, input: { adminRole: "any", signedInBefore: daysAgo(30) } })],
      ["people: ACTIVE, no sign-in for 30 days", () => listUsers({ ctx, input: { status: ["ACTIVE"], signedInBefore: daysAgo(30) } })],
      ["people: ACTIVE, never signed in", () => listUsers({ ctx, input: { status: ["ACTIVE"], neverSignedIn: true } })],
      ["people: deactivated, still in Okta groups", () => listUsers({ ctx, input: { status: ["DEPROVISIONED"], inOktaGroups: true } })],
      ["people: deactivated, still assigned apps", () => listUsers({ ctx, input: { status: ["DEPROVISIONED"], hasApps: true } })],
      ["people: userType=Contractor (10%)", () => listUsers({ ctx, input: { userType: "Contractor" } })],
      ["people: location=Berlin (10%)", () => listUsers({ ctx, input: { location: "Berlin" } })],
      ["people: managerId (one manager's reports)", () => listUsers({ ctx, input: { managerId: manager.id } })],
      [
        "people: last sign-in 20 to 10 days ago, by last sign-in",
        () => listUsers({ ctx, input: { signedInAfter: daysAgo(20), signedInBefore: daysAgo(10), sort: "lastLogin" } }),
      ],
      [
        "app users: largest app, not used in 30 days",
        () => listAppUsers({ ctx, input: { integrationId, appId: bigApp.id, unusedDays: 30 } }),
      ],
      [
        "app users: smallest app, not used in 30 days",
        () => listAppUsers({ ctx, input: { integrationId, appId: smallApp.id, unusedDays: 30 } }),
      ],
      [
        "app users: largest app, status=DEPROVISIONED",
        () => listAppUsers({ ctx, input: { integrationId, appId: bigApp.id, status: ["DEPROVISIONED"] } }),
      ],
      ["unused access: every app, 30 days", () => listUnusedAccess({ ctx, input: { days: 30 } })],
      ["hygiene counts: one integration", () => countHygiene({ ctx, input: { integrationId } })],
      ["hygiene counts: the workspace", () => countHygiene({ ctx, input: {} })],
    ];
    const runs = Number(args.runs);
    console.log(`\n${"query".padEnd(58)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}`);
    for (const [label, fn] of cases.filter(([label]) => !args.only || label.includes(args.only))) {
      await fn(); // warm the plan cache and buffers
      const ms: number[] = [];
      for (let i = 0; i < runs; i++) {
        const start = performance.now();
        await fn();
        ms.push(performance.now() - start);
      }
      const { p50, p95, max } = percentiles(ms);
      console.log(`${label.padEnd(58)} ${p50.toFixed(1).padStart(8)} ${p95.toFixed(1).padStart(8)} ${max.toFixed(1).padStart(8)}`);
    }

    if (args["skip-csv"]) {
      await closeDb();
      return;
    }
    // The whole CSV export of the big org, streamed.
    const start = performance.now();
    const { stream } = exportDirectoryCsv({ ctx, input: { list: "users", filters: { integrationId } } });
    let bytes = 0;
    let lines = 0;
    const reader = stream.getReader();
    for (let r = await reader.read(); !r.done; r = await reader.read()) {
      bytes += r.value.length;
      for (const b of r.value) if (b === 10) lines++;
    }
    const mem = process.memoryUsage().rss / 1e6;
    console.log(
      `\nCSV export of all people: ${lines - 1} rows, ${(bytes / 1e6).toFixed(1)} MB in ${((performance.now() - start) / 1000).toFixed(1)} s (process RSS ${mem.toFixed(0)} MB)`,
    );

    // The same export with the opt-in columns (groups, apps, admin roles, manager).
    const startExtras = performance.now();
    const withExtras = exportDirectoryCsv({
      ctx,
      input: { list: "users", filters: { integrationId, columns: ["groups", "apps", "roles", "manager"] } },
    });
    let extraBytes = 0;
    const extraReader = withExtras.stream.getReader();
    for (let r = await extraReader.read(); !r.done; r = await extraReader.read()) extraBytes += r.value.length;
    console.log(
      `CSV export with groups, apps, admin roles and manager: ${(extraBytes / 1e6).toFixed(1)} MB in ${((performance.now() - startExtras) / 1000).toFixed(1)} s`,
    );
    await closeDb();
  } finally {
    await db.stop();
  }
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
