// The approval policy in force: a workspace's own setting per kind (approval_policies), else the
// kind's default from the catalogue (none for reversible kinds; one admin for deactivate, delete and
// reset factors); and how long a request waits for approval (the workspace's setting, else
// ACTION_APPROVAL_HOURS).
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { ACTION_KINDS, type ActionKind, type ApprovalPolicy, approvalPolicies, workspaces } from "@/db/schema";
import { getEnv } from "@/lib/env";
import { DEFAULT_APPROVAL } from "./kinds";

export async function policiesOf(db: DbOrTx, workspaceId: string): Promise<Record<ActionKind, ApprovalPolicy>> {
  const rows = await db.select().from(approvalPolicies).where(eq(approvalPolicies.workspaceId, workspaceId));
  const own = new Map(rows.map((r) => [r.kind, r.policy]));
  return Object.fromEntries(ACTION_KINDS.map((k) => [k, own.get(k) ?? DEFAULT_APPROVAL[k]])) as Record<ActionKind, ApprovalPolicy>;
}

export async function expiryHoursOf(db: DbOrTx, workspaceId: string): Promise<{ hours: number; custom: boolean }> {
  const [ws] = await db.select({ hours: workspaces.actionApprovalHours }).from(workspaces).where(eq(workspaces.id, workspaceId));
  return ws?.hours ? { hours: ws.hours, custom: true } : { hours: getEnv().ACTION_APPROVAL_HOURS, custom: false };
}
