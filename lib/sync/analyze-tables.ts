// After a full pass, refresh the planner's statistics of the tables it wrote. A first sync grows a
// table from nothing to a million rows within minutes, long before autovacuum's next analyze; until
// then Postgres plans for an empty table (nested loops over a million rows), and the reconciliation
// right after the pass, the integration page and the directory all pay for it. ANALYZE samples a
// fixed number of rows, so this costs well under a second even for the largest tables.
// Under the batch writer's statement limit, not the pool's shorter one.
import { getDb } from "@/db";
import type { TableSpec } from "./tables";
import { writerSettings } from "./upsert-batch";

export async function analyzeTables(specs: TableSpec[]) {
  if (!specs.length) return;
  await getDb().$client.begin(async (tx) => {
    await writerSettings(tx, { asyncCommit: false });
    await tx.unsafe(`analyze ${specs.map((s) => `"${s.table}"`).join(", ")}`);
  });
}
