// `npm run emulator -- --port 8787 --seed 42 --users 5000 --groups 300 --apps 60 --log-days 30 [--no-rate-limits] [--rate-window-ms 60000]`
import { parseArgs } from "node:util";
import { startEmulator } from "./server";

const { values } = parseArgs({
  options: {
    port: { type: "string", default: "8787" },
    host: { type: "string", default: "127.0.0.1" },
    seed: { type: "string", default: "42" },
    users: { type: "string", default: "5000" },
    groups: { type: "string", default: "300" },
    apps: { type: "string", default: "60" },
    "log-days": { type: "string", default: "30" },
    "no-rate-limits": { type: "boolean", default: false },
    "rate-window-ms": { type: "string", default: "60000" },
    verbose: { type: "boolean", default: false },
    help: { type: "boolean", default: false },
  },
});

if (values.help) {
  console.log(
    "Usage: npm run emulator -- [--port 8787] [--host 127.0.0.1] [--seed 42] [--users 5000] [--groups 300] [--apps 60] [--log-days 30] [--no-rate-limits] [--rate-window-ms 60000] [--verbose]",
  );
  process.exit(0);
}

function int(name: keyof typeof values, min: number, max: number): number {
  const raw = String(values[name]);
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || n < min || n > max) {
    console.error(`--${name} must be an integer between ${min} and ${max} (got "${raw}")`);
    process.exit(2);
  }
  return n;
}

const started = performance.now();
const opts = {
  port: int("port", 0, 65535),
  host: String(values.host),
  seed: int("seed", 0, 2 ** 31 - 1),
  users: int("users", 1, 1_000_000),
  groups: int("groups", 1, 100_000),
  apps: int("apps", 1, 10_000),
  logDays: int("log-days", 0, 90),
  rateLimits: !values["no-rate-limits"],
  rateWindowMs: int("rate-window-ms", 100, 3_600_000),
  verbose: !!values.verbose,
};
const em = await startEmulator(opts);
const s = em.emulator.tenant;
console.log(`Okta org emulator: ${em.url}  (${s.orgName}, seed ${opts.seed})`);
console.log(
  `  ${s.users.length} users, ${s.groups.length} groups, ${s.apps.length} apps, ${s.logs.length} System Log events — generated in ${em.emulator.generationMs} ms (ready in ${Math.round(performance.now() - started)} ms)`,
);
console.log(`  rate limits: ${opts.rateLimits ? `on (window ${opts.rateWindowMs} ms)` : "off"}`);
console.log(`  credentials: ${em.url}/__emulator/credentials   control plane: ${em.url}/__emulator`);
const stop = async () => {
  await em.close();
  process.exit(0);
};
process.on("SIGINT", () => void stop());
process.on("SIGTERM", () => void stop());
