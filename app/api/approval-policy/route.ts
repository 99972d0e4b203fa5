import { approvalPolicyView, updateApprovalPolicyBody } from "@/lib/actions/contracts";
import { getApprovalPolicy } from "@/lib/actions/get-approval-policy";
import { updateApprovalPolicy } from "@/lib/actions/update-approval-policy";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", output: approvalPolicyView }, async ({ ctx }) => getApprovalPolicy({ ctx }));

export const PATCH = route({ access: "admin", body: updateApprovalPolicyBody, output: approvalPolicyView }, async ({ ctx, body }) =>
  updateApprovalPolicy({ ctx, input: body }),
);
