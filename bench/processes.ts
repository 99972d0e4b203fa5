// Child processes of a benchmark (emulators, web servers, workers): each in its own process group so
// npm, tsx and node alike get the signal, their stderr passed on under a name, all killed at the end.
import { type ChildProcess, spawn } from "node:child_process";
import fs from "node:fs";
import path from "node:path";

export function processGroup(cwd: string) {
  const children: ChildProcess[] = [];
  return {
    start(cmd: string, argv: string[], env: NodeJS.ProcessEnv, name: string) {
      const child = spawn(cmd, argv, { cwd, env, detached: true, stdio: ["ignore", "pipe", "pipe"] });
      children.push(child);
      child.stderr?.on("data", (d: Buffer) => {
        const line = d.toString().trim();
        if (line && !/ExperimentalWarning|--trace-warnings/.test(line)) console.error(`[${name}] ${line.slice(0, 400)}`);
      });
      return child;
    },
    /** SIGTERM to every group, then a wait: processes that handle it exit on their own (and write a --cpu-prof). */
    async stopGently(waitMs = 5000) {
      for (const c of children) {
        try {
          process.kill(-c.pid!, "SIGTERM");
        } catch {
          // gone
        }
      }
      await new Promise((r) => setTimeout(r, waitMs));
    },
    stopAll() {
      for (const c of children) {
        try {
          process.kill(-c.pid!, "SIGKILL");
        } catch {
          // gone
        }
      }
    },
  };
}

/** Polls `fn` until it gives something truthy (a throw counts as not yet), or fails after `timeoutMs`. */
export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | false>, timeoutMs: number, everyMs: number): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn().catch(() => undefined);
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, everyMs));
  }
}

/**
 * The environment that makes a child process write a V8 CPU profile to `dir` (bench/cpu-prof-preload.cjs),
 * which is created here: the preload writes into it as the process ends.
 */
export function cpuProfileEnv(dir: string): { BENCH_CPU_PROF_DIR: string; NODE_OPTIONS: string } {
  fs.mkdirSync(dir, { recursive: true });
  return {
    BENCH_CPU_PROF_DIR: dir,
    NODE_OPTIONS: `${process.env.NODE_OPTIONS ?? ""} --require ${path.join(import.meta.dirname, "cpu-prof-preload.cjs")}`.trim(),
  };
}

/** CPU seconds (user + system) of every process in a process group, or whose command line has `needle` (Postgres backends of a database). */
export function cpuSeconds(match: { pgrp?: number; needle?: string }): number {
  const tick = 100; // USER_HZ on Linux
  let total = 0;
  for (const pid of fs.readdirSync("/proc").filter((d) => /^\d+$/.test(d))) {
    try {
      const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
      const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
      const pgrp = Number(f[2]);
      const ok =
        (match.pgrp !== undefined && pgrp === match.pgrp) ||
        (match.needle !== undefined && fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").includes(match.needle));
      if (ok) total += (Number(f[11]) + Number(f[12])) / tick;
    } catch {
      // gone meanwhile
    }
  }
  return total;
}

/** Busy CPU milliseconds of the whole machine (all cores) from /proc/stat. */
export function machineBusyMs(): number {
  const f = fs.readFileSync("/proc/stat", "utf8").split("\n")[0].trim().split(/\s+/).slice(1).map(Number);
  const total = f.reduce((a, b) => a + b, 0);
  return (total - f[3] - f[4]) * 10;
}
