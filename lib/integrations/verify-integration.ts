import type { Actor } from "@/lib/auth/actor";
import type { VerifyInput, VerifyResult } from "./contracts";
import { prepareAndVerify, verificationError } from "./prepare";

/** POST /api/integrations/verify: the same checks as connect, nothing saved. */
export async function verifyIntegration({ actor, input }: { actor: Actor; input: VerifyInput }): Promise<VerifyResult> {
  const { outcome } = await prepareAndVerify({ workspaceId: actor.workspaceId, ...input });
  if (!outcome.result.ok) throw verificationError(outcome.result);
  return outcome.result;
}
