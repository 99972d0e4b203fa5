// Disconnect. First, while the credentials still exist, the event hook the console registered is
// taken out of Okta (deactivated, then deleted); if Okta refuses or cannot be reached that never stops
// the disconnect: the hook becomes one of the clean-up steps the answer and the page list. Then, in one
// transaction: every stored credential, token and key of the integration deleted, its syncs cancelled
// and unscheduled, the state set, and who did it recorded; with deleteData the imported directory copy
// goes too. Afterwards the secrets table is vacuumed so the deleted sealed blobs do not linger in its
// pages, and loadOktaClient refuses, so nothing can call Okta for it.
import { and, eq, sql } from "drizzle-orm";
import { eventHooks, integrations } from "@/db/schema";
import { type Ctx, withDb } from "@/lib/context";
import { getEnv } from "@/lib/env";
import { AppError, notFound } from "@/lib/errors";
import { removeEventHookFromOkta } from "@/lib/hooks/remove-event-hook";
import { unscheduleIntegration } from "@/lib/jobs/unschedule-integration";
import { cancelSyncs } from "@/lib/sync/cancel-syncs";
import type { DisconnectResult } from "./contracts";
import { findIntegration } from "./find-integration";
import { type HookLeft, oktaFollowUp } from "./follow-up";
import { IMPORTED_DATA } from "./imported-data";
import { recordEvent } from "./record-event";
import { currentXid, deleteSecrets, purgeDeletedSecrets } from "./secrets";
import { viewOf } from "./view";

export async function disconnectIntegration({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { integrationId: string; deleteData: boolean };
}): Promise<DisconnectResult> {
  const { actor } = ctx;
  const { integrationId: id, deleteData } = input;
  const before = await findIntegration(actor.workspaceId, id, ctx.db);
  if (before.state !== "connected") throw new AppError("CONFLICT", "This integration is already disconnected");
  const hook = await removeEventHookFromOkta(id, actor.workspaceId, ctx.db);
  const outcome = await ctx.db.transaction(async (tx) => {
    const where = and(eq(integrations.id, id), eq(integrations.workspaceId, actor.workspaceId));
    const [found] = await tx.select({ id: integrations.id }).from(integrations).where(where);
    if (!found) throw notFound("Integration");
    // Same lock order as a sync worker's page write (run, then rows that reference the integration):
    // cancelling first waits for a page in flight to commit; after that the worker's next lease check
    // waits for us and then sees the run cancelled. "No key update" leaves its FK checks unblocked.
    const { cancelled } = await cancelSyncs({ ctx: withDb(ctx, tx), input: { integrationId: id, reason: "integration disconnected" } });
    const [row] = await tx.select().from(integrations).where(where).for("no key update");
    if (row.state !== "connected") throw new AppError("CONFLICT", "This integration is already disconnected");
    const secretsDeleted = await deleteSecrets(tx, id);
    const deletedBy = await currentXid(tx);
    await unscheduleIntegration(id, tx);
    if (hook.status === "removed") {
      // Gone from Okta: nothing of it is left to show or to clean up.
      await tx.delete(eventHooks).where(eq(eventHooks.integrationId, id));
      await recordEvent(
        {
          workspaceId: actor.workspaceId,
          integrationId: id,
          kind: "hook.removed",
          message: `Event hook deactivated and deleted in Okta (${hook.oktaHookId})`,
          details: { oktaHookId: hook.oktaHookId },
          actorUserId: actor.userId,
        },
        tx,
      );
    } else if (hook.status === "failed") {
      await tx.update(eventHooks).set({ lastError: hook.error, updatedAt: new Date() }).where(eq(eventHooks.integrationId, id));
      await recordEvent(
        {
          workspaceId: actor.workspaceId,
          integrationId: id,
          level: "warn",
          kind: "hook.remove_failed",
          message: `Event hook ${hook.oktaHookId} is still in Okta: ${hook.error.message}. Delete it there (Workflow > Event Hooks).`,
          details: { oktaHookId: hook.oktaHookId, ...hook.error },
          actorUserId: actor.userId,
        },
        tx,
      );
    }
    const deletedRows: Record<string, number> = {};
    if (deleteData) {
      // A large tenant's copy (a million memberships) takes longer than the pool's statement limit.
      await tx.execute(sql`select set_config('statement_timeout', ${String(getEnv().DB_WRITE_STATEMENT_TIMEOUT_MS)}, true)`);
      for (const [name, table] of Object.entries(IMPORTED_DATA)) {
        const r = await tx.execute(sql`delete from ${table} where ${table.integrationId} = ${id}`);
        deletedRows[name] = (r as unknown as { count?: number }).count ?? 0;
      }
    }
    const now = new Date();
    await tx
      .update(integrations)
      .set({
        state: "disconnected",
        disconnectedAt: now,
        disconnectedById: actor.userId,
        updatedAt: now,
        cursors: {},
        nextSyncAt: null,
        nextIncrementalSyncAt: null,
      })
      .where(eq(integrations.id, id));
    await recordEvent(
      {
        workspaceId: actor.workspaceId,
        integrationId: id,
        level: "warn",
        kind: "integration.disconnected",
        message: `Disconnected by ${actor.name || actor.email}; credentials deleted${deleteData ? ", imported data deleted" : ", imported data kept"}`,
        details: { deleteData, secretsDeleted, cancelledRuns: cancelled.length, deletedRows, eventHook: hook.status },
        actorUserId: actor.userId,
      },
      tx,
    );
    const [left] = await tx
      .select({ mode: eventHooks.mode, oktaHookId: eventHooks.oktaHookId, url: eventHooks.url, lastError: eventHooks.lastError })
      .from(eventHooks)
      .where(eq(eventHooks.integrationId, id));
    return { row, deletedRows, cancelled: cancelled.length, hookLeft: (left ?? null) as HookLeft | null, deletedBy };
  });
  await purgeDeletedSecrets(outcome.deletedBy);
  return {
    integration: (await viewOf(actor.workspaceId, id, ctx.db))!,
    deletedData: deleteData,
    deletedRows: outcome.deletedRows,
    cancelledRuns: outcome.cancelled,
    oktaFollowUp: oktaFollowUp(outcome.row, outcome.hookLeft),
  };
}
