// The integration overview and the home dashboard at issue 16's size: seeds a 1M-person org (50k
// groups, ~10M memberships, 5k apps, ~2.5M app assignments, 5M System Log events over 7 days) and a
// few small orgs beside it into a fresh database (bench/overview-seed.ts), then times, with p50/p95:
// the verbs the pages call (getOverview, getDashboard and their parts), and each count the overview
// shows done by scanning the big tables (test/overview-scan.ts), which is what the maintained
// aggregates replace.
//   npx tsx bench/overview.ts [--users 1000000] [--events 5000000] [--others 4] [--runs 9] [--keep]
//   npx tsx bench/overview.ts --reuse postgres://…/osc_bench_ovw_…   (time a kept database again)
// Heavy: run it under `flock /tmp/heavy.lock`.
import os from "node:os";
import { parseArgs } from "node:util";
import postgres from "postgres";
import { BIG, seedOverview, WS } from "./overview-seed";
import { benchDatabase, percentiles } from "./throwaway-db";

const { values: args } = parseArgs({
  options: {
    users: { type: "string", default: "1000000" },
    groups: { type: "string", default: "50000" },
    memberships: { type: "string", default: "10", description: "per person" },
    apps: { type: "string", default: "5000" },
    assignments: { type: "string", default: "2500000" },
    events: { type: "string", default: "5000000" },
    days: { type: "string", default: "7" },
    others: { type: "string", default: "4" },
    runs: { type: "string", default: "9" },
    keep: { type: "boolean", default: false },
    reuse: { type: "string" },
  },
});

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(", ");

async function time(label: string, runs: number, fn: () => Promise<unknown>) {
  await fn(); // warm: plans, buffers
  const ms: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    ms.push(performance.now() - t);
  }
  const p = percentiles(ms);
  console.log(`  ${label.padEnd(44)} p50 ${p.p50.toFixed(1).padStart(8)} ms   p95 ${p.p95.toFixed(1).padStart(8)} ms   (load ${load()})`);
}

async function main() {
  const db = await benchDatabase({ prefix: "osc_bench_ovw", reuse: args.reuse, keep: args.keep });
  process.env.DATABASE_URL = db.url;
  try {
    const { migrateDatabase } = await import("@/db/migrate");
    const tm = performance.now();
    await migrateDatabase(db.url);
    console.log(`Migrations applied in ${((performance.now() - tm) / 1000).toFixed(1)} s (load ${load()})`);
    if (!db.reused) {
      const admin = postgres(db.url, { max: 1, onnotice: () => {} });
      console.log(`Seeding into ${db.where} (load ${load()})…`);
      const t = performance.now();
      await seedOverview(admin, {
        users: Number(args.users),
        groups: Number(args.groups),
        membershipsPerUser: Number(args.memberships),
        apps: Number(args.apps),
        assignments: Number(args.assignments),
        events: Number(args.events),
        days: Number(args.days),
        others: Number(args.others),
      });
      console.log(`Seeded in ${((performance.now() - t) / 1000).toFixed(0)} s`);
      await admin.end();
    }
    const { getDb, closeDb } = await import("@/db");
    const { systemCtx } = await import("@/lib/context");
    const { getOverview } = await import("@/lib/overview/get-overview");
    const { countDirectory, signInsPerDay } = await import("@/lib/overview/count-directory");
    const { countHygiene } = await import("@/lib/overview/count-hygiene");
    const { getDashboard } = await import("@/lib/dashboard/get-dashboard");
    const { listIntegrationStatus } = await import("@/lib/integrations/list-integration-status");
    const { overviewScans } = await import("@/test/overview-scan");
    const sql = getDb().$client;
    const [sizes] = await sql`select
      (select count(*) from okta_users where integration_id = ${BIG})::int as users,
      (select count(*) from okta_groups where integration_id = ${BIG})::int as groups,
      (select count(*) from okta_group_members where integration_id = ${BIG})::int as memberships,
      (select count(*) from okta_apps where integration_id = ${BIG})::int as apps,
      (select count(*) from okta_app_users where integration_id = ${BIG})::int + (select count(*) from okta_app_groups where integration_id = ${BIG})::int as assignments,
      (select count(*) from okta_log_events where integration_id = ${BIG})::int as events,
      (select count(*) from integrations where workspace_id = ${WS})::int as integrations`;
    console.log(
      `\nLarge org: ${Object.entries(sizes)
        .filter(([k]) => k !== "integrations")
        .map(([k, v]) => `${Number(v).toLocaleString()} ${k}`)
        .join(", ")} (rows incl. ~1% soft-deleted); ${sizes.integrations} integrations in the workspace`,
    );
    const ctx = systemCtx(WS);
    const now = new Date();
    const runs = Number(args.runs);

    console.log("\nWhat the pages call (the integration page: getOverview + its hygiene card; the home dashboard):");
    await time("getOverview (large org)", runs, () => getOverview({ ctx, input: { integrationId: BIG } }));
    await time("  countDirectory", runs, () => countDirectory(WS, BIG, now));
    await time("  signInsPerDay (30 days)", runs, () => signInsPerDay(WS, BIG, 30, now));
    await time("countHygiene (large org)", runs, () => countHygiene({ ctx, input: { integrationId: BIG } }));
    await time("getDashboard (workspace)", runs, () => getDashboard({ ctx }));
    await time("  listIntegrationStatus", runs, () => listIntegrationStatus({ ctx }));
    await time("  countHygiene (workspace)", runs, () => countHygiene({ ctx, input: {} }));

    // The hygiene card against the lists its numbers open (lib/directory's userFilters), once.
    const { userFilters } = await import("@/lib/directory/list-users");
    const { oktaUsers } = await import("@/db/schema");
    const { count } = await import("drizzle-orm");
    const h = await countHygiene({ ctx, input: { integrationId: BIG, now } });
    const listed = async (f: Record<string, unknown>) =>
      (
        await getDb()
          .select({ n: count() })
          .from(oktaUsers)
          .where(userFilters(ctx, { integrationId: BIG, ...f }))
      )[0].n;
    const day = (d: string) => new Date(`${d}T00:00:00.000Z`);
    const pairs: [string, number, () => Promise<number>][] = [
      ["dormant 30 d", h.dormant.d30, () => listed({ status: ["ACTIVE"], signedInBefore: day(h.days.d30) })],
      ["dormant 90 d", h.dormant.d90, () => listed({ status: ["ACTIVE"], signedInBefore: day(h.days.d90) })],
      ["never signed in", h.dormant.never, () => listed({ status: ["ACTIVE"], neverSignedIn: true })],
      ["deactivated in Okta groups", h.deactivated.inOktaGroups, () => listed({ status: ["DEPROVISIONED"], inOktaGroups: true })],
      ["deactivated with apps", h.deactivated.withApps, () => listed({ status: ["DEPROVISIONED"], hasApps: true })],
      ["locked out", h.lockedOut, () => listed({ status: ["LOCKED_OUT"] })],
      ["password expired", h.passwordExpired, () => listed({ status: ["PASSWORD_EXPIRED"] })],
    ];
    console.log("\nThe large org's hygiene card (countHygiene) and the people lists it opens:");
    for (const [label, n, list] of pairs) {
      const m = await list();
      console.log(
        `  ${label.padEnd(28)} ${n.toLocaleString().padStart(9)}  list ${m.toLocaleString().padStart(9)}  ${n === m ? "equal" : "DIFFERENT"}`,
      );
    }
    console.log(`  admin role holders ${h.admins.holders}, of whom not signed in for ${30} days: ${h.admins.noRecentSignIn}`);

    console.log("\nEach overview count by scanning the big tables (what the aggregates replace):");
    const scans = overviewScans(BIG, now);
    for (const [name, fn] of Object.entries(scans)) await time(name, runs, fn);

    await closeDb();
  } finally {
    await db.stop();
  }
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
