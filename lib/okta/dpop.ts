// DPoP (RFC 9449) proofs for Okta. A fresh proof, with a new jti, for every attempt; htu is scheme,
// host and the percent-decoded path without query or fragment (the most common DPoP bug across
// Okta's SDKs); ath binds resource calls to the access token.
import { createHash, createPrivateKey, type KeyObject, randomUUID } from "node:crypto";
import { calculateJwkThumbprint, exportJWK, type JWK, SignJWT } from "jose";
import { generateKeys, specOf } from "@/lib/crypto/generate-keys";

export interface DpopKey {
  privateKey: KeyObject | CryptoKey;
  publicJwk: JWK;
  /** The private key as a JWK, so it can be sealed and reused for the token bound to it. */
  privateJwk: JWK;
  alg: "RS256" | "ES256";
  thumbprint: string;
}

async function fromJwk(privateJwk: JWK, alg: DpopKey["alg"]): Promise<DpopKey> {
  // The public members only; the private ones (d, p, q, dp, dq, qi) stay in privateJwk.
  const k = privateJwk;
  const publicJwk = { kty: k.kty, ...(k.kty === "RSA" ? { n: k.n, e: k.e } : { crv: k.crv, x: k.x, y: k.y }) } as JWK;
  return {
    privateKey: createPrivateKey({ key: privateJwk as never, format: "jwk" }),
    publicJwk,
    privateJwk,
    alg,
    thumbprint: await calculateJwkThumbprint(publicJwk),
  };
}

/** An ephemeral key, separate from the client-assertion key as Okta recommends. RS256: what Okta's guides use. */
export async function createDpopKey(alg: DpopKey["alg"] = "RS256"): Promise<DpopKey> {
  const { privateKey } = await generateKeys(specOf(alg));
  return fromJwk(await exportJWK(privateKey), alg);
}

export function importDpopKey(privateJwk: JWK): Promise<DpopKey> {
  return fromJwk(privateJwk, privateJwk.kty === "EC" ? "ES256" : "RS256");
}

export function htuOf(url: string | URL): string {
  const u = new URL(url.toString());
  let path = u.pathname;
  try {
    path = decodeURIComponent(path);
  } catch {
    // A malformed escape stays as sent.
  }
  return `${u.protocol}//${u.host}${path}`;
}

export function accessTokenHash(accessToken: string) {
  return createHash("sha256").update(accessToken, "ascii").digest("base64url");
}

export function dpopProof(key: DpopKey, p: { htm: string; htu: string | URL; nonce?: string; accessToken?: string }): Promise<string> {
  const claims: Record<string, string> = { htm: p.htm.toUpperCase(), htu: htuOf(p.htu) };
  if (p.nonce) claims.nonce = p.nonce;
  if (p.accessToken) claims.ath = accessTokenHash(p.accessToken);
  return new SignJWT(claims)
    .setProtectedHeader({ typ: "dpop+jwt", alg: key.alg, jwk: key.publicJwk })
    .setIssuedAt()
    .setJti(randomUUID())
    .sign(key.privateKey);
}
