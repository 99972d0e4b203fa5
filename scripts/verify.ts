// `npm run verify`: the fast gate, no database needed. Typecheck, Biome (format + lint), the import
// rules (scripts/check-imports.ts) and the pure unit tests run side by side; each step's output is
// printed when it finishes, then a summary with timings. Exit code 1 if any step fails.
// The typecheck is the longest step, so the others run at a lower CPU priority: on two cores they
// fill the gaps instead of slowing it down.
import { spawn } from "node:child_process";
import os from "node:os";
import path from "node:path";

const bin = (name: string) => path.join(process.cwd(), "node_modules/.bin", name);
const STEPS: { name: string; cmd: string; args: string[]; background?: true }[] = [
  { name: "typecheck", cmd: bin("tsc"), args: ["--noEmit", "-p", "tsconfig.json"] },
  // Warnings fail the gate too: a warning nobody has to fix is one nobody fixes.
  {
    name: "biome",
    cmd: bin("biome"),
    args: ["check", "--error-on-warnings", "--diagnostic-level=warn", "--colors=off", "."],
    background: true,
  },
  { name: "imports", cmd: bin("tsx"), args: ["scripts/check-imports.ts"], background: true },
  { name: "unit tests", cmd: bin("vitest"), args: ["run", "--project", "unit", "--reporter=dot"], background: true },
];

function run(step: (typeof STEPS)[number]) {
  const started = Date.now();
  return new Promise<{ name: string; ok: boolean; seconds: number }>((resolve) => {
    const child = spawn(step.cmd, step.args, { env: { ...process.env, NODE_ENV: "test", FORCE_COLOR: "0" } });
    if (step.background && child.pid) {
      try {
        os.setPriority(child.pid, 10);
      } catch {
        // Not permitted here: run at normal priority.
      }
    }
    const out: Buffer[] = [];
    child.stdout.on("data", (b: Buffer) => out.push(b));
    child.stderr.on("data", (b: Buffer) => out.push(b));
    child.once("close", (code) => {
      const seconds = (Date.now() - started) / 1000;
      const ok = code === 0;
      process.stdout.write(`\n── ${step.name} ${ok ? "✓" : "✗"} (${seconds.toFixed(1)} s)\n`);
      if (!ok) process.stdout.write(Buffer.concat(out).toString());
      resolve({ name: step.name, ok, seconds });
    });
  });
}

async function main() {
  const started = Date.now();
  const results = await Promise.all(STEPS.map(run));
  const failed = results.filter((r) => !r.ok);
  const total = ((Date.now() - started) / 1000).toFixed(1);
  console.log(`\n${failed.length ? `✗ verify failed: ${failed.map((r) => r.name).join(", ")}` : "✓ verify passed"} in ${total} s`);
  process.exit(failed.length ? 1 : 0);
}

main();
