// Key pairs that are safe to export (the console's lib/crypto/generate-keys.ts says why; the emulator
// imports nothing of the console, so it keeps this copy). Node 20 can deadlock exporting a key it
// generated, when a garbage collection during the export finalizes the generation job, whose
// destructor takes the key's mutex the export holds. The job hands back DER bytes instead, and the keys
// are imported afresh, so no job shares their lock.
import { createPrivateKey, createPublicKey, generateKeyPairSync, type KeyObject } from "node:crypto";

export function generateKeys(spec: { type: "rsa"; modulusLength: number } | { type: "ec"; namedCurve: string }): {
  privateKey: KeyObject;
  publicKey: KeyObject;
} {
  const der =
    spec.type === "rsa"
      ? generateKeyPairSync("rsa", {
          modulusLength: spec.modulusLength,
          publicKeyEncoding: { type: "spki", format: "der" },
          privateKeyEncoding: { type: "pkcs8", format: "der" },
        })
      : generateKeyPairSync("ec", {
          namedCurve: spec.namedCurve,
          publicKeyEncoding: { type: "spki", format: "der" },
          privateKeyEncoding: { type: "pkcs8", format: "der" },
        });
  return {
    privateKey: createPrivateKey({ key: der.privateKey, format: "der", type: "pkcs8" }),
    publicKey: createPublicKey({ key: der.publicKey, format: "der", type: "spki" }),
  };
}
