// Development conveniences: when AUTH_SECRET or APP_ENCRYPTION_KEY is not set, generate one into the
// data directory (git-ignored) so restarts keep sessions and sealed credentials readable. The files
// are readable by their owner only (0600); one an older version left with a looser mode is tightened.
import { randomBytes } from "node:crypto";
import path from "node:path";
import { readSecretFile, tightenSecretFile, writeSecretFile } from "@/db/secret-file";

const FILES = { authSecret: "auth-secret", encryptionKey: "encryption-key" };

function fileSecret(dir: string, name: string, make: () => string) {
  const file = path.join(dir, name);
  const existing = readSecretFile(file);
  if (existing) return existing;
  const value = make();
  writeSecretFile(file, value);
  return value;
}

export function ensureLocalSecrets(dataDir: string) {
  // Files an earlier run generated stay private even when the environment now sets the value.
  for (const name of Object.values(FILES)) tightenSecretFile(path.join(dataDir, name));
  process.env.AUTH_SECRET ||= fileSecret(dataDir, FILES.authSecret, () => randomBytes(32).toString("base64url"));
  process.env.APP_ENCRYPTION_KEY ||= fileSecret(dataDir, FILES.encryptionKey, () => randomBytes(32).toString("base64"));
}
