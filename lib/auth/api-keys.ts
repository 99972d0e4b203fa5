import { createHash, randomBytes } from "node:crypto";

const PREFIX = "osc_";

export function generateApiKey() {
  const key = PREFIX + randomBytes(32).toString("base64url");
  return { key, prefix: key.slice(0, 12), keyHash: hashApiKey(key) };
}

// Keys are high-entropy random strings, so a fast hash is enough (no password hashing needed).
export function hashApiKey(key: string) {
  return createHash("sha256").update(key).digest("hex");
}

export function looksLikeApiKey(key: string) {
  return /^osc_[A-Za-z0-9_-]{43}$/.test(key);
}
