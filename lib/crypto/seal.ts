// Secrets at rest: AES-256-GCM under a key from the environment, as `v1.<kid>.<iv>.<tag>.<ciphertext>`
// (base64url parts). The key id lets APP_ENCRYPTION_KEY rotate: old keys stay readable through
// APP_ENCRYPTION_OLD_KEYS ("kid:base64,kid:base64") and anything sealed under one is resealed with the
// current key. The additional data (e.g. "integration:<id>:private_key") binds a blob to its row, so a
// sealed value copied into another integration does not open there.
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { getEnv } from "@/lib/env";

export class SealError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SealError";
  }
}

export interface Keyring {
  currentKid: string;
  keys: Map<string, Buffer>;
}

function decodeKey(value: string, name: string): Buffer {
  const key = Buffer.from(value.trim(), value.includes("-") || value.includes("_") ? "base64url" : "base64");
  if (key.length !== 32) throw new SealError(`${name} must be 32 random bytes in base64 (got ${key.length} bytes)`);
  return key;
}

export function keyringFromEnv(): Keyring {
  const env = getEnv();
  if (!env.APP_ENCRYPTION_KEY) {
    throw new SealError(
      "APP_ENCRYPTION_KEY is not set. Generate one with `openssl rand -base64 32` (npm run dev creates .data/encryption-key).",
    );
  }
  const keys = new Map<string, Buffer>();
  for (const entry of (env.APP_ENCRYPTION_OLD_KEYS ?? "")
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean)) {
    const i = entry.indexOf(":");
    if (i <= 0) throw new SealError("APP_ENCRYPTION_OLD_KEYS must look like kid:base64key,kid:base64key");
    keys.set(entry.slice(0, i), decodeKey(entry.slice(i + 1), `APP_ENCRYPTION_OLD_KEYS (${entry.slice(0, i)})`));
  }
  keys.set(env.APP_ENCRYPTION_KEY_ID, decodeKey(env.APP_ENCRYPTION_KEY, "APP_ENCRYPTION_KEY"));
  return { currentKid: env.APP_ENCRYPTION_KEY_ID, keys };
}

export function seal(plaintext: string, aad: string, ring: Keyring = keyringFromEnv()): string {
  const key = ring.keys.get(ring.currentKid)!;
  const iv = randomBytes(12);
  const cipher = createCipheriv("aes-256-gcm", key, iv);
  cipher.setAAD(Buffer.from(aad, "utf8"));
  const ct = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
  const b = (x: Buffer) => x.toString("base64url");
  return `v1.${ring.currentKid}.${b(iv)}.${b(cipher.getAuthTag())}.${b(ct)}`;
}

export function sealedKid(sealed: string): string | null {
  const parts = sealed.split(".");
  return parts.length === 5 && parts[0] === "v1" ? parts[1] : null;
}

export function unseal(sealed: string, aad: string, ring: Keyring = keyringFromEnv()): string {
  const parts = sealed.split(".");
  if (parts.length !== 5 || parts[0] !== "v1") throw new SealError("sealed value has an unknown format");
  const key = ring.keys.get(parts[1]);
  if (!key) throw new SealError(`sealed with key "${parts[1]}", which is not configured (add it to APP_ENCRYPTION_OLD_KEYS)`);
  try {
    const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(parts[2], "base64url"));
    decipher.setAAD(Buffer.from(aad, "utf8"));
    decipher.setAuthTag(Buffer.from(parts[3], "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(parts[4], "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new SealError("sealed value could not be opened (wrong key, or it was altered or moved)");
  }
}

/** True when the value was sealed with an older key and should be resealed with the current one. */
export function needsReseal(sealed: string, ring: Keyring = keyringFromEnv()) {
  return sealedKid(sealed) !== ring.currentKid;
}
