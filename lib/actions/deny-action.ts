// An admin denies a request waiting for approval, with a comment saying why (required). The requester
// cancels their own request instead of denying it. Its targets are skipped; nothing is sent to Okta.
import { and, eq } from "drizzle-orm";
import { actionApprovals, actionRequests, actionTargets } from "@/db/schema";
import { appendAudit, auditActor } from "@/lib/audit/append-audit";
import type { Ctx } from "@/lib/context";
import type { ActionRequestDetail } from "./contracts";
import { canDeny, pendingVerdict, refusalError } from "./decision-rules";
import { markExpired } from "./expire-actions";
import { getAction } from "./get-action";
import { lockRequest } from "./lock-request";

export async function denyAction({ ctx, input }: { ctx: Ctx; input: { id: string; comment: string } }): Promise<ActionRequestDetail> {
  const now = new Date();
  const refused = await ctx.db.transaction(async (tx) => {
    const row = await lockRequest(tx, ctx.workspaceId, input.id);
    const pending = pendingVerdict(row, now);
    if (!pending.ok && pending.reason === "EXPIRED") {
      await markExpired(tx, [row], now);
      return pending;
    }
    const decisions = await tx.select().from(actionApprovals).where(eq(actionApprovals.requestId, row.id));
    const verdict = canDeny(
      ctx.actor,
      row,
      decisions.some((d) => d.userId === ctx.actor.userId),
    );
    if (!verdict.ok) throw refusalError(verdict);
    await tx
      .insert(actionApprovals)
      .values({ requestId: row.id, userId: ctx.actor.userId, userLabel: ctx.actor.email, decision: "deny", comment: input.comment });
    await tx.update(actionRequests).set({ status: "denied", decidedAt: now, finishedAt: now }).where(eq(actionRequests.id, row.id));
    await tx
      .update(actionTargets)
      .set({ status: "skipped", finishedAt: now, errorCode: "request_denied", errorSummary: "The request was denied." })
      .where(and(eq(actionTargets.requestId, row.id), eq(actionTargets.status, "queued")));
    await appendAudit(tx, ctx.workspaceId, [
      {
        ...auditActor(ctx),
        action: "request.denied",
        kind: row.kind,
        requestId: row.id,
        integrationId: row.integrationId,
        detail: { status: "denied", comment: input.comment },
      },
    ]);
    return null;
  });
  if (refused && !refused.ok) throw refusalError(refused);
  return getAction({ ctx, input: { id: input.id } });
}
