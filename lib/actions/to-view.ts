// Request rows as the API shows them (ActionRequestView): with the first target, the targets per
// status and the approvals so far, read for a whole page at once.
import { and, eq, inArray, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { ACTION_TARGET_STATUSES, type ActionRequestRow, type ActionTargetStatus, actionApprovals, actionTargets } from "@/db/schema";
import { type ActionPreview, type ActionRequestView, actionPreview } from "./contracts";
import { ACTION_KIND_INFO } from "./kinds";

export async function toViews(db: DbOrTx, rows: ActionRequestRow[]): Promise<ActionRequestView[]> {
  if (!rows.length) return [];
  const ids = rows.map((r) => r.id);
  const [firsts, counts, approvals] = await Promise.all([
    db
      .select({
        requestId: actionTargets.requestId,
        userId: actionTargets.userId,
        groupId: actionTargets.groupId,
        appId: actionTargets.appId,
        label: actionTargets.label,
      })
      .from(actionTargets)
      .where(and(inArray(actionTargets.requestId, ids), eq(actionTargets.seq, 0))),
    db
      .select({ requestId: actionTargets.requestId, status: actionTargets.status, n: sql<number>`count(*)::int` })
      .from(actionTargets)
      .where(inArray(actionTargets.requestId, ids))
      .groupBy(actionTargets.requestId, actionTargets.status),
    db
      .select({ requestId: actionApprovals.requestId, n: sql<number>`count(*)::int` })
      .from(actionApprovals)
      .where(and(inArray(actionApprovals.requestId, ids), eq(actionApprovals.decision, "approve")))
      .groupBy(actionApprovals.requestId),
  ]);
  const first = new Map(firsts.map((f) => [f.requestId, f]));
  const approved = new Map(approvals.map((a) => [a.requestId, a.n]));
  const perStatus = new Map<string, Record<ActionTargetStatus, number>>();
  for (const c of counts) {
    const m =
      perStatus.get(c.requestId) ?? (Object.fromEntries(ACTION_TARGET_STATUSES.map((s) => [s, 0])) as Record<ActionTargetStatus, number>);
    m[c.status] = c.n;
    perStatus.set(c.requestId, m);
  }
  return rows.map((r) => {
    const t = first.get(r.id);
    const targetCounts =
      perStatus.get(r.id) ?? (Object.fromEntries(ACTION_TARGET_STATUSES.map((s) => [s, 0])) as Record<ActionTargetStatus, number>);
    const parsedPreview = actionPreview.safeParse(r.preview);
    return {
      id: r.id,
      integrationId: r.integrationId,
      kind: r.kind,
      label: ACTION_KIND_INFO[r.kind].label,
      status: r.status,
      reason: r.reason,
      params: (r.params ?? {}) as Record<string, unknown>,
      preview: parsedPreview.success ? (parsedPreview.data as ActionPreview) : null,
      requestedBy: { id: r.requestedBy, label: r.requestedByLabel },
      requiredApprovals: r.requiredApprovals,
      approvals: approved.get(r.id) ?? 0,
      target: t ? { userId: t.userId, groupId: t.groupId, appId: t.appId, label: t.label } : null,
      targetCount: Object.values(targetCounts).reduce((a, b) => a + b, 0),
      targetCounts,
      createdAt: r.createdAt,
      decidedAt: r.decidedAt,
      expiresAt: r.expiresAt,
      startedAt: r.startedAt,
      finishedAt: r.finishedAt,
    };
  });
}
