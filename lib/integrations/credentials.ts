// From what an admin submitted (AuthInput) to what the client needs (OktaCredentials), what is sealed
// (secret material) and what may be shown (method, client ID, key id and fingerprint, token's last 4).
import { and, eq } from "drizzle-orm";
import { exportJWK, type JWK } from "jose";
import { type DbOrTx, getDb } from "@/db";
import { type AuthMethod, type Integration, pendingKeys, type SecretKind } from "@/db/schema";
import { KeyFormatError, parsePrivateKey } from "@/lib/crypto/keys";
import { unseal } from "@/lib/crypto/seal";
import { AppError } from "@/lib/errors";
import type { OktaCredentials } from "@/lib/okta/client";
import type { AuthInput } from "./contracts";

export interface CredentialDescriptor {
  authMethod: AuthMethod;
  clientId: string | null;
  keyId: string | null;
  keyFingerprint: string | null;
  tokenLast4: string | null;
}

export interface ResolvedCredentials {
  credentials: OktaCredentials;
  secrets: Array<{ kind: SecretKind; value: string }>;
  descriptor: CredentialDescriptor;
  /** A console-generated key consumed by this connect; deleted when the integration is saved. */
  pendingKeyId?: string;
}

export const pendingKeyAad = (id: string) => `pending_key:${id}`;

const fieldError = (field: string, message: string) =>
  new AppError("VALIDATION", `Invalid body: ${field}: ${message}`, { fields: [{ field, message }] });

export async function resolveCredentials(
  workspaceId: string,
  auth: AuthInput,
  scopes: string[],
  db: DbOrTx = getDb(),
): Promise<ResolvedCredentials> {
  if (auth.method === "api_token") {
    return {
      credentials: { method: "api_token", token: auth.token },
      secrets: [{ kind: "api_token", value: auth.token }],
      descriptor: { authMethod: "api_token", clientId: null, keyId: null, keyFingerprint: null, tokenLast4: auth.token.slice(-4) },
    };
  }
  if (auth.method === "client_secret") {
    return {
      credentials: { method: "client_secret", clientId: auth.clientId, clientSecret: auth.clientSecret, scopes },
      secrets: [{ kind: "client_secret", value: auth.clientSecret }],
      descriptor: { authMethod: "client_secret", clientId: auth.clientId, keyId: null, keyFingerprint: null, tokenLast4: null },
    };
  }
  let privateJwk: JWK;
  let pendingKeyId: string | undefined;
  if (auth.generatedKeyId) {
    const [row] = await db
      .select()
      .from(pendingKeys)
      .where(and(eq(pendingKeys.id, auth.generatedKeyId), eq(pendingKeys.workspaceId, workspaceId)))
      .limit(1);
    if (!row)
      throw fieldError(
        "auth.generatedKeyId",
        "no generated key with this id in your workspace (it is used up once an integration is saved); generate a new key",
      );
    privateJwk = JSON.parse(unseal(row.sealedPrivateKey, pendingKeyAad(row.id))) as JWK;
    pendingKeyId = row.id;
  } else {
    try {
      const parsed = await parsePrivateKey(auth.privateKey ?? "");
      privateJwk = { ...(await exportJWK(parsed.key)), ...(parsed.kid ? { kid: parsed.kid } : {}) };
    } catch (e) {
      if (e instanceof KeyFormatError) throw fieldError("auth.privateKey", e.message);
      throw e;
    }
  }
  const parsed = await parsePrivateKey(privateJwk);
  const keyId = auth.keyId || parsed.kid || null;
  return {
    credentials: { method: "private_key_jwt", clientId: auth.clientId, privateKey: privateJwk, keyId: keyId ?? undefined, scopes },
    secrets: [{ kind: "private_key", value: JSON.stringify(privateJwk) }],
    descriptor: { authMethod: "private_key_jwt", clientId: auth.clientId, keyId, keyFingerprint: parsed.fingerprint, tokenLast4: null },
    pendingKeyId,
  };
}

/** Rebuilds the client credentials of a stored integration from its unsealed secrets. */
export function credentialsFromSecrets(row: Integration, secrets: Partial<Record<SecretKind, { value: string }>>): OktaCredentials | null {
  const dpopKey = secrets.dpop_key ? (JSON.parse(secrets.dpop_key.value) as JWK) : undefined;
  switch (row.authMethod) {
    case "api_token":
      return secrets.api_token ? { method: "api_token", token: secrets.api_token.value } : null;
    case "client_secret":
      return secrets.client_secret && row.clientId
        ? { method: "client_secret", clientId: row.clientId, clientSecret: secrets.client_secret.value, scopes: row.scopes, dpopKey }
        : null;
    case "private_key_jwt":
      return secrets.private_key && row.clientId
        ? {
            method: "private_key_jwt",
            clientId: row.clientId,
            privateKey: JSON.parse(secrets.private_key.value) as JWK,
            keyId: row.keyId ?? undefined,
            scopes: row.scopes,
            dpopKey,
          }
        : null;
  }
}
