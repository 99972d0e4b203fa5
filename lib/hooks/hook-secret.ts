// The hook's shared secret: random, sealed at rest (integration_secrets, kind hook_secret), and
// compared in constant time. Okta sends it verbatim in the header configured on the hook.
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import type { DbOrTx } from "@/db";
import { readSecrets, writeSecret } from "@/lib/integrations/secrets";

export const newHookSecret = () => `osc_hook_${randomBytes(32).toString("base64url")}`;

export async function storeHookSecret(db: DbOrTx, integrationId: string, secret: string) {
  await writeSecret(db, integrationId, "hook_secret", secret);
}

export async function readHookSecret(integrationId: string, db?: DbOrTx): Promise<string | null> {
  return (await readSecrets(integrationId, ["hook_secret"], db)).hook_secret?.value ?? null;
}

/** Constant time whatever the lengths: both sides are hashed to 32 bytes first. */
export function secretMatches(presented: string | null, expected: string): boolean {
  const a = createHash("sha256")
    .update(presented ?? "")
    .digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b) && presented !== null;
}
