// Sealed credential rows of an integration. Each value is sealed with "integration:<id>:<kind>" as
// additional data, so a blob only opens in the row it was written for. Values sealed under an older
// encryption key are resealed with the current one when read.
import { and, eq, inArray } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db";
import { integrationSecrets, type SecretKind } from "@/db/schema";
import { needsReseal, seal, unseal } from "@/lib/crypto/seal";

export const aadFor = (integrationId: string, kind: SecretKind) => `integration:${integrationId}:${kind}`;

export async function writeSecret(db: DbOrTx, integrationId: string, kind: SecretKind, plaintext: string, expiresAt: Date | null = null) {
  const sealed = seal(plaintext, aadFor(integrationId, kind));
  await db
    .insert(integrationSecrets)
    .values({ integrationId, kind, sealed, expiresAt })
    .onConflictDoUpdate({
      target: [integrationSecrets.integrationId, integrationSecrets.kind],
      set: { sealed, expiresAt, updatedAt: new Date() },
    });
}

export async function readSecrets(
  integrationId: string,
  kinds?: SecretKind[],
  db: DbOrTx = getDb(),
): Promise<Partial<Record<SecretKind, { value: string; expiresAt: Date | null }>>> {
  const rows = await db
    .select()
    .from(integrationSecrets)
    .where(and(eq(integrationSecrets.integrationId, integrationId), kinds ? inArray(integrationSecrets.kind, kinds) : undefined));
  const out: Partial<Record<SecretKind, { value: string; expiresAt: Date | null }>> = {};
  for (const row of rows) {
    const value = unseal(row.sealed, aadFor(integrationId, row.kind));
    if (needsReseal(row.sealed)) await writeSecret(db, integrationId, row.kind, value, row.expiresAt);
    out[row.kind] = { value, expiresAt: row.expiresAt };
  }
  return out;
}

export async function deleteSecrets(db: DbOrTx, integrationId: string, kinds?: SecretKind[]) {
  const deleted = await db
    .delete(integrationSecrets)
    .where(and(eq(integrationSecrets.integrationId, integrationId), kinds ? inArray(integrationSecrets.kind, kinds) : undefined))
    .returning({ kind: integrationSecrets.kind });
  return deleted.length;
}
