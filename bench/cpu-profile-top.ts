// Summarises a V8 CPU profile (node --cpu-prof, e.g. bench:hooks --cpu-prof DIR): the functions with the
// most self time and the most total (inclusive) time, optionally only over the last --last seconds of
// the profile (bench:hooks prints the burst's window).
//
//   npx tsx bench/cpu-profile-top.ts FILE.cpuprofile [--last 12] [--top 25] [--callers NAME]
// --callers NAME: the stacks (outermost project frames) under which functions named NAME spend their time.
import fs from "node:fs";
import { parseArgs } from "node:util";

interface Node {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}
interface Profile {
  nodes: Node[];
  startTime: number;
  endTime: number;
  samples: number[];
  timeDeltas: number[];
}

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: { last: { type: "string", default: "0" }, top: { type: "string", default: "25" }, callers: { type: "string" } },
});
const prof = JSON.parse(fs.readFileSync(positionals[0], "utf8")) as Profile;
const byId = new Map(prof.nodes.map((n) => [n.id, n]));
const parent = new Map<number, number>();
for (const n of prof.nodes) for (const c of n.children ?? []) parent.set(c, n.id);

const label = (n: Node) => {
  const f = n.callFrame;
  const file = f.url
    .replace(/^file:\/\//, "")
    .replace(/^.*\/(node_modules\/)/, "$1")
    .replace(/^.*\/worktrees\/[^/]+\//, "");
  return `${f.functionName || "(anonymous)"} ${file ? `${file}:${f.lineNumber + 1}` : ""}`.trim();
};

// Sample times (µs from the profile's start); keep those in the window.
const times: number[] = [];
let t = prof.startTime;
for (const d of prof.timeDeltas) {
  t += d;
  times.push(t);
}
const from = Number(values.last) > 0 ? prof.endTime - Number(values.last) * 1e6 : prof.startTime;
const self = new Map<string, number>();
const total = new Map<string, number>();
const stacks = new Map<string, number>();
let kept = 0;
let idle = 0;
for (let i = 0; i < prof.samples.length; i++) {
  if (times[i] < from) continue;
  const dt = (times[i + 1] ?? prof.endTime) - times[i];
  const n = byId.get(prof.samples[i])!;
  const name = n.callFrame.functionName;
  if (name === "(idle)" || name === "(program)") {
    idle += dt;
    continue;
  }
  kept += dt;
  if (values.callers) {
    const chain: string[] = [];
    let hit = false;
    for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
      const x = byId.get(id)!;
      if (x.callFrame.functionName === values.callers) hit = true;
      if (hit && chain.length < 12) chain.push(label(x));
    }
    if (hit) stacks.set(chain.join(" < "), (stacks.get(chain.join(" < ")) ?? 0) + dt);
  }
  self.set(label(n), (self.get(label(n)) ?? 0) + dt);
  const seen = new Set<string>();
  for (let id: number | undefined = n.id; id !== undefined; id = parent.get(id)) {
    const l = label(byId.get(id)!);
    if (seen.has(l)) continue;
    seen.add(l);
    total.set(l, (total.get(l) ?? 0) + dt);
  }
}
const top = Number(values.top);
const pct = (x: number) => `${((x / kept) * 100).toFixed(1).padStart(5)}%`;
console.log(
  `${positionals[0]}: ${(kept / 1e6).toFixed(2)} s busy, ${(idle / 1e6).toFixed(2)} s idle/program over ${((prof.endTime - from) / 1e6).toFixed(1)} s`,
);
console.log("self:");
for (const [k, v] of [...self].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${pct(v)} ${(v / 1e3).toFixed(0).padStart(6)} ms  ${k}`);
console.log("total:");
for (const [k, v] of [...total].sort((a, b) => b[1] - a[1]).slice(0, top))
  console.log(`  ${pct(v)} ${(v / 1e3).toFixed(0).padStart(6)} ms  ${k}`);
if (values.callers) {
  console.log(`stacks of ${values.callers}:`);
  for (const [k, v] of [...stacks].sort((a, b) => b[1] - a[1]).slice(0, top))
    console.log(`  ${pct(v)} ${(v / 1e3).toFixed(0).padStart(6)} ms  ${k}`);
}
