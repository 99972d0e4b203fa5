// One sync in its own process, so its peak memory is its own (the emulator and the orchestrator live
// elsewhere). Prints one JSON line: { wallMs, peakRssMb, ... }.
//   tsx bench/sync-child.ts ours <runId>
//   tsx bench/sync-child.ts baseline <integrationId> <oktaUrl> <apiToken> <logSinceIso> <budgetMs> [read-only]
import { closeDb } from "@/db";

let peak = 0;
const sample = () => (peak = Math.max(peak, process.memoryUsage().rss));
const timer = setInterval(sample, 50);

async function main() {
  const [mode, ...args] = process.argv.slice(2);
  const started = performance.now();
  let result: Record<string, unknown> = {};
  if (mode === "ours") {
    const { runSync } = await import("@/lib/sync/run-sync");
    const { loadOktaClient } = await import("@/lib/integrations/load-okta-client");
    result = { ...(await runSync(args[0], { loadClient: loadOktaClient })) };
  } else if (mode === "baseline") {
    const { runBaseline } = await import("./baseline");
    result = await runBaseline({
      integrationId: args[0],
      orgUrl: args[1],
      token: args[2],
      logSince: args[3],
      deadline: Date.now() + Number(args[4]),
      readOnly: args[5] === "read-only",
    });
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  sample();
  clearInterval(timer);
  const wallMs = Math.round(performance.now() - started);
  await closeDb();
  // maxRSS covers what the 50 ms sampler could miss between samples.
  const peakRssMb = Math.round(Math.max(peak, process.resourceUsage().maxRSS * 1024) / 1048576);
  const cpu = process.cpuUsage();
  const cpuMs = Math.round((cpu.user + cpu.system) / 1000);
  process.stdout.write(`${JSON.stringify({ ...result, wallMs, peakRssMb, cpuMs })}\n`);
  process.exit(0);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
