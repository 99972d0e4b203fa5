// One request with everything about it: its targets and their outcomes, the approvals and denials, its
// audit entries in order, and what the caller may do with it now.
import { and, asc, eq } from "drizzle-orm";
import { actionApprovals, actionRequests, actionTargets, auditLog } from "@/db/schema";
import { toAuditItem } from "@/lib/audit/to-item";
import type { WorkspaceCtx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import type { ActionRequestDetail, ActionTargetView } from "./contracts";
import { canApprove, canCancel, canDeny, type Verdict } from "./decision-rules";
import { toViews } from "./to-view";

const flag = (v: Verdict) => ({ ok: v.ok, why: v.why });
const noActor = { ok: false, why: "Sign in to act on requests." };

export async function getAction({ ctx, input }: { ctx: WorkspaceCtx; input: { id: string } }): Promise<ActionRequestDetail> {
  const [row] = await ctx.db
    .select()
    .from(actionRequests)
    .where(and(eq(actionRequests.id, input.id), eq(actionRequests.workspaceId, ctx.workspaceId)));
  if (!row) throw new AppError("NOT_FOUND", "Action request not found");
  const [[view], targets, decisions, audit] = await Promise.all([
    toViews(ctx.db, [row]),
    ctx.db.select().from(actionTargets).where(eq(actionTargets.requestId, row.id)).orderBy(asc(actionTargets.seq)),
    ctx.db.select().from(actionApprovals).where(eq(actionApprovals.requestId, row.id)).orderBy(asc(actionApprovals.id)),
    ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ctx.workspaceId), eq(auditLog.requestId, row.id)))
      .orderBy(asc(auditLog.seq)),
  ]);
  const decidedByMe = !!ctx.actor && decisions.some((d) => d.userId === ctx.actor?.userId);
  return {
    ...view,
    targets: targets.map(
      (t): ActionTargetView => ({
        seq: t.seq,
        userId: t.userId,
        groupId: t.groupId,
        appId: t.appId,
        label: t.label,
        status: t.status,
        attempts: t.attempts,
        oktaStatus: t.oktaStatus,
        errorCode: t.errorCode,
        errorSummary: t.errorSummary,
        errorId: t.errorId,
        stateBefore: t.stateBefore,
        stateAfter: t.stateAfter,
        result: t.result,
        hasSecret: t.secretSealed !== null,
        secretRevealedAt: t.secretRevealedAt,
        startedAt: t.startedAt,
        finishedAt: t.finishedAt,
      }),
    ),
    decisions: decisions.map((d) => ({ userId: d.userId, label: d.userLabel, decision: d.decision, comment: d.comment, at: d.createdAt })),
    audit: audit.map(toAuditItem),
    can: ctx.actor
      ? {
          approve: flag(canApprove(ctx.actor, row, decidedByMe)),
          deny: flag(canDeny(ctx.actor, row, decidedByMe)),
          cancel: flag(canCancel(ctx.actor, row)),
        }
      : { approve: noActor, deny: noActor, cancel: noActor },
  };
}
