// Requests not decided within the approval window (the workspace's setting or ACTION_APPROVAL_HOURS,
// fixed in expires_at when requested) expire: run by the scheduler tick for every workspace, and on
// the spot when someone tries to decide one that is past its time.
import { and, eq, inArray, lte } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db";
import { type ActionRequestRow, actionRequests, actionTargets } from "@/db/schema";
import { appendAudit } from "@/lib/audit/append-audit";

const BATCH = 200;

/** Marks locked pending rows expired, their queued targets skipped, with an audit entry each (by the system). */
export async function markExpired(tx: DbOrTx, rows: ActionRequestRow[], now = new Date()) {
  if (!rows.length) return;
  const ids = rows.map((r) => r.id);
  await tx.update(actionRequests).set({ status: "expired", decidedAt: now, finishedAt: now }).where(inArray(actionRequests.id, ids));
  await tx
    .update(actionTargets)
    .set({ status: "skipped", finishedAt: now, errorCode: "request_expired", errorSummary: "The request expired before it was approved." })
    .where(and(inArray(actionTargets.requestId, ids), eq(actionTargets.status, "queued")));
  const byWorkspace = new Map<string, ActionRequestRow[]>();
  for (const r of rows) byWorkspace.set(r.workspaceId, [...(byWorkspace.get(r.workspaceId) ?? []), r]);
  for (const [workspaceId, rs] of byWorkspace)
    await appendAudit(
      tx,
      workspaceId,
      rs.map((r) => ({
        action: "request.expired" as const,
        actorUserId: null,
        actorLabel: "system",
        kind: r.kind,
        requestId: r.id,
        integrationId: r.integrationId,
        detail: { status: "expired", expiresAt: r.expiresAt?.toISOString() ?? null, requiredApprovals: r.requiredApprovals },
      })),
    );
}

/** Expires every pending request past its time, in batches; returns how many. Not a verb: it spans workspaces. */
export async function expireActions(now = new Date()): Promise<number> {
  let total = 0;
  for (;;) {
    const n = await getDb().transaction(async (tx) => {
      const rows = await tx
        .select()
        .from(actionRequests)
        .where(and(eq(actionRequests.status, "pending_approval"), lte(actionRequests.expiresAt, now)))
        .orderBy(actionRequests.expiresAt)
        .limit(BATCH)
        .for("update", { skipLocked: true });
      await markExpired(tx, rows, now);
      return rows.length;
    });
    total += n;
    if (n < BATCH) return total;
  }
}
