import type { Ctx } from "@/lib/context";
import type { VerifyInput, VerifyResult } from "./contracts";
import { prepareAndVerify, verificationError } from "./prepare";

/** POST /api/integrations/verify: the same checks as connect, nothing saved. */
export async function verifyIntegration({ ctx, input }: { ctx: Ctx; input: VerifyInput }): Promise<VerifyResult> {
  const { outcome } = await prepareAndVerify({ workspaceId: ctx.workspaceId, ...input });
  if (!outcome.result.ok) throw verificationError(outcome.result);
  return outcome.result;
}
