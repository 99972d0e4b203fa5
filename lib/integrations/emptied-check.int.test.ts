// Deleting a small integration's data next to a large one's (a disconnect that deletes the data) must not
// read the large one's rows. The delete triggers ask whether the integration has rows left in the table
// (okta_has_rows, drizzle/0033_has_rows_probe.sql); written inline, that question was planned from the number
// of distinct integrations and became a sequential scan of the whole table once the table had been
// analyzed with two integrations in it. On a database of its own, so the planner's statistics are only this
// test's: the scans are counted with pg_stat_xact_user_tables inside the deleting transaction.
import { getTableName } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { insertIntegration } from "@/test/activity-fixtures";
import { createWorkspace } from "@/test/factories";
import { ownDatabase } from "@/test/worker-processes";
import { IMPORTED_DATA } from "./imported-data";

let db: Awaited<ReturnType<typeof ownDatabase>>;
beforeAll(async () => {
  db = await ownDatabase("osc_emptied");
});
afterAll(async () => {
  await db?.drop();
});

const sql = () => getDb().$client;

// The tables whose delete triggers ask the question, each seeded with `n` rows of an integration.
const SEEDED = [
  "okta_users",
  "okta_groups",
  "okta_apps",
  "okta_idps",
  "okta_group_members",
  "okta_app_users",
  "okta_app_groups",
  "okta_log_events",
];

async function seed(workspaceId: string, integrationId: string, n: number) {
  const at = { w: workspaceId, i: integrationId };
  await sql().begin(async (tx) => {
    await tx`insert into okta_users (workspace_id, integration_id, id, status, login, profile, content_hash)
      select ${at.w}, ${at.i}, 'u' || g, 'ACTIVE', 'u' || g || '@example.com', '{}', 'h' from generate_series(1, ${n}) g`;
    await tx`insert into okta_groups (workspace_id, integration_id, id, type, name, profile, content_hash)
      select ${at.w}, ${at.i}, 'g' || g, 'OKTA_GROUP', 'Group ' || g, '{}', 'h' from generate_series(1, ${n}) g`;
    await tx`insert into okta_apps (workspace_id, integration_id, id, name, label, status, content_hash)
      select ${at.w}, ${at.i}, 'a' || g, 'app', 'App ' || g, 'ACTIVE', 'h' from generate_series(1, ${n}) g`;
    await tx`insert into okta_idps (workspace_id, integration_id, id, name, type, status, content_hash)
      select ${at.w}, ${at.i}, 'i' || g, 'IdP ' || g, 'SAML2', 'ACTIVE', 'h' from generate_series(1, ${n}) g`;
    await tx`insert into okta_group_members (workspace_id, integration_id, group_id, user_id)
      select ${at.w}, ${at.i}, 'g' || g, 'u' || g from generate_series(1, ${n}) g`;
    await tx`insert into okta_app_users (workspace_id, integration_id, app_id, user_id, content_hash)
      select ${at.w}, ${at.i}, 'a' || g, 'u' || g, 'h' from generate_series(1, ${n}) g`;
    await tx`insert into okta_app_groups (workspace_id, integration_id, app_id, group_id, content_hash)
      select ${at.w}, ${at.i}, 'a' || g, 'g' || g, 'h' from generate_series(1, ${n}) g`;
    await tx`insert into okta_log_events (workspace_id, integration_id, uuid, event_type, published)
      select ${at.w}, ${at.i}, 'e' || g, 'user.session.start', now() - g * interval '1 minute' from generate_series(1, ${n}) g`;
  });
}

describe("the delete triggers' emptied check", () => {
  it("deleting a small integration's data reads none of a large integration's rows", async () => {
    const ws = await createWorkspace();
    const large = await insertIntegration(ws.id, "large");
    const small = await insertIntegration(ws.id, "small");
    // The large integration's rows come first in each table, so a scan for the small one's reads them all.
    await seed(ws.id, large.id, 5000);
    await seed(ws.id, small.id, 3);
    for (const t of SEEDED) await sql().unsafe(`analyze ${t}`);

    const scans = await sql().begin(async (tx) => {
      for (const table of Object.values(IMPORTED_DATA))
        await tx.unsafe(`delete from ${getTableName(table)} where integration_id = $1`, [small.id]);
      return tx`select relname, seq_scan::int, coalesce(seq_tup_read, 0)::int as seq_tup_read
        from pg_stat_xact_user_tables where relname = any(${SEEDED}) order by relname`;
    });
    // Every seeded table was read by its primary key only: no sequential scan, no row of the large one.
    expect(scans.map((r) => `${r.relname} ${r.seq_scan} ${r.seq_tup_read}`)).toEqual([...SEEDED].sort().map((t) => `${t} 0 0`));

    // The check still answers: the small integration's counts are gone, the large one's are kept.
    const counts = await sql()`select integration_id, count(*)::int as n from okta_counts group by 1`;
    expect(counts.find((r) => r.integration_id === small.id)).toBeUndefined();
    expect(counts.find((r) => r.integration_id === large.id)?.n).toBeGreaterThan(0);
    const [left] = await sql()`select okta_has_rows('okta_users', ${large.id}) as large, okta_has_rows('okta_users', ${small.id}) as small`;
    expect(left).toEqual({ large: true, small: false });
  });
});
