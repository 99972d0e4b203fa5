// Key material for private_key_jwt: generating a pair for the admin to register in Okta, and reading
// the private keys people paste (PKCS#1 or PKCS#8 PEM, SEC1 EC PEM, JWK or a one-key JWKS, with the
// literal "\n" that form fields and JSON strings leave behind, or with newlines flattened to spaces).
// Error messages describe the problem, never the key.
import { createPrivateKey, createPublicKey, type KeyObject } from "node:crypto";
import { calculateJwkThumbprint, exportJWK, type JWK } from "jose";
import { generateKeys, specOf } from "./generate-keys";

export class KeyFormatError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "KeyFormatError";
  }
}

export type SigningAlg = "RS256" | "ES256" | "ES384" | "ES512";

export interface ParsedPrivateKey {
  key: KeyObject;
  alg: SigningAlg;
  /** Public half, with kid/alg/use when known: what is registered in Okta. */
  publicJwk: JWK;
  /** RFC 7638 SHA-256 thumbprint (base64url): identifies the key without revealing it. */
  fingerprint: string;
  kid?: string;
}

const CURVE_ALG: Record<string, SigningAlg> = {
  prime256v1: "ES256",
  secp384r1: "ES384",
  secp521r1: "ES512",
  "P-256": "ES256",
  "P-384": "ES384",
  "P-521": "ES512",
};

function normalizePem(text: string): string {
  const m = /-----BEGIN ([A-Z0-9 ]+)-----([\s\S]*?)-----END \1-----/.exec(text);
  if (!m) throw new KeyFormatError("the PEM key is incomplete: it needs both its -----BEGIN ...----- and -----END ...----- lines");
  const label = m[1];
  if (/ENCRYPTED/.test(label) || /Proc-Type:\s*4,ENCRYPTED/i.test(m[2]))
    throw new KeyFormatError("the key is encrypted with a passphrase; paste the unencrypted private key");
  if (/PUBLIC KEY|CERTIFICATE/.test(label))
    throw new KeyFormatError(`this is a ${label.toLowerCase()}, not a private key; paste the private key`);
  if (!/PRIVATE KEY$/.test(label))
    throw new KeyFormatError(`unsupported PEM type "${label}"; paste a PRIVATE KEY, RSA PRIVATE KEY or EC PRIVATE KEY`);
  const body = m[2].replace(/\s+/g, "");
  if (!/^[A-Za-z0-9+/]+=*$/.test(body)) throw new KeyFormatError("the PEM key body is not valid base64");
  return `-----BEGIN ${label}-----\n${body.replace(/(.{64})/g, "$1\n").replace(/\n$/, "")}\n-----END ${label}-----\n`;
}

function jwkFromText(text: string): JWK {
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch {
    throw new KeyFormatError("the key looks like JSON but is not valid JSON");
  }
  if (parsed && typeof parsed === "object" && Array.isArray((parsed as { keys?: unknown }).keys)) {
    const keys = (parsed as { keys: JWK[] }).keys.filter((k) => k && typeof k === "object" && "d" in k);
    if (keys.length !== 1) throw new KeyFormatError(`the JWKS holds ${keys.length} private keys; paste exactly one`);
    return keys[0];
  }
  if (!parsed || typeof parsed !== "object") throw new KeyFormatError("the JWK must be a JSON object");
  return parsed as JWK;
}

export async function parsePrivateKey(input: string | JWK | KeyObject): Promise<ParsedPrivateKey> {
  let key: KeyObject;
  let jwkKid: string | undefined;
  try {
    if (typeof input === "string") {
      const text = input.trim().replace(/\\r\\n|\\n|\\r/g, "\n");
      if (!text) throw new KeyFormatError("the private key is empty");
      if (text.startsWith("{")) {
        const jwk = jwkFromText(text);
        jwkKid = typeof jwk.kid === "string" ? jwk.kid : undefined;
        key = keyFromJwk(jwk);
      } else if (text.includes("-----BEGIN")) {
        key = createPrivateKey({ key: normalizePem(text), format: "pem" });
      } else {
        throw new KeyFormatError('paste the private key as PEM (-----BEGIN PRIVATE KEY-----) or as a JWK ({"kty": ...})');
      }
    } else if ("asymmetricKeyType" in input && typeof (input as KeyObject).export === "function") {
      key = input as KeyObject;
    } else {
      jwkKid = typeof (input as JWK).kid === "string" ? (input as JWK).kid : undefined;
      key = keyFromJwk(input as JWK);
    }
  } catch (e) {
    if (e instanceof KeyFormatError) throw e;
    throw new KeyFormatError("the private key could not be read; check it was copied completely");
  }
  if (key.type !== "private") throw new KeyFormatError("this is a public key; paste the private key");
  let alg: SigningAlg;
  if (key.asymmetricKeyType === "rsa") {
    const bits = key.asymmetricKeyDetails?.modulusLength ?? 0;
    if (bits < 2048) throw new KeyFormatError(`the RSA key has ${bits} bits; Okta requires at least 2048`);
    alg = "RS256";
  } else if (key.asymmetricKeyType === "ec") {
    const a = CURVE_ALG[key.asymmetricKeyDetails?.namedCurve ?? ""];
    if (!a) throw new KeyFormatError("the EC key must be on curve P-256, P-384 or P-521");
    alg = a;
  } else {
    throw new KeyFormatError(
      `${key.asymmetricKeyType ?? "this"} keys are not supported by Okta for client authentication; use RSA (2048+ bits) or EC P-256`,
    );
  }
  const pub = await exportJWK(createPublicKey(key));
  const fingerprint = await calculateJwkThumbprint(pub);
  return { key, alg, publicJwk: { ...pub, ...(jwkKid ? { kid: jwkKid } : {}), alg, use: "sig" }, fingerprint, kid: jwkKid };
}

function keyFromJwk(jwk: JWK): KeyObject {
  if (!jwk.kty) throw new KeyFormatError('the JWK has no "kty"');
  if (!jwk.d) throw new KeyFormatError('the JWK is a public key (no "d"); paste the private JWK');
  try {
    return createPrivateKey({ key: jwk as never, format: "jwk" });
  } catch {
    throw new KeyFormatError("the JWK could not be read as a private key");
  }
}

export interface GeneratedKeyPair {
  kid: string;
  alg: SigningAlg;
  publicJwk: JWK;
  privateJwk: JWK;
  fingerprint: string;
}

/** A fresh signing key for a service app: the public JWK (with kid) goes into Okta, the private one is sealed. */
export async function generateSigningKeyPair(alg: "RS256" | "ES256" = "RS256"): Promise<GeneratedKeyPair> {
  const { privateKey, publicKey } = await generateKeys(specOf(alg));
  const pub = await exportJWK(publicKey);
  const fingerprint = await calculateJwkThumbprint(pub);
  const kid = `osc-${fingerprint.slice(0, 16)}`;
  return { kid, alg, fingerprint, publicJwk: { ...pub, kid, alg, use: "sig" }, privateJwk: { ...(await exportJWK(privateKey)), kid, alg } };
}
