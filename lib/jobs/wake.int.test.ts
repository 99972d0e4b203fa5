// A run sent from the process that works the queue is picked up at once, not at the workers' next
// poll: with a poll every 60 s, a "Sync now" still starts well before the next poll comes round. On a
// database of its own, so the workers see no other test's jobs.
import { randomUUID } from "node:crypto";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { migrateDatabase } from "@/db/migrate";
import { userCtx } from "@/lib/context";
import { resetEnvCache } from "@/lib/env";
import { startSync } from "@/lib/sync/start-sync";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { connectToEmulator } from "@/test/sync-fixtures";
import { getBoss, QUEUES, stopBoss, WAKE_CHANNEL } from "./boss";
import { startWorkers, type Workers } from "./start-workers";

const baseUrl = process.env.DATABASE_URL!;
const dbName = `osc_wake_${randomUUID().slice(0, 8)}`;
let emu: TestEmulator | undefined;
let workers: Workers | undefined;

beforeAll(async () => {
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`create database "${dbName}"`);
  await admin.end();
  const u = new URL(baseUrl);
  u.pathname = `/${dbName}`;
  await migrateDatabase(u.toString());
  await stopBoss();
  await closeDb();
  process.env.DATABASE_URL = u.toString();
  resetEnvCache();
}, 120_000);
afterAll(async () => {
  await workers?.stop();
  await emu?.close();
  await stopBoss();
  await closeDb();
  process.env.DATABASE_URL = baseUrl;
  resetEnvCache();
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  await admin.unsafe(`drop database if exists "${dbName}" with (force)`).catch(() => {});
  await admin.end();
});

const status = async (runId: string) => (await getDb().$client`select status from sync_runs where id = ${runId}`)[0].status as string;

describe("enqueueSyncRun", () => {
  it("wakes this process's idle sync workers, which start the run long before their next poll", async () => {
    emu = await startTestEmulator({ seed: 3, users: 20, groups: 3, apps: 2, logDays: 1 });
    const c = await connectToEmulator(emu);
    // The initial run is taken by the workers' first fetch; once it has ended they are idle, each
    // 60 s from its next poll.
    workers = await startWorkers({ concurrency: 1, pollingIntervalSeconds: 60, reapIntervalMs: 3_600_000 });
    await expect.poll(() => status(c.runId), { timeout: 30_000 }).toBe("succeeded");
    const { run } = await startSync({ ctx: userCtx(c.actor), input: { integrationId: c.integrationId, trigger: "manual" } });
    // Without the wake-up it would wait for that poll; 20 s is well short of it.
    await expect.poll(() => status(run.id), { timeout: 20_000, interval: 200 }).not.toBe("queued");
  });

  it("wakes them when another process sends (a web process without workers): the NOTIFY on the wake channel", async () => {
    expect(workers).toBeDefined();
    const c = await connectToEmulator(emu!);
    const boss = await getBoss();
    // Sent without this process's own wake-up, as a process that works no queue sends.
    const id = await boss.send(QUEUES.hookApply, { integrationId: c.integrationId }, { singletonKey: c.integrationId });
    expect(id).toBeTruthy();
    const other = postgres(process.env.DATABASE_URL!, { max: 1, onnotice: () => {} });
    try {
      await other`select pg_notify(${WAKE_CHANNEL}, 'not-a-queue')`;
      await other`select pg_notify(${WAKE_CHANNEL}, ${QUEUES.hookApply})`;
    } finally {
      await other.end();
    }
    // The workers poll every 60 s: only the wake-up gets the job done this soon.
    await expect
      .poll(async () => (await boss.getJobById(QUEUES.hookApply, id!))?.state, { timeout: 20_000, interval: 200 })
      .toBe("completed");
  });
});
