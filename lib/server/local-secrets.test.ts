// Zero-config secrets on disk: generated once with mode 0600, reused on the next start, and a file an
// older version wrote with a looser mode is tightened without changing its value.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ensureLocalSecrets } from "./local-secrets";

const mode = (file: string) => fs.statSync(file).mode & 0o777;
let dir: string;
const saved = { AUTH_SECRET: process.env.AUTH_SECRET, APP_ENCRYPTION_KEY: process.env.APP_ENCRYPTION_KEY };

beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), "osc-local-secrets-"));
  delete process.env.AUTH_SECRET;
  delete process.env.APP_ENCRYPTION_KEY;
});
afterEach(() => {
  fs.rmSync(dir, { recursive: true, force: true });
  Object.assign(process.env, saved);
});

describe.skipIf(process.platform === "win32")("ensureLocalSecrets", () => {
  it("generates the session secret and the encryption key as 0600 files and reuses them", () => {
    const data = path.join(dir, ".data");
    ensureLocalSecrets(data);
    const key = process.env.APP_ENCRYPTION_KEY!;
    const auth = process.env.AUTH_SECRET!;
    expect(Buffer.from(key, "base64")).toHaveLength(32);
    expect(auth.length).toBeGreaterThanOrEqual(43);
    expect(mode(path.join(data, "encryption-key"))).toBe(0o600);
    expect(mode(path.join(data, "auth-secret"))).toBe(0o600);
    expect(fs.readFileSync(path.join(data, "encryption-key"), "utf8")).toBe(`${key}\n`);
    // No temporary file left beside them.
    expect(fs.readdirSync(data).sort()).toEqual(["auth-secret", "encryption-key"]);

    delete process.env.AUTH_SECRET;
    delete process.env.APP_ENCRYPTION_KEY;
    ensureLocalSecrets(data);
    expect(process.env.APP_ENCRYPTION_KEY).toBe(key);
    expect(process.env.AUTH_SECRET).toBe(auth);
  });

  it("tightens files an older version left readable by others, keeping their values", () => {
    const key = Buffer.alloc(32, 3).toString("base64");
    fs.writeFileSync(path.join(dir, "encryption-key"), `${key}\n`, { mode: 0o644 });
    fs.writeFileSync(path.join(dir, "auth-secret"), "old-auth-secret-0123456789abcdef0123456789\n", { mode: 0o666 });
    fs.chmodSync(path.join(dir, "auth-secret"), 0o666);
    process.env.AUTH_SECRET = "from-the-environment-0123456789abcdef012345";
    ensureLocalSecrets(dir);
    expect(process.env.APP_ENCRYPTION_KEY).toBe(key);
    expect(process.env.AUTH_SECRET).toBe("from-the-environment-0123456789abcdef012345");
    expect(mode(path.join(dir, "encryption-key"))).toBe(0o600);
    // Set in the environment, yet the old file on disk is made private too.
    expect(mode(path.join(dir, "auth-secret"))).toBe(0o600);
  });
});
