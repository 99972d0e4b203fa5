// The import rules (.dependency-cruiser.cjs), checked in one cruise of the repository:
// 1. every rule of the config, as `npx depcruise` would report it;
// 2. the client rule transitively: whatever a client module imports ends up in the browser bundle, so
//    nothing a client module reaches may be server-only. A "use server" module is where the walk stops:
//    Next.js replaces a server action imported by client code with a reference, so what the action
//    imports stays on the server. Type-only imports are erased and are not followed either (importing
//    a type straight from a server-only module is still caught by the config's direct rule).
// Exit code 1 on any violation.
import fs from "node:fs";
import { cruise, format, type ICruiseResult, type IModule } from "dependency-cruiser";
import extractDepcruiseOptions from "dependency-cruiser/config-utl/extract-depcruise-options";
import extractTSConfig from "dependency-cruiser/config-utl/extract-ts-config";
import { plural } from "@/lib/format";

const ROOTS = ["app", "components", "lib", "db", "emulator", "test", "e2e", "scripts", "bench", "instrumentation.ts", "proxy.ts"];
const CLIENT_RULE = "client-not-to-server";

const asList = (p: string | string[] | undefined) => (p === undefined ? [] : Array.isArray(p) ? p : [p]);
const matcher = (patterns: string | string[] | undefined) => {
  const res = asList(patterns).map((p) => new RegExp(p));
  return (s: string) => res.some((re) => re.test(s));
};

/** The first statement of a source file is the "use server" directive (comments may come before it). */
function isServerActionModule(file: string) {
  if (!/\.tsx?$/.test(file) || !fs.existsSync(file)) return false;
  return /^(\s|\/\/[^\n]*\n|\/\*[\s\S]*?\*\/)*["']use server["']/.test(fs.readFileSync(file, "utf8"));
}

/** Paths from client modules to server-only modules, following runtime imports and stopping at "use server" modules. */
function clientReach(
  result: ICruiseResult,
  rule: { from: { path?: string | string[] }; to: { path?: string | string[]; pathNot?: string | string[] } },
) {
  const isClient = matcher(rule.from.path);
  const isServerOnly = matcher(rule.to.path);
  const isAllowed = matcher(rule.to.pathNot);
  const bySource = new Map<string, IModule>(result.modules.map((m) => [m.source, m]));
  const found: string[] = [];
  for (const start of result.modules.filter((m) => isClient(m.source))) {
    // Breadth-first, so the path reported is a shortest one.
    const via = new Map<string, string | null>([[start.source, null]]);
    const queue = [start.source];
    while (queue.length) {
      const source = queue.shift() as string;
      for (const dep of bySource.get(source)?.dependencies ?? []) {
        if (dep.dependencyTypes.includes("type-only") || via.has(dep.resolved)) continue;
        via.set(dep.resolved, source);
        if (isServerOnly(dep.resolved) && !isAllowed(dep.resolved)) {
          const chain: string[] = [];
          for (let at: string | null = dep.resolved; at !== null; at = via.get(at) ?? null) chain.unshift(at);
          found.push(`  error ${CLIENT_RULE} (transitive): ${chain.join(" → ")}`);
          continue;
        }
        if (!isServerActionModule(dep.resolved)) queue.push(dep.resolved);
      }
    }
  }
  return found;
}

async function main() {
  const options = await extractDepcruiseOptions("./.dependency-cruiser.cjs");
  const tsConfig = extractTSConfig("tsconfig.json");
  const { output } = await cruise(ROOTS, { ...options, validate: true, outputType: "json" }, {}, { tsConfig });
  const result: ICruiseResult = typeof output === "string" ? JSON.parse(output) : output;

  const rule = options.ruleSet?.forbidden?.find((r) => r.name === CLIENT_RULE);
  if (!rule || !("to" in rule)) throw new Error(`.dependency-cruiser.cjs has no rule ${CLIENT_RULE}`);
  const transitive = clientReach(result, rule as Parameters<typeof clientReach>[1]);

  const report = await format(result, { outputType: "err" });
  const direct = result.summary.violations.length > 0;
  if (direct) process.stdout.write(String(report.output));
  if (transitive.length) console.log(`\n${transitive.join("\n")}\n`);
  const total = result.summary.violations.length + transitive.length;
  console.log(
    total
      ? `✗ import rules: ${plural(total, "violation")} (${result.summary.totalCruised} modules)`
      : `✓ import rules: no violations (${result.summary.totalCruised} modules, ${result.summary.totalDependenciesCruised} imports)`,
  );
  process.exit(total ? 1 : 0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
