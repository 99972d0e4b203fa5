// The database a benchmark seeds and times: `--reuse <url>` times a kept one again; with DATABASE_URL a
// fresh database on that server (dropped at the end unless kept; named BENCH_DB_PREFIX_<time> when
// set, for a server shared with others); without it an embedded Postgres in a temp directory.
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import postgres from "postgres";

export interface BenchDatabase {
  url: string;
  where: string;
  reused: boolean;
  stop(): Promise<void>;
}

export async function benchDatabase(opts: { prefix: string; reuse?: string; keep?: boolean }): Promise<BenchDatabase> {
  if (opts.reuse) return { url: opts.reuse, where: "reused database", reused: true, stop: async () => {} };
  const base = process.env.DATABASE_URL;
  if (base) {
    const name = `${process.env.BENCH_DB_PREFIX || opts.prefix}_${Date.now().toString(36)}`;
    const admin = postgres(base, { max: 1, onnotice: () => {} });
    await admin.unsafe(`create database "${name}"`);
    await admin.end();
    const u = new URL(base);
    u.pathname = `/${name}`;
    return {
      url: u.toString(),
      where: `${u.host} (database ${name})`,
      reused: false,
      stop: async () => {
        if (opts.keep) return console.log(`\nkept database ${u.toString()}`);
        const a = postgres(base, { max: 1, onnotice: () => {} });
        await a.unsafe(`drop database if exists "${name}" with (force)`);
        await a.end();
      },
    };
  }
  const { freePort, startEmbeddedPostgres } = await import("@/db/embedded");
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), `${opts.prefix}-`));
  fs.chmodSync(dir, 0o755);
  const pg = await startEmbeddedPostgres({ dir: path.join(dir, "data"), port: await freePort(), persistent: false, database: "bench" });
  return { url: pg.url, where: "embedded Postgres", reused: false, stop: () => pg.stop() };
}

export function percentiles(ms: number[]) {
  const s = [...ms].sort((a, b) => a - b);
  const at = (p: number) => s[Math.min(s.length - 1, Math.floor(p * s.length))];
  return { p50: at(0.5), p95: at(0.95), max: s.at(-1)! };
}
