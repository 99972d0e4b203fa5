// The workspace's approval policy: every kind's policy in force, the defaults, and the expiry.
import type { WorkspaceCtx } from "@/lib/context";
import type { ApprovalPolicyView } from "./contracts";
import { DEFAULT_APPROVAL } from "./kinds";
import { expiryHoursOf, policiesOf } from "./policy";

export async function getApprovalPolicy({ ctx }: { ctx: WorkspaceCtx }): Promise<ApprovalPolicyView> {
  const [policies, expiry] = await Promise.all([policiesOf(ctx.db, ctx.workspaceId), expiryHoursOf(ctx.db, ctx.workspaceId)]);
  return { policies, defaults: { ...DEFAULT_APPROVAL }, expiryHours: expiry.hours, expiryHoursCustom: expiry.custom };
}
