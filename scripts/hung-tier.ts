// What a test tier that hangs was doing when it is stopped, and stopping all of it. When a tier runs
// out of time, `stopHungTier` lists every process under the tier's runner (command line, state, CPU
// seconds: a test worker spinning in a loop shows as running with its CPU time growing, one waiting
// for something as sleeping) and then kills the whole tree, not only the runner, so no orphaned worker
// goes on using the CPU through the tiers after it.
import fs from "node:fs";

interface Proc {
  pid: number;
  ppid: number;
  state: string;
  cpuSeconds: number;
}

const TICKS_PER_SECOND = 100; // USER_HZ on Linux

function readProc(pid: number): Proc | null {
  try {
    // "pid (comm) state ppid … utime(14) stime(15) …": comm may hold spaces and parentheses, so split after the last ")".
    const stat = fs.readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return { pid, ppid: Number(f[1]), state: f[0], cpuSeconds: (Number(f[11]) + Number(f[12])) / TICKS_PER_SECOND };
  } catch {
    return null; // ended while we looked
  }
}

/** The processes under `root`, parents before their children, from /proc. */
export function descendants(root: number): Proc[] {
  const all = fs
    .readdirSync("/proc")
    .filter((e) => /^\d+$/.test(e))
    .map((e) => readProc(Number(e)))
    .filter((p): p is Proc => p !== null);
  const out: Proc[] = [];
  const queue = [root];
  while (queue.length) {
    const parent = queue.shift()!;
    for (const p of all) {
      if (p.ppid !== parent) continue;
      out.push(p);
      queue.push(p.pid);
    }
  }
  return out;
}

const commandLine = (pid: number) => {
  try {
    return fs.readFileSync(`/proc/${pid}/cmdline`, "utf8").split("\0").join(" ").trim().slice(0, 300);
  } catch {
    return "?";
  }
};

const STATES: Record<string, string> = { R: "running", S: "sleeping", D: "waiting on I/O", Z: "ended", T: "stopped" };

/** One line per process under `root` (and itself): pid, state, CPU seconds, command line. */
export function describeTree(root: number): string[] {
  return [readProc(root), ...descendants(root)]
    .filter((p): p is Proc => p !== null)
    .map(
      (p) => `  pid ${p.pid} (parent ${p.ppid}), ${STATES[p.state] ?? p.state}, ${p.cpuSeconds.toFixed(1)} s CPU: ${commandLine(p.pid)}`,
    );
}

/** Prints the tier's processes, then kills every one of them. */
export function stopHungTier(root: number) {
  for (const line of describeTree(root)) console.error(line);
  killTree(root);
}

/** Kills `root` and every process under it, children first. */
export function killTree(root: number) {
  for (const p of [...descendants(root).reverse(), { pid: root }]) {
    try {
      process.kill(p.pid, "SIGKILL");
    } catch {
      // Gone already.
    }
  }
}
