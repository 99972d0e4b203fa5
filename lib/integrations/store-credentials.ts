// Writes a verified set of credentials for an integration, replacing any earlier ones (rotation):
// the sealed secret, the DPoP key and the token obtained while verifying. Runs in the caller's transaction.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { integrations, pendingKeys } from "@/db/schema";
import type { Prepared } from "./prepare";
import { deleteSecrets, writeSecret } from "./secrets";

export async function storeCredentials(tx: DbOrTx, integrationId: string, p: Prepared) {
  // Everything but the event-hook secret belongs to the credentials being replaced.
  await deleteSecrets(tx, integrationId, ["client_secret", "private_key", "api_token", "dpop_key", "access_token"]);
  for (const s of p.resolved.secrets) await writeSecret(tx, integrationId, s.kind, s.value);
  if (p.outcome.dpopKey) await writeSecret(tx, integrationId, "dpop_key", JSON.stringify(p.outcome.dpopKey));
  if (p.outcome.token)
    await writeSecret(tx, integrationId, "access_token", JSON.stringify(p.outcome.token), new Date(p.outcome.token.expiresAt));
  if (p.resolved.pendingKeyId) await tx.delete(pendingKeys).where(eq(pendingKeys.id, p.resolved.pendingKeyId));
  const r = p.outcome.result;
  await tx
    .update(integrations)
    .set({
      ...p.resolved.descriptor,
      scopes: p.scopes,
      scopeResults: r.scopes,
      allowActions: p.allowActions,
      adminRoles: p.allowActions ? (r.adminRoles ?? null) : null,
      usesDpop: r.usesDpop,
      oktaOrgId: r.oktaOrgId,
      verifiedAt: new Date(),
      updatedAt: new Date(),
    })
    .where(eq(integrations.id, integrationId));
}
