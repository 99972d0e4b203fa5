import { describe, expect, it } from "vitest";
import { generateKeys } from "./generate-keys";
import { generateSigningKeyPair, parsePrivateKey } from "./keys";

const rsa = await generateKeys({ type: "rsa", modulusLength: 2048 });
const ec = await generateKeys({ type: "ec", namedCurve: "P-256" });
const pkcs8 = rsa.privateKey.export({ type: "pkcs8", format: "pem" }) as string;
const pkcs1 = rsa.privateKey.export({ type: "pkcs1", format: "pem" }) as string;
const sec1 = ec.privateKey.export({ type: "sec1", format: "pem" }) as string;
const ecPkcs8 = ec.privateKey.export({ type: "pkcs8", format: "pem" }) as string;
const jwk = { ...rsa.privateKey.export({ format: "jwk" }), kid: "my-kid" };
const spki = rsa.publicKey.export({ type: "spki", format: "pem" }) as string;
const small = (await generateKeys({ type: "rsa", modulusLength: 1024 })).privateKey.export({ type: "pkcs8", format: "pem" }) as string;
const ed = (await generateKeys({ type: "ed25519" })).privateKey.export({ type: "pkcs8", format: "pem" }) as string;

describe("parsePrivateKey accepts", () => {
  it.each<[string, string | object, string, string | undefined]>([
    ["PKCS#8 PEM", pkcs8, "RS256", undefined],
    ["PKCS#1 PEM", pkcs1, "RS256", undefined],
    ["PEM with literal \\n (form field / JSON string)", pkcs8.replace(/\n/g, "\\n"), "RS256", undefined],
    ["PEM with newlines flattened to spaces", pkcs8.replace(/\n/g, " "), "RS256", undefined],
    ["PEM with CRLF and surrounding blanks", `\n  ${pkcs1.replace(/\n/g, "\r\n")}  `, "RS256", undefined],
    ["EC SEC1 PEM", sec1, "ES256", undefined],
    ["EC PKCS#8 PEM", ecPkcs8, "ES256", undefined],
    ["JWK text", JSON.stringify(jwk), "RS256", "my-kid"],
    ["JWK object", jwk, "RS256", "my-kid"],
    ["one-key JWKS", JSON.stringify({ keys: [jwk] }), "RS256", "my-kid"],
  ])("%s", async (_, input, alg, kid) => {
    const k = await parsePrivateKey(input as string);
    expect(k.alg).toBe(alg);
    expect(k.kid).toBe(kid);
    expect(k.fingerprint).toMatch(/^[\w-]{43}$/);
    expect(k.publicJwk.d).toBeUndefined();
  });

  it("gives the same fingerprint for the same key in every format", async () => {
    const prints = await Promise.all([pkcs8, pkcs1, JSON.stringify(jwk)].map(async (k) => (await parsePrivateKey(k)).fingerprint));
    expect(new Set(prints).size).toBe(1);
  });
});

describe("parsePrivateKey refuses", () => {
  it.each<[string, string, RegExp]>([
    ["empty", "   ", /empty/],
    ["random text", "hello world", /PEM .* or as a JWK/],
    ["a public key", spki, /public key, not a private key/],
    ["a certificate header", "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----", /certificate, not a private key/],
    ["an encrypted key", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nMIIB\n-----END ENCRYPTED PRIVATE KEY-----", /encrypted/],
    ["a truncated PEM", pkcs8.slice(0, 200), /incomplete/],
    ["a corrupted PEM body", pkcs8.replace(/[A-Za-z]{10}/, "!!!!!!!!!!"), /not valid base64/],
    ["a PEM with a wrong body", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----", /could not be read/],
    ["a public JWK", JSON.stringify({ kty: "RSA", n: "abc", e: "AQAB" }), /public key/],
    ["bad JSON", "{nope", /not valid JSON/],
    ["a JWKS with two keys", JSON.stringify({ keys: [jwk, jwk] }), /2 private keys/],
    ["a 1024-bit RSA key", small, /2048/],
    ["an Ed25519 key", ed, /not supported/],
  ])("%s", async (_, input, msg) => {
    const e = await parsePrivateKey(input).then(
      () => null,
      (x: Error) => x,
    );
    expect(e?.message).toMatch(msg);
    // Never echo the key.
    expect(e?.message).not.toMatch(/MII[A-Za-z0-9+/]{20}/);
  });
});

describe("generateSigningKeyPair", () => {
  it("makes a public JWK with kid to paste into Okta, and a private JWK that parses back to the same key", async () => {
    const pair = await generateSigningKeyPair();
    expect(pair.publicJwk).toMatchObject({ kty: "RSA", alg: "RS256", use: "sig", kid: pair.kid });
    expect(pair.publicJwk.d).toBeUndefined();
    const parsed = await parsePrivateKey(pair.privateJwk);
    expect(parsed.fingerprint).toBe(pair.fingerprint);
    expect(parsed.kid).toBe(pair.kid);
  });
});
