// `npm test`: all three tiers (unit, int, e2e); vitest and e2e each against a fresh, throw-away database.
// - DATABASE_URL set: creates a new database on that server for each and drops it afterwards.
// - unset: starts an embedded Postgres in a temp directory (removed afterwards).
// Then: vitest (unit + integration), next build, Playwright e2e in Debian's Chromium.
import { spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";
import { type EmbeddedHandle, freePort, startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { stopHungTier } from "./hung-tier";

const root = process.cwd();
// Tiers: `unit` (pure tests, no database), `int` (`*.int.test.ts`: real Postgres and the emulator),
// `e2e` (Playwright). `npm test -- unit`, `npm test -- int`, `npm test -- e2e` run one; any other
// arguments go to that tier's runner (`npm test -- int lib/sync`, `npm test -- e2e e2e/connect.spec.ts`).
const TIERS = ["unit", "int", "e2e"] as const;
type Tier = (typeof TIERS)[number];
const argv = process.argv.slice(2);
const isTier = (a: string): a is Tier => (TIERS as readonly string[]).includes(a);
const only = argv.filter(isTier);
const extra = argv.filter((a) => !isTier(a) && a !== "--");
const tiers: Tier[] = only.length ? only : [...TIERS];

// A tier that hangs fails after this long with a message, rather than running into CI's limit.
const TIER_MINUTES = Number(process.env.TEST_TIER_MINUTES ?? 30);

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv) {
  return new Promise<number>((resolve) => {
    const child = spawn(cmd, args, { stdio: "inherit", env });
    const timer = setTimeout(() => {
      console.error(
        `\n✗ ${path.basename(cmd)} ${args.join(" ")} still running after ${TIER_MINUTES} min: stopped (TEST_TIER_MINUTES). Its processes:`,
      );
      if (child.pid) stopHungTier(child.pid);
    }, TIER_MINUTES * 60_000);
    child.once("exit", (code, signal) => {
      clearTimeout(timer);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

async function main() {
  const extraFor = (tier: Tier) => (tiers.length === 1 && tiers[0] === tier ? extra : []);
  // The pure unit tier needs no database: run it alone in seconds.
  if (tiers.length === 1 && tiers[0] === "unit") {
    process.exit(
      await run(path.join(root, "node_modules/.bin/vitest"), ["run", "--project", "unit", ...extra], { ...process.env, NODE_ENV: "test" }),
    );
  }
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    NODE_ENV: "test",
    NEXT_TELEMETRY_DISABLED: "1",
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD: "1",
    AUTH_SECRET: process.env.AUTH_SECRET ?? "test-auth-secret-0123456789abcdef0123456789",
    APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY ?? Buffer.alloc(32, 7).toString("base64"),
  };
  let code = 0;
  const vitestProjects = tiers.filter((t) => t !== "e2e").flatMap((t) => ["--project", t]);
  if (vitestProjects.length) {
    const args = ["run", ...vitestProjects, ...(tiers.length === 1 ? extra : [])];
    code ||= await withTestDatabase((url) => run(path.join(root, "node_modules/.bin/vitest"), args, { ...env, DATABASE_URL: url }));
  }
  if (tiers.includes("e2e") && code === 0) {
    // A database of its own: on the one the integration tests filled, the console's workers would
    // first drain the jobs those tests left queued, and the e2e runs would wait behind them.
    code ||= await withTestDatabase(async (url) => {
      const e2eEnv = { ...env, DATABASE_URL: url };
      const built = await run(path.join(root, "node_modules/.bin/next"), ["build"], { ...e2eEnv, NODE_ENV: "production" });
      return built || run(path.join(root, "node_modules/.bin/playwright"), ["test", ...extraFor("e2e")], e2eEnv);
    });
  }
  process.exit(code);
}

async function withTestDatabase(fn: (url: string) => Promise<number>): Promise<number> {
  const db = await testDatabase();
  try {
    return await fn(db.url);
  } finally {
    await db.drop();
  }
}

/** A fresh database for this run: a new one on DATABASE_URL's server, else an embedded Postgres. */
async function testDatabase(): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.DATABASE_URL;
  let url: string;
  let drop: () => Promise<void>;
  if (base) {
    const name = `osc_test_${Date.now().toString(36)}_${process.pid}`;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    url = u.toString();
    drop = async () => {
      const a = postgres(base, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
      await a.end();
    };
    console.log(`• Test database ${name} on the configured server`);
  } else {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), "osc-test-pg-"));
    fs.chmodSync(dir, 0o755);
    const pg: EmbeddedHandle = await startEmbeddedPostgres({
      dir: path.join(dir, "data"),
      port: await freePort(),
      persistent: false,
      database: "test",
    });
    url = pg.url;
    drop = () => pg.stop();
    console.log("• Test database: embedded Postgres");
  }
  await migrateDatabase(url);
  return { url, drop };
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
