// Changes the sync settings, name and owner (the name and owner through changeNameAndOwner, as
// PATCH /api/integrations/{id} does), with one event for the request. A new schedule takes effect at once: the next run is
// moved to the latest start plus the new interval (or now, if that is already past), which is what
// the scheduler tick (enqueue-due-syncs) reads. A wider sign-in window drops the stored System Log
// cursor so the next run reads back the whole window (events are de-duplicated on uuid). A new sync
// scope drops the incremental marks, so the next run (whatever its schedule) makes full passes: what
// left the scope is removed and what entered it is read, at once; ids must be groups and apps this
// integration has synced (now or before a narrower scope).
import { eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { integrations } from "@/db/schema";
import { type Ctx, withDb } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { formatInterval, formatShare } from "@/lib/format";
import type { SettingsInput, SettingsUpdateResult } from "@/lib/overview/contracts";
import { summarizeScope } from "@/lib/overview/summarize-scope";
import { describeScope, normalizeScope, type SyncScope, scopeKey } from "@/lib/sync/scope-contract";
import { changeNameAndOwner, checkNameAndOwner } from "./change-name-and-owner";
import { findIntegration } from "./find-integration";
import { getSettings } from "./get-settings";
import { recordEvent } from "./record-event";

export async function updateSettings({
  ctx,
  input: { integrationId, ...input },
}: {
  ctx: Ctx;
  input: SettingsInput & { integrationId: string };
}): Promise<SettingsUpdateResult> {
  const { actor, db } = ctx;
  const row = await findIntegration(actor.workspaceId, integrationId, db);
  if (row.state !== "connected") throw new AppError("CONFLICT", "This integration is disconnected; its settings can no longer change");
  await checkNameAndOwner(ctx, row, input);

  const set: Partial<typeof integrations.$inferInsert> = {};
  const said: string[] = [];
  const details: Record<string, { from: unknown; to: unknown }> = {};
  const change = <K extends Exclude<keyof SettingsInput, "name" | "ownerId"> & keyof typeof row>(
    key: K,
    words: (from: NonNullable<(typeof row)[K]>, to: NonNullable<SettingsInput[K]>) => string,
  ) => {
    const to = input[key];
    if (to === undefined || to === row[key]) return false;
    (set as Record<string, unknown>)[key] = to;
    details[key] = { from: row[key], to };
    said.push(words(row[key] as never, to as never));
    return true;
  };
  if (change("fullSyncIntervalMinutes", (from, to) => `full sync every ${formatInterval(to)} (was ${formatInterval(from)})`)) {
    set.nextSyncAt =
      sql`greatest(now(), coalesce((select max(queued_at) from sync_runs where integration_id = ${integrationId}), now()) + make_interval(mins => ${input.fullSyncIntervalMinutes!}))` as never;
  }
  const everyOrOff = (m: number) => (m === 0 ? "off" : `every ${formatInterval(m)}`);
  if (change("incrementalSyncIntervalMinutes", (from, to) => `incremental sync ${everyOrOff(to)} (was ${everyOrOff(from)})`)) {
    const m = input.incrementalSyncIntervalMinutes!;
    set.nextIncrementalSyncAt = (
      m === 0
        ? null
        : sql`greatest(now(), coalesce((select max(queued_at) from sync_runs where integration_id = ${integrationId}), now()) + make_interval(mins => ${m}))`
    ) as never;
  }
  if (change("logWindowDays", (from, to) => `sign-in history ${to} days (was ${from})`) && input.logWindowDays! > row.logWindowDays) {
    set.cursors = sql`${integrations.cursors} - 'logsNext'` as never;
  }
  change("rateLimitShare", (from, to) => `rate-limit share ${formatShare(to)} (was ${formatShare(from)})`);
  if (input.syncScope !== undefined) {
    const from = normalizeScope(row.syncScope);
    const to = normalizeScope(input.syncScope);
    if (scopeKey(from) !== scopeKey(to)) {
      await assertKnownIds(integrationId, to);
      set.syncScope = to;
      // Since marks dropped (full passes next), and when, so counts from older runs are not shown as this scope's.
      set.cursors = sql`jsonb_set(${set.cursors ?? integrations.cursors} - 'since', '{scopeChangedAt}', to_jsonb(now()))` as never;
      details.syncScope = { from, to };
      said.push(
        `sync scope: ${to ? await summarizeScope(integrationId, to) : describeScope(null)} (was ${from ? await summarizeScope(integrationId, from) : describeScope(null)}); applies from the next sync`,
      );
    }
  }

  const changed = await db.transaction(async (tx) => {
    const named = await changeNameAndOwner({
      ctx: withDb(ctx, tx),
      input: { integration: row, name: input.name, ownerId: input.ownerId },
    });
    const all = { said: [...named.said, ...said], details: { ...named.details, ...details } };
    if (all.said.length === 0) return [];
    if (said.length) {
      await tx
        .update(integrations)
        .set({ ...set, updatedAt: new Date() })
        .where(eq(integrations.id, integrationId));
    }
    await recordEvent(
      {
        workspaceId: actor.workspaceId,
        integrationId,
        kind: "integration.settings_changed",
        message: `Settings changed: ${all.said.join(", ")}`,
        details: all.details,
        actorUserId: actor.userId,
      },
      tx,
    );
    return Object.keys(all.details);
  });
  return { ...(await getSettings({ ctx, input: { integrationId } })), changed };
}

/** Chosen groups and apps must be this integration's (synced now, or before a narrower scope). */
async function assertKnownIds(integrationId: string, scope: SyncScope | null) {
  const sql = getDb().$client;
  const fields: { field: string; message: string }[] = [];
  for (const [field, table, ids, what] of [
    ["syncScope.groupIds", "okta_groups", scope?.groupIds, "group"],
    ["syncScope.appIds", "okta_apps", scope?.appIds, "app"],
  ] as const) {
    if (!ids?.length) continue;
    const known = new Set(
      (
        await sql.unsafe(`select id from "${table}" where integration_id = $1::uuid and id = any($2::text[])`, [
          integrationId,
          ids as unknown as string[],
        ])
      ).map((r) => r.id as string),
    );
    const unknown = ids.filter((id) => !known.has(id));
    if (unknown.length) {
      fields.push({
        field,
        message: `unknown ${what} id${unknown.length === 1 ? "" : "s"} ${unknown.slice(0, 5).join(", ")}${unknown.length > 5 ? ` and ${unknown.length - 5} more` : ""}: choose ${what}s this integration has synced`,
      });
    }
  }
  if (fields.length)
    throw new AppError("VALIDATION", `Invalid body: ${fields.map((f) => `${f.field}: ${f.message}`).join("; ")}`, { fields });
}
