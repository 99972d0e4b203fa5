// Shows a target's one-time value (an activation or reset link made without email) to the person who
// requested the action, once: it is unsealed, returned and cleared in one transaction, and the audit
// log records that it was revealed (never the value).
import { and, eq } from "drizzle-orm";
import { actionRequests, actionTargets } from "@/db/schema";
import { appendAudit, auditActor } from "@/lib/audit/append-audit";
import type { Ctx } from "@/lib/context";
import { SealError } from "@/lib/crypto/seal";
import { AppError } from "@/lib/errors";
import { openTargetSecret } from "./target-secret";

export async function revealActionSecret({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { id: string; seq: number };
}): Promise<{ seq: number; secret: Record<string, string> }> {
  return ctx.db.transaction(async (tx) => {
    const [row] = await tx
      .select({ target: actionTargets, request: actionRequests })
      .from(actionTargets)
      .innerJoin(actionRequests, eq(actionRequests.id, actionTargets.requestId))
      .where(and(eq(actionRequests.id, input.id), eq(actionRequests.workspaceId, ctx.workspaceId), eq(actionTargets.seq, input.seq)))
      .for("update", { of: actionTargets });
    if (!row) throw new AppError("NOT_FOUND", "Action request or target not found");
    if (row.request.requestedBy !== ctx.actor.userId)
      throw new AppError("FORBIDDEN", "Only the person who requested this action can see its one-time link.", { reason: "NOT_REQUESTER" });
    if (!row.target.secretSealed)
      throw new AppError(
        "CONFLICT",
        row.target.secretRevealedAt
          ? "This one-time link was already shown; it is shown only once."
          : "This target has no one-time link to show.",
        { reason: row.target.secretRevealedAt ? "ALREADY_REVEALED" : "NO_SECRET" },
      );
    let secret: Record<string, string>;
    try {
      secret = openTargetSecret(row.request.id, input.seq, row.target.secretSealed);
    } catch (e) {
      if (!(e instanceof SealError)) throw e;
      throw new AppError(
        "CONFLICT",
        "This one-time link cannot be opened: the key it was sealed with is gone, or it was sealed for another target.",
        {
          reason: "UNREADABLE",
        },
      );
    }
    await tx
      .update(actionTargets)
      .set({ secretSealed: null, secretRevealedAt: new Date() })
      .where(and(eq(actionTargets.requestId, row.request.id), eq(actionTargets.seq, input.seq)));
    await appendAudit(tx, ctx.workspaceId, [
      {
        ...auditActor(ctx),
        action: "action.secret_revealed",
        kind: row.request.kind,
        requestId: row.request.id,
        integrationId: row.request.integrationId,
        target: {
          seq: input.seq,
          userId: row.target.userId,
          groupId: row.target.groupId,
          appId: row.target.appId,
          label: row.target.label,
        },
        detail: { fields: Object.keys(secret) },
      },
    ]);
    return { seq: input.seq, secret };
  });
}
