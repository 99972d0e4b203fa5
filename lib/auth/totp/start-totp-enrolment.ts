// The first step of setting up an authenticator: a new secret, shown once as a QR code and as text.
// It counts only once a code from it is confirmed (confirm-totp-enrolment.ts); starting again replaces
// an unconfirmed one.
import { eq } from "drizzle-orm";
import { totpFactors, users } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { seal } from "@/lib/crypto/seal";
import { AppError, notFound } from "@/lib/errors";
import type { TotpEnrolment } from "../contracts";
import { hasPassword } from "../passwords";
import { findFactor, totpAad } from "./factor-store";
import { newTotpSecret, otpauthUri, qrRows } from "./totp";

export async function startTotpEnrolment({ ctx }: { ctx: Ctx }): Promise<TotpEnrolment> {
  const { userId } = ctx.actor;
  const [user] = await ctx.db.select().from(users).where(eq(users.id, userId));
  if (!user) throw notFound("User");
  if (!hasPassword(user.passwordHash))
    throw new AppError(
      "CONFLICT",
      "You sign in with Okta, so Okta's own sign-in policy (and its MFA) applies: there is no password to protect here.",
    );
  if ((await findFactor(ctx.db, userId))?.confirmedAt)
    throw new AppError("CONFLICT", "Two-factor authentication is already on. Turn it off first to set up another authenticator.");
  const secret = newTotpSecret();
  const sealedSecret = seal(secret, totpAad(userId));
  await ctx.db
    .insert(totpFactors)
    .values({ userId, workspaceId: ctx.workspaceId, sealedSecret })
    .onConflictDoUpdate({ target: totpFactors.userId, set: { sealedSecret, confirmedAt: null, lastStep: null } });
  const uri = otpauthUri(secret, user.email);
  return { secret, otpauthUri: uri, qr: qrRows(uri) };
}
