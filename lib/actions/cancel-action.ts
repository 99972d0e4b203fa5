// The requester (or an admin) cancels a request that has not started running: waiting for approval,
// or queued. Its targets are skipped; a queued job finds the request cancelled and sends nothing. Once
// running, a request cannot be cancelled (409): its calls may already have reached Okta.
import { and, eq } from "drizzle-orm";
import { actionRequests, actionTargets } from "@/db/schema";
import { appendAudit, auditActor } from "@/lib/audit/append-audit";
import type { Ctx } from "@/lib/context";
import type { ActionRequestDetail } from "./contracts";
import { canCancel, refusalError } from "./decision-rules";
import { getAction } from "./get-action";
import { lockRequest } from "./lock-request";

export async function cancelAction({ ctx, input }: { ctx: Ctx; input: { id: string } }): Promise<ActionRequestDetail> {
  const now = new Date();
  await ctx.db.transaction(async (tx) => {
    const row = await lockRequest(tx, ctx.workspaceId, input.id);
    const verdict = canCancel(ctx.actor, row);
    if (!verdict.ok) throw refusalError(verdict);
    await tx.update(actionRequests).set({ status: "cancelled", decidedAt: now, finishedAt: now }).where(eq(actionRequests.id, row.id));
    await tx
      .update(actionTargets)
      .set({ status: "skipped", finishedAt: now, errorCode: "request_cancelled", errorSummary: "The request was cancelled." })
      .where(and(eq(actionTargets.requestId, row.id), eq(actionTargets.status, "queued")));
    await appendAudit(tx, ctx.workspaceId, [
      {
        ...auditActor(ctx),
        action: "request.cancelled",
        kind: row.kind,
        requestId: row.id,
        integrationId: row.integrationId,
        detail: { status: "cancelled", from: row.status },
      },
    ]);
  });
  return getAction({ ctx, input: { id: input.id } });
}
