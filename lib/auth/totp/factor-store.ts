// A person's TOTP state: the sealed secret (bound to "totp:<userId>"), replay protection (a code's time
// step is accepted once), and the hashed one-time recovery codes.
import { and, eq, isNull, lt, or, sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { totpFactors, totpRecoveryCodes } from "@/db/schema";
import { unseal } from "@/lib/crypto/seal";
import type { ThrottleKeys } from "../sign-in-throttle";
import { codeStep, hashRecoveryCode, isRecoveryCodeShape, newRecoveryCode, RECOVERY_CODE_COUNT } from "./totp";

export const totpAad = (userId: string) => `totp:${userId}`;

export async function findFactor(db: DbOrTx, userId: string) {
  const [row] = await db.select().from(totpFactors).where(eq(totpFactors.userId, userId)).limit(1);
  return row ?? null;
}

/** Whether the person has a confirmed authenticator (then every password sign-in needs a code). */
export async function hasConfirmedTotp(db: DbOrTx, userId: string): Promise<boolean> {
  const f = await findFactor(db, userId);
  return !!f?.confirmedAt;
}

/**
 * Checks a code from the authenticator app (its time step must be newer than the last one used, so a
 * code seen over a shoulder cannot be replayed) or an unused recovery code (then used up). Returns
 * what matched, or null.
 */
export async function consumeSecondFactor(
  db: DbOrTx,
  userId: string,
  code: string,
  nowMs = Date.now(),
): Promise<"totp" | "recovery" | null> {
  const typed = code.replace(/\s+/g, "");
  if (/^\d{6}$/.test(typed)) {
    const factor = await findFactor(db, userId);
    if (!factor?.confirmedAt) return null;
    const step = codeStep(unseal(factor.sealedSecret, totpAad(userId)), typed, nowMs);
    if (step === null) return null;
    const taken = await db
      .update(totpFactors)
      .set({ lastStep: step })
      .where(and(eq(totpFactors.userId, userId), or(isNull(totpFactors.lastStep), lt(totpFactors.lastStep, step))))
      .returning({ userId: totpFactors.userId });
    return taken.length ? "totp" : null;
  }
  if (!isRecoveryCodeShape(typed)) return null;
  const used = await db
    .update(totpRecoveryCodes)
    .set({ usedAt: sql`now()` })
    .where(
      and(eq(totpRecoveryCodes.userId, userId), eq(totpRecoveryCodes.codeHash, hashRecoveryCode(typed)), isNull(totpRecoveryCodes.usedAt)),
    )
    .returning({ id: totpRecoveryCodes.id });
  return used.length ? "recovery" : null;
}

/** A new set of recovery codes (the old ones stop working); the codes are returned this once. */
export async function replaceRecoveryCodes(db: DbOrTx, userId: string): Promise<string[]> {
  const codes = Array.from({ length: RECOVERY_CODE_COUNT }, newRecoveryCode);
  await db.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, userId));
  await db.insert(totpRecoveryCodes).values(codes.map((c) => ({ userId, codeHash: hashRecoveryCode(c) })));
  return codes;
}

/** Code attempts are throttled like passwords: per person, per client address, and the two together. */
export function totpThrottleKeys(userId: string, ip: string | null): ThrottleKeys {
  return { account: `totp:${userId}`, client: ip ? `ip:${ip}` : null, pair: `totp-pair:${ip ?? "unknown"} ${userId}` };
}
