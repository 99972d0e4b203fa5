// An admin approves a request waiting for approval. Nobody approves their own request (403), nor the
// same one twice; with enough approvals (one or two distinct admins, fixed when it was requested) it is
// queued and its job sent. A request past its approval window expires instead (409).
import { eq } from "drizzle-orm";
import { actionApprovals, actionRequests } from "@/db/schema";
import { type AuditEntryInput, appendAudit, auditActor } from "@/lib/audit/append-audit";
import type { Ctx } from "@/lib/context";
import { sendActionExecution } from "@/lib/jobs/enqueue-action-execution";
import type { ActionRequestDetail } from "./contracts";
import { canApprove, pendingVerdict, refusalError } from "./decision-rules";
import { markExpired } from "./expire-actions";
import { getAction } from "./get-action";
import { lockRequest } from "./lock-request";

export async function approveAction({ ctx, input }: { ctx: Ctx; input: { id: string; comment?: string } }): Promise<ActionRequestDetail> {
  const now = new Date();
  const outcome = await ctx.db.transaction(async (tx) => {
    const row = await lockRequest(tx, ctx.workspaceId, input.id);
    const pending = pendingVerdict(row, now);
    if (!pending.ok && pending.reason === "EXPIRED") {
      await markExpired(tx, [row], now);
      return { expired: pending, queued: false };
    }
    const decisions = await tx.select().from(actionApprovals).where(eq(actionApprovals.requestId, row.id));
    const verdict = canApprove(
      ctx.actor,
      row,
      decisions.some((d) => d.userId === ctx.actor.userId),
    );
    if (!verdict.ok) throw refusalError(verdict);
    const comment = input.comment || null;
    await tx
      .insert(actionApprovals)
      .values({ requestId: row.id, userId: ctx.actor.userId, userLabel: ctx.actor.email, decision: "approve", comment });
    const approvals = decisions.filter((d) => d.decision === "approve").length + 1;
    const queued = approvals >= row.requiredApprovals;
    if (queued) await tx.update(actionRequests).set({ status: "queued", decidedAt: now }).where(eq(actionRequests.id, row.id));
    const base = { ...auditActor(ctx), kind: row.kind, requestId: row.id, integrationId: row.integrationId };
    const entries: AuditEntryInput[] = [
      { ...base, action: "request.approved", detail: { comment, approvals, requiredApprovals: row.requiredApprovals } },
    ];
    if (queued)
      entries.push({
        ...base,
        action: "request.queued",
        detail: { why: `Approved by ${approvals} of ${row.requiredApprovals} required admins.` },
      });
    await appendAudit(tx, ctx.workspaceId, entries);
    return { expired: null, queued };
  });
  // Thrown after the commit, so the request stays expired.
  if (outcome.expired && !outcome.expired.ok) throw refusalError(outcome.expired);
  if (outcome.queued) await sendActionExecution(input.id);
  return getAction({ ctx, input: { id: input.id } });
}
