// Deletes a person's authenticator and recovery codes, then rewrites the table so the sealed secret
// does not linger in its pages.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { totpFactors, totpRecoveryCodes } from "@/db/schema";
import { currentXid, purgeDeletedSecrets } from "@/lib/integrations/secrets";

export async function removeFactor(db: DbOrTx, userId: string): Promise<boolean> {
  const { removed, xid } = await db.transaction(async (tx) => {
    const rows = await tx.delete(totpFactors).where(eq(totpFactors.userId, userId)).returning({ userId: totpFactors.userId });
    await tx.delete(totpRecoveryCodes).where(eq(totpRecoveryCodes.userId, userId));
    return { removed: rows.length > 0, xid: await currentXid(tx) };
  });
  if (removed) await purgeDeletedSecrets(xid, ["totp_factors"]);
  return removed;
}
