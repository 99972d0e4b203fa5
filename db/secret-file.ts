// Secrets the zero-config mode keeps in its data directory (the embedded Postgres password, the
// generated AUTH_SECRET and APP_ENCRYPTION_KEY): readable by their owner only (0600). A file left
// with a looser mode by an older version is tightened when read.
import fs from "node:fs";
import path from "node:path";

export const SECRET_FILE_MODE = 0o600;

/** Sets the file's mode to 0600 if group or others may read it; false if there is no such file. */
export function tightenSecretFile(file: string): boolean {
  let stat: fs.Stats;
  try {
    stat = fs.statSync(file);
  } catch {
    return false;
  }
  if (process.platform !== "win32" && (stat.mode & 0o077) !== 0) fs.chmodSync(file, SECRET_FILE_MODE);
  return true;
}

/** The file's trimmed content, or null if it does not exist; its mode is tightened to 0600 first. */
export function readSecretFile(file: string): string | null {
  if (!tightenSecretFile(file)) return null;
  return fs.readFileSync(file, "utf8").trim() || null;
}

/** Writes the value with mode 0600, through a temporary file so a crash never leaves half a secret. */
export function writeSecretFile(file: string, value: string) {
  // The directory keeps the default mode: as root, the embedded Postgres runs as the postgres user and
  // must reach its cluster inside it. The files themselves are what is kept private.
  fs.mkdirSync(path.dirname(file), { recursive: true });
  const tmp = `${file}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, `${value}\n`, { mode: SECRET_FILE_MODE, flag: "w" });
  fs.chmodSync(tmp, SECRET_FILE_MODE);
  fs.renameSync(tmp, file);
}
