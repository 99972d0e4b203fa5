import { randomBytes } from "node:crypto";
import { afterEach, describe, expect, it } from "vitest";
import { resetEnvCache } from "@/lib/env";
import { keyringFromEnv, needsReseal, seal, sealedKid, unseal } from "./seal";

const saved = { ...process.env };
const key = () => randomBytes(32).toString("base64");
function useKeys(current: { kid: string; key: string }, old?: string) {
  process.env.APP_ENCRYPTION_KEY = current.key;
  process.env.APP_ENCRYPTION_KEY_ID = current.kid;
  if (old === undefined) delete process.env.APP_ENCRYPTION_OLD_KEYS;
  else process.env.APP_ENCRYPTION_OLD_KEYS = old;
  resetEnvCache();
}
afterEach(() => {
  process.env = { ...saved };
  resetEnvCache();
});

describe("seal / unseal", () => {
  it("round-trips, with a fresh IV each time, and hides the plaintext", () => {
    useKeys({ kid: "k1", key: key() });
    const a = seal("s3cret-value", "integration:1:client_secret");
    const b = seal("s3cret-value", "integration:1:client_secret");
    expect(a).not.toBe(b);
    expect(a).toMatch(/^v1\.k1\.[\w-]+\.[\w-]+\.[\w-]+$/);
    expect(a).not.toContain("s3cret");
    expect(Buffer.from(a.split(".")[4], "base64url").toString()).not.toContain("s3cret");
    expect(unseal(a, "integration:1:client_secret")).toBe("s3cret-value");
  });

  it("refuses a value moved to another row, altered, or sealed with an unknown key", () => {
    useKeys({ kid: "k1", key: key() });
    const s = seal("v", "integration:1:api_token");
    expect(() => unseal(s, "integration:2:api_token")).toThrow(/could not be opened/);
    // Flip one bit of the ciphertext (replacing it with a fixed byte would leave it unchanged 1 time in 256).
    const parts = s.split(".");
    const ciphertext = Buffer.from(parts[4], "base64url");
    ciphertext[0] ^= 1;
    parts[4] = ciphertext.toString("base64url");
    expect(() => unseal(parts.join("."), "integration:1:api_token")).toThrow(/could not be opened/);
    useKeys({ kid: "k2", key: key() });
    expect(() => unseal(s, "integration:1:api_token")).toThrow(/key "k1", which is not configured/);
    expect(() => unseal("garbage", "x")).toThrow(/unknown format/);
  });

  it("rotates: old keys still open, needsReseal says so, resealing moves to the current key", () => {
    const k1 = key();
    useKeys({ kid: "k1", key: k1 });
    const old = seal("token-123", "aad");
    const k2 = key();
    useKeys({ kid: "k2", key: k2 }, `k1:${k1}`);
    expect(needsReseal(old)).toBe(true);
    expect(unseal(old, "aad")).toBe("token-123");
    const fresh = seal(unseal(old, "aad"), "aad");
    expect(sealedKid(fresh)).toBe("k2");
    expect(needsReseal(fresh)).toBe(false);
    // Once k1 is retired, the resealed value still opens.
    useKeys({ kid: "k2", key: k2 });
    expect(unseal(fresh, "aad")).toBe("token-123");
  });

  it.each([
    ["missing", undefined, /APP_ENCRYPTION_KEY is not set/],
    ["too short", Buffer.alloc(16).toString("base64"), /32 random bytes/],
  ])("refuses a %s key", (_, value, msg) => {
    if (value === undefined) delete process.env.APP_ENCRYPTION_KEY;
    else process.env.APP_ENCRYPTION_KEY = value;
    resetEnvCache();
    expect(() => keyringFromEnv()).toThrow(msg);
  });

  it("refuses malformed old keys", () => {
    useKeys({ kid: "k2", key: key() }, "nokid");
    expect(() => keyringFromEnv()).toThrow(/kid:base64key/);
  });
});
