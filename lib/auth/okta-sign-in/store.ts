// Where a workspace's sign-in with Okta is kept, and the names derived from it: the Auth.js provider
// id (`okta-<workspace id>`), the redirect URI's path, and the additional data that binds the sealed
// client secret to its row.
import { eq } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { type OktaSignInConfig, oktaSignInConfigs } from "@/db/schema";
import { unseal } from "@/lib/crypto/seal";
import { log } from "@/lib/log";

export const PROVIDER_PREFIX = "okta-";
export const providerIdFor = (workspaceId: string) => `${PROVIDER_PREFIX}${workspaceId}`;
export const redirectPathFor = (workspaceId: string) => `/api/auth/callback/${providerIdFor(workspaceId)}`;
export const secretAad = (workspaceId: string) => `okta-sign-in:${workspaceId}:client_secret`;

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The workspace a provider id names, or null when it is not one of ours. */
export function workspaceOfProvider(providerId: string): string | null {
  if (!providerId.startsWith(PROVIDER_PREFIX)) return null;
  const id = providerId.slice(PROVIDER_PREFIX.length);
  return UUID.test(id) ? id : null;
}

export async function findOktaConfig(db: DbOrTx, workspaceId: string): Promise<OktaSignInConfig | null> {
  const [row] = await db.select().from(oktaSignInConfigs).where(eq(oktaSignInConfigs.workspaceId, workspaceId)).limit(1);
  return row ?? null;
}

export interface OpenOktaConfig {
  workspaceId: string;
  issuer: string;
  clientId: string;
  clientSecret: string;
}

/**
 * Every enabled configuration with its secret opened, for the Auth.js providers. One whose secret
 * cannot be opened (a key missing after a rotation) is left out and logged: it must not stop anyone
 * else from signing in, least of all with a password.
 */
export async function enabledOktaConfigs(db: DbOrTx): Promise<OpenOktaConfig[]> {
  const rows = await db.select().from(oktaSignInConfigs).where(eq(oktaSignInConfigs.enabled, true));
  const open: OpenOktaConfig[] = [];
  for (const r of rows) {
    try {
      open.push({
        workspaceId: r.workspaceId,
        issuer: r.issuer,
        clientId: r.clientId,
        clientSecret: unseal(r.sealedClientSecret, secretAad(r.workspaceId)),
      });
    } catch (error) {
      log.warn("sign-in with Okta: a workspace's client secret could not be opened; its Okta sign-in is off", {
        workspaceId: r.workspaceId,
        error,
      });
    }
  }
  return open;
}
