// SYNC_WRITE_SLOTS: at most that many sync write transactions run at once across every process on
// the database (transaction advisory locks); the others wait for a slot instead of failing, and a
// run with a single slot still completes exactly (no part of a run waits on a slot it holds itself).
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { closeDb, getDb } from "@/db";
import { resetEnvCache } from "@/lib/env";
import { stopBoss } from "@/lib/jobs/boss";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { connectToEmulator, differences, fetchTruth, storedRows, truthRows } from "@/test/sync-fixtures";
import { waitFor } from "@/test/worker-processes";
import { WRITE_SLOT_LOCK, writerSettings } from "./upsert-batch";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: 61, users: 120, groups: 10, apps: 4, logDays: 1 });
});
afterEach(async () => {
  delete process.env.SYNC_WRITE_SLOTS;
  resetEnvCache();
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
  await closeDb();
});

const sql = () => getDb().$client;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function withSlots(n: number) {
  process.env.SYNC_WRITE_SLOTS = String(n);
  resetEnvCache();
}

/** A writer transaction that takes its slot, then holds it until `release` is called. */
function holdWriter() {
  let release!: () => void;
  const gate = new Promise<void>((r) => {
    release = r;
  });
  let entered!: () => void;
  const inside = new Promise<void>((r) => {
    entered = r;
  });
  const done = sql().begin(async (tx) => {
    await writerSettings(tx, { asyncCommit: true });
    entered();
    await gate;
  });
  return { inside, release, done };
}

/** Backends of this database waiting for a write slot. */
async function waitingForSlot() {
  const [row] = await sql()`select count(*)::int as n from pg_locks l join pg_database d on d.oid = l.database
    where d.datname = current_database() and l.locktype = 'advisory' and l.classid = ${WRITE_SLOT_LOCK} and l.objsubid = 2 and not l.granted`;
  return row.n as number;
}

describe("sync write slots", () => {
  it("with two slots, two writers go at once and a third waits until one of them commits", async () => {
    withSlots(2);
    const a = holdWriter();
    const b = holdWriter();
    let c: ReturnType<typeof holdWriter> | null = null;
    // Released whatever happens, so a failed expectation leaves no transaction open behind the test.
    try {
      await Promise.all([a.inside, b.inside]);
      c = holdWriter();
      let cInside = false;
      void c.inside.then(() => {
        cInside = true;
      });
      // The third reaches its wait in its own time (a loaded machine is slow to get there).
      await waitFor("the third writer to queue for a slot", async () => (await waitingForSlot()) >= 1, 20_000);
      await sleep(200);
      expect({ cInside, waiting: await waitingForSlot() }).toEqual({ cInside: false, waiting: 1 });

      // Whichever slot the third waits on, it goes on once both holders are done with theirs.
      a.release();
      b.release();
      await Promise.all([a.done, b.done]);
      await c.inside;
      expect(await waitingForSlot()).toBe(0);
    } finally {
      for (const w of [a, b, c]) w?.release();
      await Promise.allSettled([a, b, c].map((w) => w?.done));
    }
  });

  it("without the setting, writers take no slot", async () => {
    const a = holdWriter();
    try {
      await a.inside;
      const [held] = await sql()`select count(*)::int as n from pg_locks where locktype = 'advisory' and classid = ${WRITE_SLOT_LOCK}`;
      expect(held.n).toBe(0);
    } finally {
      a.release();
      await a.done;
    }
  });

  it("a full sync with a single slot succeeds and stores exactly what Okta has", async () => {
    withSlots(1);
    const c = await connectToEmulator(emu);
    const result = await runSync(c.runId);
    expect(result.status).toBe("succeeded");
    const truth = truthRows(await fetchTruth(emu));
    const stored = await storedRows(c.integrationId);
    for (const key of Object.keys(truth) as (keyof typeof truth)[]) {
      expect({ key, ...differences(stored[key], truth[key]) }).toEqual({ key, count: 0, first: [] });
    }
  });
});
