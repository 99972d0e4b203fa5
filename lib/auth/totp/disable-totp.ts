// Turns the caller's two-factor off, proven with a current code or a recovery code (a stolen session
// alone cannot). Where the workspace requires it, the next request asks them to set it up again.
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { consumeSecondFactor, hasConfirmedTotp } from "./factor-store";
import { removeFactor } from "./remove-factor";

export const wrongSecondFactor = () =>
  new AppError("VALIDATION", "code: That code is not right", { fields: [{ field: "code", message: "That code is not right" }] });

export async function disableTotp({ ctx, input }: { ctx: Ctx; input: { code: string } }): Promise<{ enabled: false }> {
  if (!(await hasConfirmedTotp(ctx.db, ctx.actor.userId))) throw new AppError("CONFLICT", "Two-factor authentication is not on.");
  if (!(await consumeSecondFactor(ctx.db, ctx.actor.userId, input.code))) throw wrongSecondFactor();
  await removeFactor(ctx.db, ctx.actor.userId);
  return { enabled: false };
}
