// Development conveniences: when AUTH_SECRET or APP_ENCRYPTION_KEY is not set, generate one into the
// data directory (git-ignored) so restarts keep sessions and sealed credentials readable.
import { randomBytes } from "node:crypto";
import fs from "node:fs";
import path from "node:path";

function fileSecret(dir: string, name: string, make: () => string) {
  const file = path.join(dir, name);
  if (fs.existsSync(file)) return fs.readFileSync(file, "utf8").trim();
  fs.mkdirSync(dir, { recursive: true });
  const value = make();
  fs.writeFileSync(file, `${value}\n`, { mode: 0o600 });
  return value;
}

export function ensureLocalSecrets(dataDir: string) {
  process.env.AUTH_SECRET ||= fileSecret(dataDir, "auth-secret", () => randomBytes(32).toString("base64url"));
  process.env.APP_ENCRYPTION_KEY ||= fileSecret(dataDir, "encryption-key", () => randomBytes(32).toString("base64"));
}
