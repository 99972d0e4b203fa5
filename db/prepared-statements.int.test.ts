// The pool's statements (db/index.ts, patches/drizzle-orm+0.45.4.patch): a drizzle query is prepared once
// per connection, so a later execution is one round trip with no parse; every statement is still planned
// for its own parameters, except in the batch writer's transactions, whose statements keep Postgres's
// default plan caching (writerSettings).
import { and, eq, sql } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { getDb } from "@/db";
import { workspaces } from "@/db/schema";
import { writerSettings } from "@/lib/sync/upsert-batch";
import { createWorkspace } from "@/test/factories";

describe("the pool's statements", () => {
  it("prepares a drizzle query on its connection and plans it for its parameters", async () => {
    const ws = await createWorkspace();
    // A query text of this test alone, run three times in one transaction (one connection).
    const mark = `probe-${crypto.randomUUID()}`;
    const [prepared, mode] = await getDb().transaction(async (tx) => {
      for (let i = 0; i < 3; i++)
        expect(
          await tx
            .select({ id: workspaces.id })
            .from(workspaces)
            .where(and(eq(workspaces.id, ws.id), sql`${sql.raw(`'${mark}'`)} <> ''`)),
        ).toEqual([{ id: ws.id }]);
      return [
        await tx.execute(sql`select generic_plans::int, custom_plans::int from pg_prepared_statements
          where statement like ${`%${mark}%`} and statement not like '%pg_prepared_statements%'`),
        await tx.execute<{ plan_cache_mode: string }>(sql`show plan_cache_mode`),
      ];
    });
    // Parsed once, planned for its parameter at each of the three executions.
    expect([...prepared]).toEqual([{ generic_plans: 0, custom_plans: 3 }]);
    expect(mode[0].plan_cache_mode).toBe("force_custom_plan");
  });

  it("lets the batch writer's transactions reuse plans", async () => {
    const modes = await getDb().$client.begin(async (tx) => {
      const [before] = await tx`show plan_cache_mode`;
      await writerSettings(tx, { asyncCommit: false });
      const [after] = await tx`show plan_cache_mode`;
      return [before.plan_cache_mode, after.plan_cache_mode];
    });
    expect(modes).toEqual(["force_custom_plan", "auto"]);
    const [outside] = await getDb().execute<{ plan_cache_mode: string }>(sql`show plan_cache_mode`);
    expect(outside.plan_cache_mode).toBe("force_custom_plan");
  });
});
