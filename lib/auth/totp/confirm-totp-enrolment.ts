// The second step of setting up an authenticator: a code from it proves the app holds the secret.
// Turns two-factor on and returns the recovery codes, this once.
import { and, eq, isNull } from "drizzle-orm";
import { totpFactors } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { unseal } from "@/lib/crypto/seal";
import { AppError } from "@/lib/errors";
import { findFactor, replaceRecoveryCodes, totpAad } from "./factor-store";
import { codeStep } from "./totp";

const wrongCode = () =>
  new AppError("VALIDATION", "code: That code is not right. Check the time on your phone, then enter the code it shows now.", {
    fields: [{ field: "code", message: "That code is not right. Check the time on your phone, then enter the code it shows now." }],
  });

export async function confirmTotpEnrolment({ ctx, input }: { ctx: Ctx; input: { code: string } }): Promise<{ recoveryCodes: string[] }> {
  const { userId } = ctx.actor;
  const factor = await findFactor(ctx.db, userId);
  if (!factor) throw new AppError("CONFLICT", "Start setting up two-factor authentication first.");
  if (factor.confirmedAt) throw new AppError("CONFLICT", "Two-factor authentication is already on.");
  const step = codeStep(unseal(factor.sealedSecret, totpAad(userId)), input.code, Date.now());
  if (step === null) throw wrongCode();
  return ctx.db.transaction(async (tx) => {
    const confirmed = await tx
      .update(totpFactors)
      .set({ confirmedAt: new Date(), lastStep: step })
      .where(and(eq(totpFactors.userId, userId), isNull(totpFactors.confirmedAt)))
      .returning({ userId: totpFactors.userId });
    if (!confirmed.length) throw new AppError("CONFLICT", "Two-factor authentication is already on.");
    return { recoveryCodes: await replaceRecoveryCodes(tx, userId) };
  });
}
