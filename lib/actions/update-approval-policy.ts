// Changes the approval policy of some kinds and/or the approval expiry (admins). Each change is
// recorded in the audit log with its old and new value; sending what is already in force changes nothing.
import { eq, sql } from "drizzle-orm";
import { ACTION_KINDS, type ActionKind, type ApprovalPolicy, approvalPolicies, workspaces } from "@/db/schema";
import { appendAudit, auditActor } from "@/lib/audit/append-audit";
import type { WorkspaceCtx } from "@/lib/context";
import type { ApprovalPolicyView, UpdateApprovalPolicyBody } from "./contracts";
import { getApprovalPolicy } from "./get-approval-policy";
import { expiryHoursOf, policiesOf } from "./policy";

export async function updateApprovalPolicy({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: UpdateApprovalPolicyBody;
}): Promise<ApprovalPolicyView> {
  await ctx.db.transaction(async (tx) => {
    // One change at a time per workspace, so two admins' edits cannot record the same "from".
    await tx.select({ id: workspaces.id }).from(workspaces).where(eq(workspaces.id, ctx.workspaceId)).for("update");
    const current = await policiesOf(tx, ctx.workspaceId);
    const changes: Partial<Record<ActionKind, { from: ApprovalPolicy; to: ApprovalPolicy }>> = {};
    for (const kind of ACTION_KINDS) {
      const to = input[kind];
      if (to === undefined || to === current[kind]) continue;
      changes[kind] = { from: current[kind], to };
      await tx
        .insert(approvalPolicies)
        .values({ workspaceId: ctx.workspaceId, kind, policy: to })
        .onConflictDoUpdate({ target: [approvalPolicies.workspaceId, approvalPolicies.kind], set: { policy: to, updatedAt: sql`now()` } });
    }
    const detail: Record<string, unknown> = {};
    if (Object.keys(changes).length) detail.policies = changes;
    if (input.expiryHours !== undefined) {
      const before = await expiryHoursOf(tx, ctx.workspaceId);
      await tx.update(workspaces).set({ actionApprovalHours: input.expiryHours }).where(eq(workspaces.id, ctx.workspaceId));
      const after = await expiryHoursOf(tx, ctx.workspaceId);
      if (before.hours !== after.hours || before.custom !== after.custom)
        detail.expiryHours = { from: before.custom ? before.hours : null, to: input.expiryHours };
    }
    if (Object.keys(detail).length)
      await appendAudit(tx, ctx.workspaceId, [{ action: "approval_policy.changed", ...auditActor(ctx), detail }]);
  });
  return getApprovalPolicy({ ctx });
}
