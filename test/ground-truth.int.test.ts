// The ground-truth comparison can fail: after a real sync, one stored column of one row is changed
// behind the product's back (its content hash left as it was, as an upsert that updated the hash but
// not the columns, or a mapper that read the wrong field, would leave it), and the comparison must
// name exactly that row and column. Every data column of every directory table is tried.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { stopBoss } from "@/lib/jobs/boss";
import { storedRows, TRUTH_TABLES, truthRows } from "@/test/ground-truth";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { runSync } from "@/test/run-sync";
import { connectToEmulator, differences, fetchTruth } from "@/test/sync-fixtures";

let emu: TestEmulator;
beforeAll(async () => {
  emu = await startTestEmulator({ seed: 61, users: 60, groups: 8, apps: 5, logDays: 1 });
});
afterAll(async () => {
  await emu?.close();
  await stopBoss();
});

const sql = () => getDb().$client;

/** A different value of the same type, null or not. */
const CHANGE = {
  text: (c: string) => `coalesce("${c}", '') || '~'`,
  time: (c: string) => `coalesce("${c}", '2000-01-01T00:00:00Z') + interval '1 second'`,
  int: (c: string) => `coalesce("${c}", 0) + 1`,
  bool: (c: string) => `not coalesce("${c}", false)`,
  json: (c: string) => `"${c}" || '{"~": 1}'::jsonb`,
};

/** Which part of storedRows/truthRows a table's rows are in, and the prefix of their keys there. */
const PLACE: Record<keyof typeof TRUTH_TABLES, { part: keyof Awaited<ReturnType<typeof storedRows>>; prefix: string }> = {
  users: { part: "users", prefix: "" },
  groups: { part: "groups", prefix: "" },
  memberships: { part: "memberships", prefix: "" },
  apps: { part: "apps", prefix: "" },
  appUsers: { part: "appAssignments", prefix: "u/" },
  appGroups: { part: "appAssignments", prefix: "g/" },
  roles: { part: "roles", prefix: "" },
  idps: { part: "idps", prefix: "" },
};

describe("the ground-truth comparison", () => {
  it("names the row and column of any stored value that differs from the emulator's object, the hash untouched", async () => {
    const c = await connectToEmulator(emu);
    expect(await runSync(c.runId)).toEqual({ claimed: true, status: "succeeded" });
    const truth = truthRows(await fetchTruth(emu));
    const clean = await storedRows(c.integrationId);
    for (const part of Object.keys(truth) as (keyof typeof truth)[]) {
      expect(truth[part].size, `the tenant has ${part}`).toBeGreaterThan(0);
      expect({ part, ...differences(clean[part], truth[part]) }).toEqual({ part, count: 0, first: [] });
    }

    const tried: string[] = [];
    for (const [name, spec] of Object.entries(TRUTH_TABLES) as [
      keyof typeof TRUTH_TABLES,
      (typeof TRUTH_TABLES)[keyof typeof TRUTH_TABLES],
    ][]) {
      const { part, prefix } = PLACE[name];
      const keyList = spec.key.map((k) => `"${k}"`).join(", ");
      const [row] = await sql().unsafe(
        `select ${keyList}, to_jsonb(t.*) as original from "${spec.table}" t where integration_id = $1 and deleted_at is null order by ${keyList} limit 1`,
        [c.integrationId],
      );
      const key = prefix + spec.key.map((k) => row[k]).join("/");
      const where = `integration_id = $1 and ${spec.key.map((k, i) => `"${k}" = $${i + 2}`).join(" and ")}`;
      const params = [c.integrationId, ...spec.key.map((k) => row[k] as string)];
      for (const [column, kind] of Object.entries(spec.columns)) {
        if (spec.key.includes(column)) continue;
        await sql().unsafe(`update "${spec.table}" set "${column}" = ${CHANGE[kind](column)} where ${where}`, params);
        try {
          const found = differences((await storedRows(c.integrationId))[part], truth[part]);
          expect({ table: spec.table, column, count: found.count }).toEqual({ table: spec.table, column, count: 1 });
          expect(found.first[0]).toMatch(new RegExp(`^changed ${key.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")} \\(${column}: `));
        } finally {
          await sql().unsafe(
            `update "${spec.table}" set "${column}" = (select "${column}" from jsonb_populate_record(null::"${spec.table}", $${params.length + 1}::jsonb)) where ${where}`,
            [...params, JSON.stringify(row.original)],
          );
        }
        tried.push(`${spec.table}.${column}`);
      }
    }
    // Every data column was tried (key columns define the row: a wrong one shows as missing + extra).
    expect(tried.length).toBe(
      Object.values(TRUTH_TABLES).reduce(
        (n, t) => n + Object.keys(t.columns).filter((col) => !(t.key as string[]).includes(col)).length,
        0,
      ),
    );
    const restored = await storedRows(c.integrationId);
    for (const part of Object.keys(truth) as (keyof typeof truth)[])
      expect({ part, ...differences(restored[part], truth[part]) }).toEqual({ part, count: 0, first: [] });
  });
});
