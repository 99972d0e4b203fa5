// After APP_ENCRYPTION_KEY rotation (old key moved to APP_ENCRYPTION_OLD_KEYS): reseal every stored
// secret with the current key, so the old key can then be retired. Reads reseal lazily anyway; this
// does it for everything at once, then vacuums the tables so the blobs sealed under the old key do not
// stay behind in their pages as dead rows. Idempotent.
import { and, eq, inArray, like, not } from "drizzle-orm";
import { getDb } from "@/db";
import { integrationSecrets, integrations, pendingKeys } from "@/db/schema";
import { ACCOUNT_SECRET_TABLES, resealAccountSecrets } from "@/lib/auth/reseal-account-secrets";
import { keyringFromEnv, seal, unseal } from "@/lib/crypto/seal";
import { pendingKeyAad } from "./credentials";
import { aadFor, currentXid, purgeDeletedSecrets } from "./secrets";

/** Everything, or one workspace's secrets. */
export async function resealSecrets(opts: { workspaceId?: string } = {}): Promise<{ secrets: number; pendingKeys: number }> {
  const ring = keyringFromEnv();
  const current = `v1.${ring.currentKid}.%`;
  const db = getDb();
  let secrets = 0;
  let pending = 0;
  const resealedBy = await db.transaction(async (tx) => {
    const ofWorkspace = opts.workspaceId
      ? inArray(
          integrationSecrets.integrationId,
          tx.select({ id: integrations.id }).from(integrations).where(eq(integrations.workspaceId, opts.workspaceId)),
        )
      : undefined;
    for (const row of await tx
      .select()
      .from(integrationSecrets)
      .where(and(not(like(integrationSecrets.sealed, current)), ofWorkspace))
      .for("update")) {
      const sealed = seal(unseal(row.sealed, aadFor(row.integrationId, row.kind), ring), aadFor(row.integrationId, row.kind), ring);
      await tx
        .update(integrationSecrets)
        .set({ sealed })
        .where(and(eq(integrationSecrets.integrationId, row.integrationId), eq(integrationSecrets.kind, row.kind)));
      secrets++;
    }
    const pendingOfWorkspace = opts.workspaceId ? eq(pendingKeys.workspaceId, opts.workspaceId) : undefined;
    for (const row of await tx
      .select()
      .from(pendingKeys)
      .where(and(not(like(pendingKeys.sealedPrivateKey, current)), pendingOfWorkspace))
      .for("update")) {
      const sealedPrivateKey = seal(unseal(row.sealedPrivateKey, pendingKeyAad(row.id), ring), pendingKeyAad(row.id), ring);
      await tx.update(pendingKeys).set({ sealedPrivateKey }).where(eq(pendingKeys.id, row.id));
      pending++;
    }
    // The console's own sign-in secrets (Okta client secret, TOTP secrets) count as secrets too.
    secrets += await resealAccountSecrets(tx, ring, opts.workspaceId);
    return currentXid(tx);
  });
  if (secrets + pending > 0) await purgeDeletedSecrets(resealedBy, ["integration_secrets", "pending_keys", ...ACCOUNT_SECRET_TABLES]);
  return { secrets, pendingKeys: pending };
}
