// A fresh set of recovery codes for the caller (proven with a current code), the old set void.
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { wrongSecondFactor } from "./disable-totp";
import { consumeSecondFactor, hasConfirmedTotp, replaceRecoveryCodes } from "./factor-store";

export async function regenerateRecoveryCodes({ ctx, input }: { ctx: Ctx; input: { code: string } }): Promise<{ recoveryCodes: string[] }> {
  if (!(await hasConfirmedTotp(ctx.db, ctx.actor.userId))) throw new AppError("CONFLICT", "Two-factor authentication is not on.");
  if (!(await consumeSecondFactor(ctx.db, ctx.actor.userId, input.code))) throw wrongSecondFactor();
  return { recoveryCodes: await replaceRecoveryCodes(ctx.db, ctx.actor.userId) };
}
