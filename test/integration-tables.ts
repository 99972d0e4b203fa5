// Every table that holds rows of an integration (an integration_id column), read from the drizzle
// schema so a new table is covered without being named, and what a disconnect must leave in each.
import { count, eq, getTableColumns, getTableName, is } from "drizzle-orm";
import { type AnyPgColumn, PgTable } from "drizzle-orm/pg-core";
import { getDb } from "@/db";
import * as schema from "@/db/schema";

/**
 * The tables that keep an integration's rows after "Delete it permanently", and why: the integration
 * itself stays (disconnected) with its history. Every other integration table must hold none.
 */
export const KEPT_AFTER_DELETE: Record<string, string> = {
  integration_events: "the event log: the audit trail, which records the disconnect itself",
  integration_event_counts: "the event log's size per kind and level, kept with it",
  sync_runs: "run history: when, how long, counts and errors; no Okta object",
  sync_resource_successes: "run history: each resource's newest successful pass (its run and time)",
  event_hooks: "the hook's registration (URL, Okta's hook id) for the clean-up steps in Okta; no Okta data",
  action_requests:
    "the history of actions requested on Okta (who asked, why, who approved, each target's outcome), which the audit log refers to",
  audit_log: "the append-only audit log of actions: the database refuses to delete it while the workspace exists",
};

type IntegrationTable = PgTable & { integrationId: AnyPgColumn };

/** Every table of the schema with an integration_id column, by SQL name. */
export function integrationTables(): Map<string, IntegrationTable> {
  const out = new Map<string, IntegrationTable>();
  for (const value of Object.values(schema)) {
    if (!is(value, PgTable)) continue;
    if (!("integrationId" in getTableColumns(value))) continue;
    out.set(getTableName(value), value as IntegrationTable);
  }
  return out;
}

/** How many rows of the integration each integration table holds, by SQL table name. */
export async function integrationRowCounts(integrationId: string): Promise<Record<string, number>> {
  const db = getDb();
  const out: Record<string, number> = {};
  for (const [name, table] of integrationTables()) {
    const [r] = await db.select({ n: count() }).from(table).where(eq(table.integrationId, integrationId));
    out[name] = r.n;
  }
  return out;
}
