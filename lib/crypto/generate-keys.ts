// Key pairs that are safe to export. Node 20 can deadlock exporting a key it generated: the export
// holds the key's mutex while it allocates, the allocation may run a garbage collection, and the
// collection may finalize the generation job, whose destructor takes the same mutex (seen in CI, under
// gdb: KeyGenJob<RsaKeyGenTraits>::~KeyGenJob inside ExportJWKRsaKey, the test worker asleep forever).
// Here the job hands back DER bytes and the keys are imported afresh, so no job shares their lock.
import { createPrivateKey, createPublicKey, generateKeyPair, type KeyObject } from "node:crypto";
import { promisify } from "node:util";

export type KeySpec = { type: "rsa"; modulusLength: number } | { type: "ec"; namedCurve: string } | { type: "ed25519" };
export interface KeyPair {
  privateKey: KeyObject;
  publicKey: KeyObject;
}

const generateDer = promisify(generateKeyPair);

function imported(der: { publicKey: Buffer; privateKey: Buffer }): KeyPair {
  return {
    privateKey: createPrivateKey({ key: der.privateKey, format: "der", type: "pkcs8" }),
    publicKey: createPublicKey({ key: der.publicKey, format: "der", type: "spki" }),
  };
}

export async function generateKeys(spec: KeySpec): Promise<KeyPair> {
  if (spec.type === "rsa")
    return imported(
      await generateDer("rsa", {
        modulusLength: spec.modulusLength,
        publicKeyEncoding: { type: "spki", format: "der" },
        privateKeyEncoding: { type: "pkcs8", format: "der" },
      }),
    );
  if (spec.type === "ec")
    return imported(
      await generateDer("ec", {
        namedCurve: spec.namedCurve,
        publicKeyEncoding: { type: "spki", format: "der" },
        privateKeyEncoding: { type: "pkcs8", format: "der" },
      }),
    );
  return imported(
    await generateDer("ed25519", {
      publicKeyEncoding: { type: "spki", format: "der" },
      privateKeyEncoding: { type: "pkcs8", format: "der" },
    }),
  );
}

/** The spec of a signing algorithm's keys. */
export const specOf = (alg: "RS256" | "ES256"): KeySpec =>
  alg === "RS256" ? { type: "rsa", modulusLength: 2048 } : { type: "ec", namedCurve: "P-256" };
