// TOTP (RFC 6238) as authenticator apps do it: SHA-1, 6 digits, 30-second steps, one step of clock
// drift either way. Pure helpers over the otpauth library; the verbs beside this file keep the state.
import { createHash, randomBytes } from "node:crypto";
import { Secret, TOTP } from "otpauth";
import { encode } from "uqr";

export const TOTP_PERIOD_S = 30;
export const ISSUER = "Okta Sync Console";
/** Steps either side of now that still count, for a phone whose clock is a little off. */
const WINDOW = 1;

/** A fresh 160-bit secret, base32 (what the authenticator app's manual entry takes). */
export const newTotpSecret = () => new Secret({ size: 20 }).base32;

const totpFor = (secret: string, label = "") =>
  new TOTP({ issuer: ISSUER, label, secret: Secret.fromBase32(secret), algorithm: "SHA1", digits: 6, period: TOTP_PERIOD_S });

export const otpauthUri = (secret: string, account: string) => totpFor(secret, account).toString();

/** The time step a code belongs to, or null when it matches none near `nowMs`. */
export function codeStep(secret: string, code: string, nowMs: number): number | null {
  if (!/^\d{6}$/.test(code)) return null;
  const delta = totpFor(secret).validate({ token: code, timestamp: nowMs, window: WINDOW });
  return delta === null ? null : Math.floor(nowMs / 1000 / TOTP_PERIOD_S) + delta;
}

/** The code for a moment (tests, and nothing else, play the authenticator app). */
export const codeAt = (secret: string, nowMs: number) => totpFor(secret).generate({ timestamp: nowMs });

/** The QR code of the otpauth URI, row by row ("1" dark), for the page to draw as SVG. */
export function qrRows(uri: string): string[] {
  return encode(uri, { ecc: "M", border: 2 }).data.map((row) => row.map((dark) => (dark ? "1" : "0")).join(""));
}

// Recovery codes: 16 base32 characters (80 random bits) in four groups; stored as SHA-256 hashes,
// which is enough for values this random (as for API keys).
const ALPHABET = "abcdefghijklmnopqrstuvwxyz234567";
export const RECOVERY_CODE_COUNT = 10;

export function newRecoveryCode(): string {
  const bytes = randomBytes(16);
  const chars = [...bytes].map((b) => ALPHABET[b & 31]).join("");
  return chars.match(/.{4}/g)!.join("-");
}

/** Hash of a recovery code as typed: case, spaces and dashes do not matter. */
export const hashRecoveryCode = (code: string) => createHash("sha256").update(code.toLowerCase().replace(/[\s-]/g, "")).digest("hex");

export const isRecoveryCodeShape = (code: string) => /^[a-z2-7]{16}$/.test(code.toLowerCase().replace(/[\s-]/g, ""));
