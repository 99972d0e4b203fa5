// Event hook freshness (issue 16): how long an Okta change pushed by event hook takes to show in the
// directory, alone on an idle system and during a burst of --changes changes.
//
// Real processes and real HTTP throughout: the Okta emulator (npm run emulator, its own process), the
// console's hook route (app/api/hooks/okta/[id], served over HTTP in its own process as the hook
// integration tests serve it: bench/hook-server-child.ts) and one `npm run worker` that works the
// hook-apply queue. An integration is connected (the worker runs its initial import), its event hook
// registered and verified in the emulator (setupEventHook), then the emulator makes the changes (profile
// edits, suspend/unsuspend, deactivate/reactivate, group membership adds and removes) and delivers their
// System Log events as Okta does: batched, to the verified hook, with the Authorization secret.
//
// Each change carries the time the emulator made it; it is visible when the directory shows it: the
// user's row has Okta's lastUpdated of that change or later (profile and status changes), or the
// membership row is live / gone. A poller reads the rows every --poll-ms; a latency is the first poll
// that saw the change minus the time it was made (so it includes up to one poll interval).
//
//   npm run bench:hooks -- [--users 10000] [--changes 10000] [--chunk 250] [--rate 0] [--idle 5]
//     [--rate-limits off|on] [--emulator-port 4330] [--poll-ms 100] [--timeout 300] [--keep] [--cpu-prof DIR]
// --cpu-prof DIR: the emulator, hook route and worker write V8 CPU profiles to DIR (bench/cpu-prof-preload.cjs;
// they are stopped with SIGTERM, not SIGKILL, so they can); bench/cpu-profile-top.ts summarises the burst's part of one.
// --rate 0: the changes are made as fast as the emulator makes them (--chunk per control call, back to
// back); --rate N: N changes a second. DATABASE_URL set: a throw-away database on that server
// (BENCH_DB_PREFIX names it), else an embedded Postgres.
import type { ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import os from "node:os";
import path from "node:path";
import readline from "node:readline";
import { parseArgs } from "node:util";
import { cpuProfileEnv, cpuSeconds, processGroup, waitFor } from "./processes";
import { benchDatabase } from "./throwaway-db";

const { values: args } = parseArgs({
  options: {
    users: { type: "string", default: "10000" },
    groups: { type: "string", default: "300" },
    apps: { type: "string", default: "30" },
    changes: { type: "string", default: "10000" },
    chunk: { type: "string", default: "250" },
    rate: { type: "string", default: "0" },
    idle: { type: "string", default: "5" },
    "rate-limits": { type: "string", default: "off" },
    "emulator-port": { type: "string", default: "4330" },
    "poll-ms": { type: "string", default: "100" },
    timeout: { type: "string", default: "300" },
    keep: { type: "boolean", default: false },
    "cpu-prof": { type: "string", default: "" },
  },
});

const KINDS = ["profile_edit", "suspend", "unsuspend", "departure", "reactivate", "membership_add", "membership_remove"];
const USER_KINDS = new Set(["profile_edit", "suspend", "unsuspend", "departure", "reactivate"]);

const load = () =>
  os
    .loadavg()
    .map((l) => l.toFixed(2))
    .join(", ");
const root = path.resolve(import.meta.dirname, "..");
const { start, stopAll, stopGently } = processGroup(root);
function firstLine<T>(child: ChildProcess, what: string, pick: (line: string) => T | undefined): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const rl = readline.createInterface({ input: child.stdout! });
    rl.on("line", (line) => {
      const v = pick(line);
      if (v !== undefined) resolve(v);
    });
    child.once("exit", (code) => reject(new Error(`${what} exited (${code})`)));
  });
}
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

interface Change {
  kind: string;
  userId?: string;
  groupId?: string;
  at: number;
  seen?: number;
}

function pct(xs: number[]) {
  const s = [...xs].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.max(0, Math.ceil(p * s.length) - 1))];
  return { n: s.length, p50: at(0.5), p95: at(0.95), p99: at(0.99), max: s.at(-1) ?? Number.NaN };
}
const ms = (x: number) => (Number.isFinite(x) ? `${Math.round(x).toLocaleString()} ms` : "—");
const row = (label: string, xs: number[]) => {
  const p = pct(xs);
  return `  ${label.padEnd(40)} n ${String(p.n).padStart(6)}   p50 ${ms(p.p50).padStart(9)}   p95 ${ms(p.p95).padStart(9)}   p99 ${ms(p.p99).padStart(9)}   max ${ms(p.max).padStart(9)}`;
};

async function main() {
  process.env.AUTH_SECRET ||= randomBytes(32).toString("hex");
  process.env.APP_ENCRYPTION_KEY ||= randomBytes(32).toString("base64");
  const db = await benchDatabase({ prefix: "osc_bench_hooks" });
  process.env.DATABASE_URL = db.url;
  const rateLimits = args["rate-limits"] === "on";
  const pollMs = Number(args["poll-ms"]);
  const profDir = args["cpu-prof"] ? path.resolve(args["cpu-prof"]) : "";
  if (profDir) Object.assign(process.env, cpuProfileEnv(profDir));
  try {
    const { migrateDatabase } = await import("@/db/migrate");
    await migrateDatabase(db.url);
    console.log(
      `bench:hooks — ${Number(args.changes).toLocaleString()} changes (${KINDS.join(", ")}) to an org of ${Number(args.users).toLocaleString()} users, ` +
        `${args.rate === "0" ? `made as fast as the emulator makes them (${args.chunk} a call)` : `${args.rate} a second`}; emulator rate limits ${rateLimits ? "on" : "off"}; ` +
        `${db.where}; ${os.cpus().length} cores; node ${process.version}`,
    );
    console.log(`load before: ${load()}`);

    // The Okta org, in a process of its own.
    const port = Number(args["emulator-port"]);
    const emuProc = start(
      "npx",
      [
        "tsx",
        "emulator/cli.ts",
        "--port",
        String(port),
        "--seed",
        "16",
        "--users",
        args.users,
        "--groups",
        args.groups,
        "--apps",
        args.apps,
        "--log-days",
        "1",
        ...(rateLimits ? [] : ["--no-rate-limits"]),
      ],
      process.env,
      "emulator",
    );
    const emuUrl = await firstLine(emuProc, "the emulator", (l) => l.match(/^Okta org emulator: (\S+)/)?.[1]);
    const control = async <T>(method: string, p: string, body?: unknown): Promise<T> => {
      const res = await fetch(`${emuUrl}/__emulator${p}`, {
        method,
        headers: body === undefined ? {} : { "content-type": "application/json" },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
      if (!res.ok) throw new Error(`emulator ${method} ${p}: ${res.status} ${await res.text()}`);
      return (await res.json()) as T;
    };
    process.env.OKTA_ALLOWED_INSECURE_HOSTS = `127.0.0.1:${port}`;
    const { resetEnvCache } = await import("@/lib/env");
    resetEnvCache();
    const env = { ...process.env, NODE_ENV: "production" as const, LOG_LEVEL: "warn" };

    // The console: the hook route over HTTP, and one worker process (the hook-apply and sync queues).
    const hookProc = start("npx", ["tsx", "bench/hook-server-child.ts"], env, "hook route");
    const origin = await firstLine(hookProc, "the hook route", (l) => (l.startsWith("{") ? (JSON.parse(l).origin as string) : undefined));
    const workerProc = start("npm", ["run", "--silent", "worker"], env, "worker");
    const dbName = new URL(db.url).pathname.slice(1);
    const cpu = () => ({
      emulator: cpuSeconds({ pgrp: emuProc.pid }),
      "hook route": cpuSeconds({ pgrp: hookProc.pid }),
      worker: cpuSeconds({ pgrp: workerProc.pid }),
      [`Postgres (backends of ${dbName})`]: cpuSeconds({ needle: ` ${dbName} ` }),
      "this process (maker, poller)": process.cpuUsage().user / 1e6 + process.cpuUsage().system / 1e6,
    });

    const { createTenant } = await import("@/test/factories");
    const { ALL_SCOPES } = await import("@/test/sync-fixtures");
    const { userCtx } = await import("@/lib/context");
    const { connectIntegration } = await import("@/lib/integrations/connect-integration");
    const { setupEventHook } = await import("@/lib/hooks/setup-event-hook");
    const { stopBoss } = await import("@/lib/jobs/boss");
    const { getDb, closeDb } = await import("@/db");
    const sql = getDb().$client;

    const creds = await control<{ apps: { name: string; clientId: string; privateKeyPem: string; kid: string }[] }>("GET", "/credentials");
    const app = creds.apps.find((a) => a.name === "admin-key")!;
    const tenant = await createTenant();
    const actor = {
      userId: tenant.admin.id,
      workspaceId: tenant.ws.id,
      email: tenant.admin.email,
      name: tenant.admin.name,
      role: "admin" as const,
      via: "api_key" as const,
    };
    const t0 = Date.now();
    const { integration } = await connectIntegration({
      ctx: userCtx(actor),
      input: {
        name: "Okta",
        domain: emuUrl,
        auth: { method: "private_key_jwt", clientId: app.clientId, privateKey: app.privateKeyPem, keyId: app.kid },
        scopes: [...ALL_SCOPES],
      },
    });
    const integrationId = integration.id as string;
    const status = await waitFor(
      "the initial import",
      async () => {
        const [r] = await sql`select status from sync_runs where integration_id = ${integrationId} order by queued_at limit 1`;
        return r && ["succeeded", "partial", "failed", "cancelled"].includes(r.status) ? (r.status as string) : undefined;
      },
      300_000,
      500,
    );
    if (status !== "succeeded") throw new Error(`the initial import ended ${status}`);
    const [counts] = await sql`
      select (select count(*)::int from okta_users where integration_id = ${integrationId} and deleted_at is null) as users,
             (select count(*)::int from okta_group_members where integration_id = ${integrationId} and deleted_at is null) as members`;
    console.log(
      `initial import by the worker: ${((Date.now() - t0) / 1000).toFixed(1)} s (${counts.users.toLocaleString()} users, ${counts.members.toLocaleString()} memberships)`,
    );
    const { state } = await setupEventHook({
      ctx: userCtx(actor),
      input: { register: true, rotateSecret: false, integrationId, origin },
    });
    if (!state.registered || !state.verified) throw new Error(`the event hook is not registered and verified: ${JSON.stringify(state)}`);
    console.log(`event hook registered in the emulator and verified: ${origin}/api/hooks/okta/{id}`);
    // Let the queue settle (the connect's follow-ups, the first scheduler tick).
    await sleep(3000);

    /** Polls the directory until every change is visible (or the deadline); sets `seen` on each. */
    async function track(changes: Change[], deadline: number) {
      const users = new Map<string, Change[]>();
      const pairs = new Map<string, Change[]>();
      const push = <K>(m: Map<K, Change[]>, k: K, c: Change) => m.set(k, [...(m.get(k) ?? []), c]);
      let pending = 0;
      const add = (batch: Change[]) => {
        for (const c of batch) {
          if (USER_KINDS.has(c.kind) && c.userId) push(users, c.userId, c);
          else if (c.kind.startsWith("membership_") && c.userId && c.groupId) push(pairs, `${c.groupId}\u0000${c.userId}`, c);
          else continue;
          pending++;
        }
      };
      add(changes);
      const poll = async () => {
        const now = Date.now();
        if (users.size) {
          const ids = [...users.keys()];
          const rows = await sql`
            select id, (extract(epoch from last_updated) * 1000)::float8 as lu from okta_users
             where integration_id = ${integrationId} and id = any(${ids}::text[])`;
          for (const r of rows) {
            const list = users.get(r.id)!;
            for (const c of list) if (c.seen === undefined && Number(r.lu) >= c.at) c.seen = now;
          }
        }
        if (pairs.size) {
          const keys = [...pairs.keys()].map((k) => k.split("\u0000"));
          const rows = await sql`
            select m.group_id, m.user_id from okta_group_members m
              join unnest(${keys.map((k) => k[0])}::text[], ${keys.map((k) => k[1])}::text[]) as p(g, u) on m.group_id = p.g and m.user_id = p.u
             where m.integration_id = ${integrationId} and m.deleted_at is null`;
          const live = new Set(rows.map((r) => `${r.group_id}\u0000${r.user_id}`));
          for (const [k, list] of pairs) {
            // Only the pair's latest change is judged by the row; earlier ones are visible with it.
            const last = list.at(-1)!;
            if (last.seen === undefined && live.has(k) === (last.kind === "membership_add")) last.seen = now;
            if (last.seen !== undefined) for (const c of list) c.seen ??= last.seen;
          }
        }
        for (const [k, list] of users) if (list.every((c) => c.seen !== undefined)) users.delete(k);
        for (const [k, list] of pairs) if (list.every((c) => c.seen !== undefined)) pairs.delete(k);
      };
      return {
        add,
        tracked: () => pending,
        async until(done: () => boolean) {
          while (Date.now() < deadline) {
            await poll();
            if (done() && !users.size && !pairs.size) return true;
            await sleep(pollMs);
          }
          return false;
        },
      };
    }

    // One change at a time on an idle system (a profile edit each), for reference.
    const idle: number[] = [];
    for (let i = 0; i < Number(args.idle); i++) {
      const r = await control<{ changes: Change[] }>("POST", "/mutations", { count: 1, seed: 900 + i, kinds: ["profile_edit"] });
      const tr = await track(r.changes, Date.now() + 30_000);
      await tr.until(() => true);
      const c = r.changes[0];
      idle.push(c.seen !== undefined ? c.seen - c.at : Number.NaN);
      await sleep(1500);
    }

    // The burst.
    const statsBefore = await control<{
      rateLimits: { requests: number; limited: number; byBucket: Record<string, { requests: number; limited: number }> };
      eventHooks: { batches: number; delivered: number; failed: number; retries: number };
    }>("GET", "/stats");
    const [{ received_before }] =
      await sql`select coalesce(max(received_at), now()) as received_before from hook_events where integration_id = ${integrationId}`;
    const total = Number(args.changes);
    const chunk = Number(args.chunk);
    const rate = Number(args.rate);
    const all: Change[] = [];
    const loadAt: number[] = [];
    const loadTimer = setInterval(() => loadAt.push(os.loadavg()[0]), 1000);
    const tr = await track([], Date.now() + Number(args.timeout) * 1000);
    const cpuBefore = cpu();
    let made = false;
    const maker = (async () => {
      const began = Date.now();
      for (let i = 0, seed = 1; i < total; seed++) {
        const n = Math.min(chunk, total - i);
        const r = await control<{ changes: Change[] }>("POST", "/mutations", { count: n, seed: 1000 + seed, kinds: KINDS });
        all.push(...r.changes);
        tr.add(r.changes);
        i += r.changes.length;
        if (rate > 0) {
          const wait = began + (i / rate) * 1000 - Date.now();
          if (wait > 0) await sleep(wait);
        }
      }
      made = true;
    })();
    const complete = await tr.until(() => made);
    await maker;
    clearInterval(loadTimer);
    const loadAfter = load();
    const cpuAfter = cpu();
    // The rows show before the job marks its batch applied: wait for that too (the stage figures below).
    await waitFor(
      "the events to be marked applied",
      async () =>
        (await sql`select count(*)::int as n from hook_events where integration_id = ${integrationId} and status = 'pending'`)[0].n === 0,
      60_000,
      100,
    ).catch(() => undefined);

    const statsAfter = await control<typeof statsBefore>("GET", "/stats");
    const lat = all.filter((c) => c.seen !== undefined).map((c) => c.seen! - c.at);
    const first = Math.min(...all.map((c) => c.at));
    const lastMade = Math.max(...all.map((c) => c.at));
    const lastSeen = Math.max(...all.map((c) => c.seen ?? 0));
    const [ev] = await sql`
      select count(*)::int as events,
             count(*) filter (where status = 'applied')::int as applied,
             count(*) filter (where status = 'failed')::int as failed,
             count(*) filter (where status = 'pending')::int as pending
        from hook_events where integration_id = ${integrationId} and received_at > ${received_before}`;
    const stages = await sql`
      select (extract(epoch from received_at - published) * 1000)::float8 as delivered,
             (extract(epoch from applied_at - received_at) * 1000)::float8 as applied
        from hook_events where integration_id = ${integrationId} and received_at > ${received_before} and applied_at is not null and published is not null`;

    console.log(`\nOne change on an idle system (profile edit → visible in the directory), ${idle.length} times:`);
    console.log(`  ${idle.map((x) => ms(x)).join(", ")}`);
    console.log(
      `\nBurst: ${all.length.toLocaleString()} changes made in ${((lastMade - first) / 1000).toFixed(1)} s, ${ev.events.toLocaleString()} events delivered (${statsAfter.eventHooks.batches - statsBefore.eventHooks.batches} POSTs, ${statsAfter.eventHooks.failed - statsBefore.eventHooks.failed} failed, ${statsAfter.eventHooks.retries - statsBefore.eventHooks.retries} retried)`,
    );
    const byKind = new Map<string, number>();
    for (const c of all) byKind.set(c.kind, (byKind.get(c.kind) ?? 0) + 1);
    console.log(`  kinds: ${[...byKind].map(([k, n]) => `${k} ${n}`).join(", ")}`);
    console.log(
      `  ${complete ? "all visible" : `NOT all visible within ${args.timeout} s: ${all.length - lat.length} missing`}; last visible ${((lastSeen - first) / 1000).toFixed(1)} s after the first change`,
    );
    console.log("\nLatency, change made in Okta → visible in the directory:");
    console.log(row("all changes", lat));
    for (const k of KINDS) {
      const xs = all.filter((c) => c.kind === k && c.seen !== undefined).map((c) => c.seen! - c.at);
      if (xs.length) console.log(row(k, xs));
    }
    console.log("\nLatency by the second the change was made in (a backlog grows when the second's p95 climbs):");
    for (let sec = 0; sec * 1000 <= lastMade - first; sec++) {
      const xs = all.filter((c) => c.seen !== undefined && Math.floor((c.at - first) / 1000) === sec).map((c) => c.seen! - c.at);
      if (xs.length) console.log(row(`made in second ${sec + 1}`, xs));
    }
    console.log("\nWhere the time goes (from hook_events, server clock):");
    console.log(
      row(
        "event published → stored by the hook route",
        stages.map((s) => Number(s.delivered)),
      ),
    );
    console.log(
      row(
        "stored → marked applied (queue + apply)",
        stages.map((s) => Number(s.applied)),
      ),
    );
    console.log(`  events: ${ev.applied.toLocaleString()} applied, ${ev.failed} failed, ${ev.pending} pending at the end`);
    console.log(
      `\nThroughput: ${(lat.length / ((lastSeen - first) / 1000)).toFixed(0)} changes/s made visible (${(ev.applied / ((lastSeen - first) / 1000)).toFixed(0)} events/s applied), first change to last visible`,
    );
    const req = statsAfter.rateLimits.requests - statsBefore.rateLimits.requests;
    const buckets = Object.entries(statsAfter.rateLimits.byBucket)
      .map(
        ([k, v]) =>
          [
            k,
            v.requests - (statsBefore.rateLimits.byBucket[k]?.requests ?? 0),
            v.limited - (statsBefore.rateLimits.byBucket[k]?.limited ?? 0),
          ] as const,
      )
      .filter(([, n]) => n > 0)
      .sort((a, b) => b[1] - a[1]);
    console.log(
      `Okta requests during the burst: ${req.toLocaleString()} (${buckets.map(([k, n, l]) => `${k} ${n}${l ? `, ${l} limited` : ""}`).join("; ")})`,
    );
    const window = (lastSeen - first) / 1000;
    console.log(
      `CPU from the first change to the last visible (${window.toFixed(1)} s): ${Object.entries(cpuAfter)
        .map(([k, v]) => `${k} ${(v - cpuBefore[k]).toFixed(1)} s`)
        .join(", ")}`,
    );
    const avg = loadAt.reduce((a, b) => a + b, 0) / Math.max(1, loadAt.length);
    console.log(
      `Load average (1 min) during the burst: mean ${avg.toFixed(2)}, max ${Math.max(...loadAt).toFixed(2)}; after: ${loadAfter}`,
    );
    const p95 = pct(lat).p95;
    console.log(`\nTarget p95 ≤ 2,000 ms: ${complete && p95 <= 2000 ? "met" : "NOT met"} (p95 ${ms(p95)})`);
    await stopBoss();
    await closeDb();
    if (profDir) {
      console.log(`burst window for the profiles: the last ${(window + (Date.now() - lastSeen) / 1000).toFixed(1)} s of each`);
      await stopGently();
    }
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
