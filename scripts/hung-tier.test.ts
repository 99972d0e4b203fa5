// A hung tier explains itself and is stopped whole: a process spinning in a loop with a child of its
// own (as vitest's runner has workers) is listed with both processes, running and using CPU, and
// stopping it kills both, not only the first.
import { spawn } from "node:child_process";
import fs from "node:fs";
import { expect, it, onTestFinished, vi } from "vitest";
import { descendants, describeTree, killTree, stopHungTier } from "./hung-tier";

const alive = (pid: number) => {
  try {
    return !/\) Z /.test(fs.readFileSync(`/proc/${pid}/stat`, "utf8")); // a zombie has ended
  } catch {
    return false;
  }
};

it("lists a hung tier's processes with their state and CPU time, then kills the whole tree", { timeout: 30_000 }, async () => {
  const spin = "function spinForever(){let x=0;for(;;){x=(x+1)%7}}";
  const script = `const {spawn}=require("node:child_process");${spin}
    const c=spawn(process.execPath,["-e",${JSON.stringify(`${spin}process.stdout.write("ready\\n");spinForever()`)}],{stdio:["ignore","pipe","inherit"]});
    c.stdout.once("data",()=>{process.stdout.write("ready\\n");spinForever()});`;
  const tier = spawn(process.execPath, ["-e", script], { stdio: ["ignore", "pipe", "inherit"] });
  const root = tier.pid!;
  onTestFinished(() => killTree(root)); // whatever the test's outcome, nothing it started goes on spinning
  await new Promise((r) => tier.stdout.once("data", r));
  await new Promise((r) => setTimeout(r, 1_000));
  const [child, ...more] = descendants(root);
  expect(more).toEqual([]);
  expect(child.ppid).toBe(root);

  const lines = describeTree(root);
  expect(lines).toHaveLength(2);
  for (const [line, pid] of [
    [lines[0], root],
    [lines[1], child.pid],
  ] as const) {
    expect(line).toMatch(new RegExp(`^  pid ${pid} \\(parent \\d+\\), running, \\d+\\.\\d s CPU: .*node -e`));
    expect(Number(/, ([\d.]+) s CPU/.exec(line)?.[1])).toBeGreaterThan(0);
  }

  const printed = vi.spyOn(console, "error").mockImplementation(() => {});
  try {
    stopHungTier(root);
    expect(printed.mock.calls.map((c) => c[0])).toEqual(lines.map((l) => expect.stringContaining(l.slice(0, 20))));
  } finally {
    printed.mockRestore();
  }
  await new Promise((r) => tier.once("exit", r));
  for (let i = 0; i < 50 && alive(child.pid); i++) await new Promise((r) => setTimeout(r, 50));
  expect([alive(root), alive(child.pid)]).toEqual([false, false]);
});
