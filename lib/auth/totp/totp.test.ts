import { Secret, TOTP } from "otpauth";
import { describe, expect, it } from "vitest";
import { codeAt, codeStep, hashRecoveryCode, isRecoveryCodeShape, newRecoveryCode, newTotpSecret, otpauthUri, qrRows } from "./totp";

describe("TOTP helpers", () => {
  // RFC 6238 appendix B: the SHA-1 secret "12345678901234567890" at T=59 s gives 94287082 (8 digits); 6 digits: 287082.
  const rfcSecret = Secret.fromUTF8("12345678901234567890").base32;

  it("computes RFC 6238's test vector and places a code in its time step, one step of drift either way", () => {
    expect(codeAt(rfcSecret, 59_000)).toBe("287082");
    expect(codeStep(rfcSecret, "287082", 59_000)).toBe(1);
    expect(codeStep(rfcSecret, "287082", 89_000)).toBe(1); // next step: still accepted, as step 1
    expect(codeStep(rfcSecret, "287082", 29_000)).toBe(1); // previous step
    expect(codeStep(rfcSecret, "287082", 120_000)).toBeNull(); // two steps later
    expect(codeStep(rfcSecret, "28708", 59_000)).toBeNull();
    expect(codeStep(rfcSecret, "abcdef", 59_000)).toBeNull();
  });

  it("makes 160-bit secrets and an otpauth URI authenticator apps read back to the same code", () => {
    const secret = newTotpSecret();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    const uri = otpauthUri(secret, "ana@example.com");
    expect(uri).toMatch(/^otpauth:\/\/totp\/Okta%20Sync%20Console:ana%40example\.com\?/);
    const parsed = TOTP.generate({ secret: Secret.fromBase32(new URL(uri).searchParams.get("secret")!), timestamp: 1_000_000 });
    expect(parsed).toBe(codeAt(secret, 1_000_000));
  });

  it("draws the URI as a square QR matrix", () => {
    const rows = qrRows("otpauth://totp/x?secret=ABC");
    expect(rows.length).toBeGreaterThanOrEqual(25);
    expect(rows.every((r) => r.length === rows.length && /^[01]+$/.test(r))).toBe(true);
  });

  it("makes recovery codes of 80 random bits, hashed the same whatever case, spaces or dashes", () => {
    const code = newRecoveryCode();
    expect(code).toMatch(/^[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}-[a-z2-7]{4}$/);
    expect(new Set(Array.from({ length: 50 }, newRecoveryCode)).size).toBe(50);
    expect(hashRecoveryCode(code.toUpperCase().replace(/-/g, " "))).toBe(hashRecoveryCode(code));
    expect(hashRecoveryCode(code)).not.toBe(hashRecoveryCode(newRecoveryCode()));
    expect(isRecoveryCodeShape(code)).toBe(true);
    expect(isRecoveryCodeShape("123456")).toBe(false);
  });
});
