// The scheduler tick (every minute): starts a scheduled run for each connected integration whose
// nextSyncAt has passed. Why one tick rather than a pg-boss schedule per integration: pg-boss 10
// keys schedules by queue name (one queue per integration, each needing its own worker), cron cannot
// express "every N minutes since the last run", and a tick over an indexed column skips
// disconnected integrations by construction. Several workers may tick at once: the due rows are
// claimed with FOR UPDATE SKIP LOCKED and moved forward in the same statement.
import { getDb } from "@/db";
import { log } from "@/lib/log";
import { startSync } from "./start-sync";

export async function enqueueDueSyncs(limit = 100): Promise<string[]> {
  const sql = getDb().$client;
  const due = await sql<{ id: string; workspace_id: string }[]>`
    update integrations set next_sync_at = now() + make_interval(mins => full_sync_interval_minutes)
    where id in (
      select id from integrations where state = 'connected' and next_sync_at <= now()
      order by next_sync_at limit ${limit} for update skip locked)
    returning id, workspace_id`;
  const started: string[] = [];
  for (const i of due) {
    try {
      const { run } = await startSync({ integrationId: i.id, workspaceId: i.workspace_id, trigger: "scheduled" });
      started.push(run.id);
    } catch (error) {
      log.warn("scheduled sync could not start", { integrationId: i.id, error });
    }
  }
  return started;
}
