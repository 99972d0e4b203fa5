import { hash, verify } from "@node-rs/argon2";

// argon2id with the library's defaults (m=19456 KiB, t=2, p=1: OWASP's minimum).
export const hashPassword = (password: string) => hash(password);

/**
 * The password hash of someone created by sign-in with Okta: no password matches it (it is not an
 * argon2 hash), so such a person signs in with Okta until an admin sets a password.
 */
export const NO_PASSWORD = "!okta-sign-in";

export const hasPassword = (passwordHash: string) => passwordHash !== NO_PASSWORD;

export async function verifyPassword(passwordHash: string, password: string) {
  if (!hasPassword(passwordHash)) return false;
  try {
    return await verify(passwordHash, password);
  } catch {
    return false;
  }
}
