// The console under load while many orgs sync: a workspace with --orgs integrations (one emulated
// Okta org each, answering with --latency ms like Okta across the internet), all syncing at once in
// --workers `npm run worker` processes (SYNC_WORKER_CONCURRENCY --concurrency each; the web process
// runs none, RUN_WORKERS=0), while --clients signed-in browsers request the console's pages and APIs
// from `next start` one after another for --seconds. A finished sync is started again at once, so
// every org keeps syncing for the whole window. Prints p50/p95 per page and API, how many syncs ran
// meanwhile, the rows they wrote, the machine's load and the web process's CPU per request.
// --idle: the orgs' first syncs finish before the window and none is started again, so what is left
// is the console's own cost; with --clients 1 each request's web CPU is its own (the CPU column).
// --only REGEX: only the requests whose name matches (a profile of one page).
// --web N: N `next start` processes on consecutive ports from --web-port, client k asking process k mod N
// (what a load balancer in front of N web processes does).
//   npm run bench:console -- [--orgs 20] [--users 2000] [--latency 100] [--seconds 60] [--clients 4]
//     [--workers 2] [--concurrency 10] [--web 1] [--web-port 3500] [--emulator-port 8940] [--app-dir .] [--cpu-prof DIR] [--idle] [--only REGEX]
// --cpu-prof DIR: the web process writes a V8 CPU profile of the window to DIR (bench/cpu-prof-preload.cjs),
// for bench/cpu-profile-top.ts.
// Needs a production build in --app-dir (`next build`; heavy: run under `flock /tmp/heavy.lock`).
// DATABASE_URL set: a throw-away database on that server (dropped afterwards); unset: an embedded Postgres.
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { cpuProfileEnv, cpuSeconds, machineBusyMs, processGroup, waitFor } from "./processes";
import { benchDatabase, percentiles } from "./throwaway-db";

const { values: args } = parseArgs({
  options: {
    orgs: { type: "string", default: "20" },
    users: { type: "string", default: "2000" },
    latency: { type: "string", default: "100" },
    seconds: { type: "string", default: "60" },
    clients: { type: "string", default: "4" },
    workers: { type: "string", default: "2" },
    concurrency: { type: "string", default: "10" },
    web: { type: "string", default: "1" },
    "web-port": { type: "string", default: "3500" },
    "emulator-port": { type: "string", default: "8940" },
    "app-dir": { type: "string", default: process.cwd() },
    "db-pool": { type: "string" },
    keep: { type: "boolean", default: false },
    "cpu-prof": { type: "string", default: "" },
    idle: { type: "boolean", default: false },
    only: { type: "string", default: "" },
  },
});

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(", ");
const appDir = path.resolve(args["app-dir"]);
const { start, stopAll, stopGently } = processGroup(appDir);

interface Org {
  url: string;
  port: number;
  clientId: string;
  privateKeyPem: string;
  kid: string;
}

async function main() {
  const orgs = Number(args.orgs);
  process.env.AUTH_SECRET ||= randomBytes(32).toString("hex");
  process.env.APP_ENCRYPTION_KEY ||= randomBytes(32).toString("base64");
  const db = await benchDatabase({ prefix: "osc_bench_console" });
  process.env.DATABASE_URL = db.url;
  try {
    const { migrateDatabase } = await import("@/db/migrate");
    await migrateDatabase(db.url);
    console.log(
      `bench:console — ${orgs} orgs of ${args.users} people (latency ${args.latency} ms), ${args.workers} workers × ${args.concurrency} runs, ${args.clients} clients for ${args.seconds} s; ${db.where}; ${os.cpus().length} cores`,
    );
    console.log(`load before: ${load()}`);

    // The orgs, in a process of their own.
    const emu = start(
      "npx",
      [
        "tsx",
        path.join(import.meta.dirname, "console-emulators.ts"),
        "--orgs",
        String(orgs),
        "--port",
        args["emulator-port"],
        "--users",
        args.users,
        "--latency",
        args.latency,
      ],
      process.env,
      "emulators",
    );
    const list = await new Promise<Org[]>((resolve, reject) => {
      const rl = readline.createInterface({ input: emu.stdout! });
      rl.on("line", (line) => line.startsWith("[") && resolve(JSON.parse(line)));
      emu.once("exit", (code) => reject(new Error(`the emulators exited (${code})`)));
    });
    process.env.OKTA_ALLOWED_INSECURE_HOSTS = list.map((o) => `127.0.0.1:${o.port}`).join(",");
    const { resetEnvCache } = await import("@/lib/env");
    resetEnvCache();

    // A workspace, its admin, and one integration per org (the connect verb, which queues each initial run).
    const { createTenant } = await import("@/test/factories");
    const { userCtx } = await import("@/lib/context");
    const { connectIntegration } = await import("@/lib/integrations/connect-integration");
    const { stopBoss } = await import("@/lib/jobs/boss");
    const { getDb, closeDb } = await import("@/db");
    const tenant = await createTenant();
    const actor = {
      userId: tenant.admin.id,
      workspaceId: tenant.ws.id,
      email: tenant.admin.email,
      name: tenant.admin.name,
      role: "admin" as const,
      via: "api_key" as const,
    };
    const ids: string[] = [];
    for (const [i, o] of list.entries()) {
      const { integration } = await connectIntegration({
        ctx: userCtx(actor),
        input: {
          name: `Org ${i + 1}`,
          domain: o.url,
          auth: { method: "private_key_jwt", clientId: o.clientId, privateKey: o.privateKeyPem, keyId: o.kid },
          scopes: ["okta.users.read", "okta.groups.read", "okta.apps.read", "okta.logs.read", "okta.roles.read", "okta.idps.read"],
        },
      });
      ids.push(integration.id);
    }

    const env = {
      ...process.env,
      NODE_ENV: "production" as const,
      LOG_LEVEL: "warn",
      NEXT_TELEMETRY_DISABLED: "1",
      ...(args["db-pool"] ? { DB_POOL_MAX: args["db-pool"] } : {}),
    };
    const ports = Array.from({ length: Number(args.web) }, (_, k) => Number(args["web-port"]) + k);
    const webs = ports.map((p) => `http://127.0.0.1:${p}`);
    const web = webs[0];
    const profDir = args["cpu-prof"] ? path.resolve(args["cpu-prof"]) : "";
    const webProcs = ports.map((p, k) =>
      start(
        path.join(appDir, "node_modules/.bin/next"),
        ["start", "-p", String(p), "-H", "127.0.0.1"],
        {
          ...env,
          RUN_WORKERS: "0",
          ...(profDir ? cpuProfileEnv(profDir) : {}),
        },
        `web ${k + 1}`,
      ),
    );
    const workerProcs = Array.from({ length: Number(args.workers) }, (_, i) =>
      start("npm", ["run", "--silent", "worker"], { ...env, SYNC_WORKER_CONCURRENCY: args.concurrency }, `worker ${i + 1}`),
    );
    for (const w of webs) await waitFor("the console to answer", async () => (await fetch(`${w}/api/health`)).ok, 180_000, 500);

    // Signed in as a browser is: Auth.js's CSRF cookie and token, then the credentials callback.
    const jar = new Map<string, string>();
    const take = (res: Response) => {
      for (const line of res.headers.getSetCookie()) {
        const [pair] = line.split(";");
        const i = pair.indexOf("=");
        jar.set(pair.slice(0, i), pair.slice(i + 1));
      }
    };
    const cookie = () => [...jar].map(([k, v]) => `${k}=${v}`).join("; ");
    const csrf = await fetch(`${web}/api/auth/csrf`);
    take(csrf);
    const { csrfToken } = (await csrf.json()) as { csrfToken: string };
    const signIn = await fetch(`${web}/api/auth/callback/credentials`, {
      method: "POST",
      redirect: "manual",
      headers: { "content-type": "application/x-www-form-urlencoded", cookie: cookie() },
      body: new URLSearchParams({ csrfToken, email: tenant.admin.email, password: tenant.admin.password, callbackUrl: "/" }).toString(),
    });
    take(signIn);
    if (signIn.status !== 302 || (signIn.headers.get("location") ?? "").includes("error"))
      throw new Error(`sign-in failed (${signIn.status})`);

    const sql = getDb().$client;
    const running = async () => (await sql`select count(*)::int as n from sync_runs where status = 'running'`)[0].n as number;
    await waitFor(
      "the syncs to start",
      async () => (await running()) >= Math.min(orgs, Number(args.workers) * Number(args.concurrency)) / 2,
      180_000,
      500,
    );
    const unfinished = async () =>
      (await sql`select count(*)::int as n from sync_runs where status in ('queued', 'running')`)[0].n as number;
    if (args.idle) await waitFor("the first syncs to finish", async () => (await unfinished()) === 0, 1_800_000, 1000);

    // What a browser asks for: the pages (server-rendered HTML) and the APIs their screens poll.
    const pick = () => ids[Math.floor(Math.random() * ids.length)];
    const allRequests: { name: string; url: () => string }[] = [
      { name: "page /  (home dashboard)", url: () => "/" },
      { name: "page /integrations", url: () => "/integrations" },
      { name: "page /integrations/okta/{id}", url: () => `/integrations/okta/${pick()}` },
      { name: "page /integrations/okta/{id}/runs", url: () => `/integrations/okta/${pick()}/runs` },
      { name: "page /directory/people", url: () => "/directory/people" },
      { name: "page /activity", url: () => "/activity" },
      { name: "api  /api/dashboard", url: () => "/api/dashboard" },
      { name: "api  /api/integrations/status", url: () => "/api/integrations/status" },
      { name: "api  /api/integrations/{id}/overview", url: () => `/api/integrations/${pick()}/overview` },
      { name: "api  /api/integrations/{id}/overview/runs", url: () => `/api/integrations/${pick()}/overview/runs` },
      { name: "api  /api/integrations/{id}/events", url: () => `/api/integrations/${pick()}/events` },
      { name: "api  /api/directory/users", url: () => "/api/directory/users" },
      {
        name: "api  /api/directory/users?q=",
        url: () => `/api/directory/users?q=${["ann", "smi", "lee", "jo"][Math.floor(Math.random() * 4)]}`,
      },
      { name: "api  /api/activity", url: () => "/api/activity" },
    ];
    const requests = allRequests.filter((r) => new RegExp(args.only).test(r.name));
    if (!requests.length) throw new Error(`--only ${args.only} matches none of: ${allRequests.map((r) => r.name).join(", ")}`);
    // Each once first: a page that does not answer 200 is reported, not timed as if it had.
    for (const r of requests) {
      const res = await fetch(`${web}${r.url()}`, { headers: { cookie: cookie() }, redirect: "manual" });
      await res.arrayBuffer();
      if (res.status !== 200) console.log(`  note: ${r.name} answered ${res.status}`);
    }

    const times = new Map<string, number[]>(requests.map((r) => [r.name, []]));
    // Where the machine's CPU went in the window: the web processes, the workers, the emulated orgs (Okta's
    // share, which a real console's machine does not carry) and the rest (Postgres, this bench). The web
    // processes' (their whole process groups) also per request when one client asks.
    const groupCpuMs = (procs: { pid?: number }[]) => procs.reduce((ms, p) => ms + cpuSeconds({ pgrp: p.pid }) * 1000, 0);
    const webCpuMs = () => groupCpuMs(webProcs);
    const oneClient = Number(args.clients) === 1;
    const cpuOf = new Map<string, number[]>(requests.map((r) => [r.name, []]));
    const cpuBefore = { workers: groupCpuMs(workerProcs), emulators: groupCpuMs([emu]), machine: machineBusyMs() };
    const webCpuBefore = webCpuMs();
    const errors = new Map<string, number>();
    const until = Date.now() + Number(args.seconds) * 1000;
    const samples: number[] = [];
    const busy: number[] = [];
    const loadAt: number[][] = [];
    const [rowsBefore] = await sql`select coalesce(sum(added + updated + unchanged), 0)::bigint as n from sync_run_resources`;

    // Every org keeps syncing: a finished run is followed by a new one.
    const { startSync } = await import("@/lib/sync/start-sync");
    const keepSyncing = async () => {
      while (Date.now() < until) {
        samples.push(await running());
        loadAt.push(os.loadavg());
        const [c] =
          await sql`select count(*) filter (where state <> 'idle')::int as busy from pg_stat_activity where datname = current_database() and pid <> pg_backend_pid()`;
        busy.push(c.busy);
        if (args.idle) {
          await new Promise((r) => setTimeout(r, 1000));
          continue;
        }
        const idle = await sql<{ id: string }[]>`
          select i.id from integrations i where i.workspace_id = ${tenant.ws.id}
            and not exists (select 1 from sync_runs r where r.integration_id = i.id and r.status in ('queued', 'running'))`;
        for (const i of idle) await startSync({ ctx: userCtx(actor), input: { integrationId: i.id, trigger: "manual" } });
        await new Promise((r) => setTimeout(r, 1000));
      }
    };
    const client = async (seed: number, web: string) => {
      let i = seed;
      while (Date.now() < until) {
        const r = requests[i++ % requests.length];
        const cpu = oneClient ? webCpuMs() : 0;
        const t = performance.now();
        try {
          const res = await fetch(`${web}${r.url()}`, { headers: { cookie: cookie() }, redirect: "manual" });
          await res.arrayBuffer();
          const took = performance.now() - t;
          if (res.status !== 200) errors.set(r.name, (errors.get(r.name) ?? 0) + 1);
          else {
            times.get(r.name)!.push(took);
            if (oneClient) cpuOf.get(r.name)!.push(webCpuMs() - cpu);
          }
        } catch {
          errors.set(r.name, (errors.get(r.name) ?? 0) + 1);
        }
      }
    };
    await Promise.all([keepSyncing(), ...Array.from({ length: Number(args.clients) }, (_, k) => client(k * 3, webs[k % webs.length]))]);
    const webCpu = webCpuMs() - webCpuBefore;
    const cpuIn = {
      workers: groupCpuMs(workerProcs) - cpuBefore.workers,
      emulators: groupCpuMs([emu]) - cpuBefore.emulators,
      machine: machineBusyMs() - cpuBefore.machine,
    };
    const [rowsAfter] = await sql`select coalesce(sum(added + updated + unchanged), 0)::bigint as n from sync_run_resources`;
    const [finished] = await sql`select count(*)::int as n from sync_runs where status in ('succeeded', 'partial', 'failed')`;

    const avg = (xs: number[]) => xs.reduce((a, b) => a + b, 0) / Math.max(1, xs.length);
    console.log(`\n${args.idle ? "After the orgs' first syncs, none running" : "While the orgs synced"} (${args.seconds} s):`);
    console.log(
      `  ${"request".padEnd(44)} ${"n".padStart(5)} ${"err".padStart(4)} ${"p50 ms".padStart(8)} ${"p95 ms".padStart(8)} ${"max ms".padStart(8)}${oneClient ? "  web CPU ms" : ""}`,
    );
    for (const r of requests) {
      const ms = times.get(r.name)!;
      const p = ms.length ? percentiles(ms) : { p50: Number.NaN, p95: Number.NaN, max: Number.NaN };
      console.log(
        `  ${r.name.padEnd(44)} ${String(ms.length).padStart(5)} ${String(errors.get(r.name) ?? 0).padStart(4)} ${p.p50.toFixed(0).padStart(8)} ${p.p95.toFixed(0).padStart(8)} ${p.max.toFixed(0).padStart(8)}${oneClient ? avg(cpuOf.get(r.name)!).toFixed(1).padStart(12) : ""}`,
      );
    }
    const all = [...times.values()].flat();
    const pages = requests.filter((r) => r.name.startsWith("page")).flatMap((r) => times.get(r.name)!);
    const apis = requests.filter((r) => r.name.startsWith("api")).flatMap((r) => times.get(r.name)!);
    for (const [label, ms] of [
      ["all pages", pages],
      ["all APIs", apis],
      ["everything", all],
    ] as const) {
      if (!ms.length) continue;
      const p = percentiles(ms);
      console.log(
        `  ${label.padEnd(44)} ${String(ms.length).padStart(5)} ${"".padStart(4)} ${p.p50.toFixed(0).padStart(8)} ${p.p95.toFixed(0).padStart(8)} ${p.max.toFixed(0).padStart(8)}`,
      );
    }
    console.log(
      `\nWeb CPU (${webs.length} process${webs.length > 1 ? "es" : ""}): ${(webCpu / 1000).toFixed(1)} s in the window, ${(webCpu / Math.max(1, all.length)).toFixed(1)} ms per request`,
    );
    const s = (ms: number) => `${(ms / 1000).toFixed(1)} s`;
    console.log(
      `CPU in the window (all cores): ${s(cpuIn.machine)}; web ${s(webCpu)}, workers ${s(cpuIn.workers)}, emulated orgs ${s(cpuIn.emulators)}, the rest (Postgres, this bench) ${s(cpuIn.machine - webCpu - cpuIn.workers - cpuIn.emulators)}`,
    );
    console.log(
      `Syncs running at once: min ${Math.min(...samples)}, mean ${avg(samples).toFixed(1)}, max ${Math.max(...samples)} (sampled each second); runs finished so far: ${finished.n}`,
    );
    console.log(`Database connections busy at once (all processes): mean ${avg(busy).toFixed(1)}, max ${Math.max(...busy)}`);
    console.log(`Rows the syncs wrote or checked in the window: ${(Number(rowsAfter.n) - Number(rowsBefore.n)).toLocaleString()}`);
    console.log(
      `Load average during the window (1 min): mean ${avg(loadAt.map((l) => l[0])).toFixed(2)}, max ${Math.max(...loadAt.map((l) => l[0])).toFixed(2)}; after: ${load()}`,
    );
    await stopBoss();
    await closeDb();
    if (args["cpu-prof"]) await stopGently();
  } finally {
    stopAll();
    if (!args.keep) await db.stop();
    else console.log(`kept database ${db.url}`);
  }
}

main()
  .then(() => process.exit(0))
  .catch((e) => {
    console.error(e);
    stopAll();
    process.exit(1);
  });
