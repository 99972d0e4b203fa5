import type { Metadata } from "next";
import { getApprovalPolicy } from "@/lib/actions/get-approval-policy";
import { requirePageCtx } from "@/lib/auth/page";
import { SettingsHeader } from "../settings-header";
import { ApprovalPolicyClient } from "./client";

export const metadata: Metadata = { title: "Approvals · Settings" };

export default async function ApprovalPolicyPage() {
  const ctx = await requirePageCtx();
  const isAdmin = ctx.actor.role === "admin";
  const policy = await getApprovalPolicy({ ctx });
  return (
    <>
      <SettingsHeader
        section="Approvals"
        isAdmin={isAdmin}
        description="Which actions on Okta need an admin's approval before they run, and how long a request waits for one."
      />
      <ApprovalPolicyClient initial={policy} isAdmin={isAdmin} />
    </>
  );
}
