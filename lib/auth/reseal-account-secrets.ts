// Part of `npm run secrets:reseal` (lib/integrations/reseal-secrets.ts): the sign-in secrets sealed
// under an older key (sign-in with Okta's client secrets, TOTP secrets) are sealed again with the
// current one, inside the caller's transaction. Returns how many.
import { and, eq, like, not } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { oktaSignInConfigs, totpFactors } from "@/db/schema";
import { type Keyring, seal, unseal } from "@/lib/crypto/seal";
import { secretAad } from "./okta-sign-in/store";
import { totpAad } from "./totp/factor-store";

export const ACCOUNT_SECRET_TABLES = ["okta_sign_in_configs", "totp_factors"] as const;

export async function resealAccountSecrets(tx: DbOrTx, ring: Keyring, workspaceId?: string): Promise<number> {
  const current = `v1.${ring.currentKid}.%`;
  let n = 0;
  for (const row of await tx
    .select()
    .from(oktaSignInConfigs)
    .where(
      and(
        not(like(oktaSignInConfigs.sealedClientSecret, current)),
        workspaceId ? eq(oktaSignInConfigs.workspaceId, workspaceId) : undefined,
      ),
    )
    .for("update")) {
    const aad = secretAad(row.workspaceId);
    await tx
      .update(oktaSignInConfigs)
      .set({ sealedClientSecret: seal(unseal(row.sealedClientSecret, aad, ring), aad, ring) })
      .where(eq(oktaSignInConfigs.workspaceId, row.workspaceId));
    n++;
  }
  for (const row of await tx
    .select()
    .from(totpFactors)
    .where(and(not(like(totpFactors.sealedSecret, current)), workspaceId ? eq(totpFactors.workspaceId, workspaceId) : undefined))
    .for("update")) {
    const aad = totpAad(row.userId);
    await tx
      .update(totpFactors)
      .set({ sealedSecret: seal(unseal(row.sealedSecret, aad, ring), aad, ring) })
      .where(eq(totpFactors.userId, row.userId));
    n++;
  }
  return n;
}
