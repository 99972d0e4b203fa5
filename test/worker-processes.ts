// Sync workers as real child processes (`npm run worker`, scripts/worker.ts) on a database of their
// own: the tests that kill workers, stop them and run several at once share these helpers.
import { type ChildProcess, spawn } from "node:child_process";
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { closeDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { resetEnvCache } from "@/lib/env";
import { stopBoss } from "@/lib/jobs/boss";

/**
 * A fresh, migrated database on DATABASE_URL's server, made this process's database; `drop` switches
 * back and drops it. Workers would otherwise pick up the runs other test files leave queued.
 */
export async function ownDatabase(prefix = "osc_workers") {
  const baseUrl = process.env.DATABASE_URL!;
  const name = `${prefix}_${randomUUID().slice(0, 8)}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${name}"`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  await migrateDatabase(url);
  await closeDb();
  process.env.DATABASE_URL = url;
  resetEnvCache();
  return {
    url,
    async drop() {
      await stopBoss();
      await closeDb();
      process.env.DATABASE_URL = baseUrl;
      resetEnvCache();
      const a = postgres(baseUrl, { max: 1, onnotice: () => {} });
      await a.unsafe(`drop database if exists "${name}" with (force)`).catch(() => {});
      await a.end();
    },
  };
}

/** The worker processes a test file started; `stopAll` SIGKILLs the ones still running and waits. */
export class WorkerProcesses {
  private running = new Set<ChildProcess>();

  /** `npm run worker` in its own process group, so a kill reaches npm, tsx and node alike. */
  start(env: Record<string, string>): ChildProcess {
    const child = spawn("npm", ["run", "--silent", "worker"], {
      cwd: process.cwd(),
      detached: true,
      stdio: ["ignore", "ignore", "inherit"],
      env: { ...process.env, LOG_LEVEL: "warn", NODE_ENV: "test", ...env },
    });
    this.running.add(child);
    child.once("exit", () => this.running.delete(child));
    return child;
  }

  kill(child: ChildProcess, signal: NodeJS.Signals = "SIGKILL") {
    try {
      process.kill(-child.pid!, signal);
    } catch {
      // already gone
    }
  }

  /** SIGKILL, then wait until the process has exited. */
  async killAndWait(child: ChildProcess) {
    const gone = child.exitCode !== null || child.signalCode !== null ? null : new Promise((r) => child.once("exit", r));
    this.kill(child);
    await gone;
  }

  async stopAll() {
    await Promise.all([...this.running].map((w) => this.killAndWait(w)));
  }
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs = 90_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 200));
  }
}
