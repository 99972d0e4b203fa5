// Removes a disconnected integration from the workspace: its imported data (whatever the disconnect
// kept), then the integration itself with its event log, run history and hook registration. Only a
// disconnected one: a connected integration is disconnected first (credentials deleted, hook taken
// out of Okta), which is what the Disconnect button does. The removal is logged on the server, since
// the integration's own event log goes with it.
import { and, eq, sql } from "drizzle-orm";
import { integrations } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { getEnv } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { log } from "@/lib/log";
import type { RemoveResult } from "./contracts";
import { IMPORTED_DATA } from "./imported-data";

export async function removeIntegration({ ctx, input }: { ctx: Ctx; input: { integrationId: string } }): Promise<RemoveResult> {
  const { actor } = ctx;
  return ctx.db.transaction(async (tx) => {
    const where = and(eq(integrations.id, input.integrationId), eq(integrations.workspaceId, actor.workspaceId));
    const [row] = await tx.select().from(integrations).where(where).for("update");
    if (!row) throw notFound("Integration");
    if (row.state !== "disconnected") throw new AppError("CONFLICT", "Disconnect this integration before removing it");
    // A large tenant's copy takes longer than the pool's statement limit (as for disconnect).
    await tx.execute(sql`select set_config('statement_timeout', ${String(getEnv().DB_WRITE_STATEMENT_TIMEOUT_MS)}, true)`);
    const deletedRows: Record<string, number> = {};
    for (const [name, table] of Object.entries(IMPORTED_DATA)) {
      const r = await tx.execute(sql`delete from ${table} where ${table.integrationId} = ${row.id}`);
      deletedRows[name] = (r as unknown as { count?: number }).count ?? 0;
    }
    // The rest (events, runs and their changes, hook registration) goes with the row (on delete cascade).
    await tx.delete(integrations).where(where);
    log.info("integration removed", {
      integrationId: row.id,
      workspaceId: row.workspaceId,
      name: row.name,
      domain: row.domain,
      by: actor.userId,
      deletedRows,
    });
    return { removed: { id: row.id, name: row.name, domain: row.domain }, deletedRows };
  });
}
