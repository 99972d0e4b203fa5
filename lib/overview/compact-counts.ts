// Folds the deltas of okta_counts, okta_sign_in_hours, okta_deprovisioned_access, okta_admin_role_holders
// (db/schema/counts.ts) and integration_event_counts (db/schema/integrations.ts) into one row per key,
// dropping keys that sum to zero. Every write adds delta rows; without folding, a reader would sum
// thousands after a large import. Run by the scheduler tick for the integrations that gathered
// enough deltas.
// Safe beside writers and another compaction: each folds only the rows it could lock (skip locked),
// in one statement, so a sum is never lost or counted twice and nobody waits on anybody.
// A fold marks its transaction (osc.folding): the trigger that watches admin role holders' sums cross
// zero (drizzle/0030_admin_logins.sql) passes by rows that only restate a sum.
import { sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db";

/** An integration is folded once it has this many more delta rows than keys. */
export const COMPACT_AFTER = 64;

/** The delta tables, each with the columns of its key: what a reader sums, and what folding keeps. */
export const FOLDED_TABLES = [
  { table: "okta_counts", key: "subject, key" },
  { table: "okta_sign_in_hours", key: "hour, outcome" },
  { table: "okta_deprovisioned_access", key: "user_id, kind" },
  { table: "okta_admin_role_holders", key: "user_id, role_key" },
  { table: "integration_event_counts", key: "kind, level" },
] as const;

/** Folds the given integrations' deltas, or those of every integration that gathered COMPACT_AFTER or more. */
export async function compactCounts(opts: { integrationId?: string } = {}, db: DbOrTx = getDb()): Promise<{ folded: number }> {
  let folded = 0;
  for (const { table, key } of FOLDED_TABLES) {
    const [t, k] = [sql.raw(table), sql.raw(key)];
    const ids = opts.integrationId
      ? [opts.integrationId]
      : (
          await db.execute<{ id: string }>(
            sql`select integration_id as id from ${t} group by 1 having count(*) - count(distinct (${k})) >= ${COMPACT_AFTER}`,
          )
        ).map((r) => r.id);
    for (const id of ids) {
      const [r] = await db.transaction(async (tx) => {
        await tx.execute(sql`select set_config('osc.folding', 'on', true)`);
        const rows = await tx.execute<{ n: number }>(sql`
        with gone as (
          delete from ${t} where id in (select id from ${t} where integration_id = ${id} for update skip locked)
          returning integration_id, ${k}, n),
        kept as (
          insert into ${t} (integration_id, ${k}, n)
          select integration_id, ${k}, sum(n) from gone group by integration_id, ${k} having sum(n) <> 0
          returning 1)
        select (select count(*) from gone)::int - (select count(*) from kept)::int as n`);
        // Within a caller's transaction the mark would outlive the fold: take it off.
        await tx.execute(sql`select set_config('osc.folding', '', true)`);
        return rows;
      });
      folded += r.n;
    }
  }
  return { folded };
}
