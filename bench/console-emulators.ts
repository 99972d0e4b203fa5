// bench:console's Okta orgs: N emulators in one process of their own (so serving twenty syncs never
// runs on the event loop that times the console's answers), on consecutive ports, each answering with
// a fixed latency like a real Okta org across the internet. Prints one JSON line when all are up:
// each org's URL and the credentials of its read-only service app.
//   npx tsx bench/console-emulators.ts --orgs 20 --port 8940 --users 2000 --latency 100
import { parseArgs } from "node:util";
import { startEmulator } from "@/emulator/server";

const { values: args } = parseArgs({
  options: {
    orgs: { type: "string", default: "20" },
    port: { type: "string", default: "8940" },
    users: { type: "string", default: "2000" },
    latency: { type: "string", default: "100" },
  },
});

const orgs = Number(args.orgs);
const users = Number(args.users);
const started: { url: string; port: number; clientId: string; privateKeyPem: string; kid: string; close: () => Promise<void> }[] = [];
for (let i = 0; i < orgs; i++) {
  const em = await startEmulator({
    port: Number(args.port) + i,
    host: "127.0.0.1",
    seed: 1000 + i,
    users,
    groups: Math.max(5, Math.round(users / 40)),
    apps: Math.max(3, Math.round(users / 200)),
    logDays: 7,
    rateLimits: false,
  });
  const control = async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${em.url}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { "content-type": "application/json" },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    if (!res.ok) throw new Error(`emulator ${method} ${path}: ${res.status}`);
    return res.json();
  };
  const creds = (await control("GET", "/credentials")) as {
    apps: { name: string; clientId: string; privateKeyPem: string; kid: string }[];
  };
  const app = creds.apps.find((a) => a.name === "readonly-key")!;
  await control("POST", "/faults", { latencyMs: Number(args.latency) });
  started.push({ url: em.url, port: em.port, clientId: app.clientId, privateKeyPem: app.privateKeyPem, kid: app.kid, close: em.close });
}
console.log(JSON.stringify(started.map(({ close: _, ...o }) => o)));
const stop = async () => {
  for (const e of started) await e.close();
  process.exit(0);
};
process.on("SIGTERM", () => void stop());
process.on("SIGINT", () => void stop());
