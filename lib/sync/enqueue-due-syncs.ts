// The scheduler tick (every minute): starts a scheduled run for each connected integration whose
// nextSyncAt (full) or nextIncrementalSyncAt has passed; when both are due the full run wins (it
// also brings the copy up to date). Why one tick rather than a pg-boss schedule per integration:
// pg-boss 10 keys schedules by queue name (one queue per integration, each needing its own worker),
// cron cannot express "every N minutes since the last run", and a tick over indexed columns skips
// disconnected integrations by construction. Several workers may tick at once: the due rows are
// claimed with FOR UPDATE SKIP LOCKED and moved forward in the same statement.
import { getDb } from "@/db";
import type { RunMode } from "@/db/schema";
import { systemCtx } from "@/lib/context";
import { log } from "@/lib/log";
import { startSync } from "./start-sync";

export async function enqueueDueSyncs(limit = 100): Promise<string[]> {
  const sql = getDb().$client;
  const due = await sql<{ id: string; workspace_id: string; mode: RunMode }[]>`
    update integrations i set
      next_sync_at = case when d.full then now() + make_interval(mins => i.full_sync_interval_minutes) else i.next_sync_at end,
      next_incremental_sync_at = case when i.incremental_sync_interval_minutes > 0 then now() + make_interval(mins => i.incremental_sync_interval_minutes) end
    from (
      select id, coalesce(next_sync_at <= now(), false) as full from integrations
      where state = 'connected' and (next_sync_at <= now() or next_incremental_sync_at <= now())
      order by least(next_sync_at, next_incremental_sync_at) limit ${limit} for update skip locked) d
    where i.id = d.id
    returning i.id, i.workspace_id, case when d.full then 'full' else 'incremental' end as mode`;
  const started: string[] = [];
  for (const i of due) {
    try {
      const { run } = await startSync({
        ctx: systemCtx(i.workspace_id),
        input: { integrationId: i.id, trigger: "scheduled", mode: i.mode },
      });
      started.push(run.id);
    } catch (error) {
      log.warn("scheduled sync could not start", { integrationId: i.id, error });
    }
  }
  return started;
}
