// The command-line tools as an operator runs them: each script is a child process (tsx) against a
// database of its own, and the test checks what it changed, what it printed and its exit code,
// including bad arguments (a non-zero exit and a message that names the problem, nothing changed).
import { execFile } from "node:child_process";
import { randomUUID } from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import postgres from "postgres";
import { afterAll, describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/me/route";
import { closeDb } from "@/db";
import { hashApiKey } from "@/lib/auth/api-keys";
import { verifyPassword } from "@/lib/auth/passwords";
import { type Keyring, seal, unseal } from "@/lib/crypto/seal";
import { resetEnvCache } from "@/lib/env";
import { pendingKeyAad } from "@/lib/integrations/credentials";
import { aadFor } from "@/lib/integrations/secrets";
import { callRoute } from "@/test/call-route";

const baseUrl = process.env.DATABASE_URL!;
const made: string[] = [];
const clients: postgres.Sql[] = [];

afterAll(async () => {
  await Promise.all(clients.map((c) => c.end({ timeout: 5 })));
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    for (const name of made) await admin.unsafe(`drop database if exists "${name}" with (force)`);
  } finally {
    await admin.end();
  }
});

/** An empty database (no tables), dropped after the file; its URL and a client to look inside. */
async function emptyDatabase() {
  const name = `osc_cli_${randomUUID().slice(0, 8)}`;
  const admin = postgres(baseUrl, { max: 1, onnotice: () => {} });
  try {
    await admin.unsafe(`create database "${name}"`);
  } finally {
    await admin.end();
  }
  made.push(name);
  const u = new URL(baseUrl);
  u.pathname = `/${name}`;
  const url = u.toString();
  const sql = postgres(url, { max: 2, onnotice: () => {} });
  clients.push(sql);
  return { url, sql };
}

interface Run {
  code: number;
  stdout: string;
  stderr: string;
}

/** `tsx scripts/<script> ...args` with exactly `env` on top of PATH (no DATABASE_URL unless given). */
function run(script: string, args: string[], env: Record<string, string | undefined>): Promise<Run> {
  const childEnv: Record<string, string> = { PATH: process.env.PATH ?? "", NODE_ENV: "test", HOME: process.env.HOME ?? "/tmp" };
  for (const [k, v] of Object.entries(env)) if (v !== undefined) childEnv[k] = v;
  return new Promise((resolve) => {
    execFile(
      path.resolve("node_modules/.bin/tsx"),
      [`scripts/${script}`, ...args],
      { cwd: process.cwd(), env: childEnv as NodeJS.ProcessEnv, timeout: 60_000, encoding: "utf8" },
      (err, stdout, stderr) => {
        const code = err ? (typeof err.code === "number" ? err.code : -1) : 0;
        resolve({ code, stdout, stderr });
      },
    );
  });
}

const KEY_A = Buffer.alloc(32, 1).toString("base64");
const KEY_B = Buffer.alloc(32, 2).toString("base64");

describe("scripts/migrate.ts", () => {
  it("creates every table in an empty database, and a second run changes nothing", async () => {
    const db = await emptyDatabase();
    const journal = JSON.parse(fs.readFileSync("drizzle/meta/_journal.json", "utf8")) as { entries: unknown[] };
    const first = await run("migrate.ts", [], { DATABASE_URL: db.url });
    expect(first).toMatchObject({ code: 0, stdout: "Migrations applied.\n" });
    const applied = async () => (await db.sql`select count(*)::int as n from drizzle.__drizzle_migrations`)[0].n;
    expect(await applied()).toBe(journal.entries.length);
    const tables = (await db.sql`select table_name from information_schema.tables where table_schema = 'public'`).map((r) => r.table_name);
    expect(tables).toEqual(
      expect.arrayContaining(["workspaces", "users", "api_keys", "integrations", "integration_secrets", "sync_runs", "okta_users"]),
    );
    const again = await run("migrate.ts", [], { DATABASE_URL: db.url });
    expect(again).toMatchObject({ code: 0, stdout: "Migrations applied.\n" });
    expect(await applied()).toBe(journal.entries.length);
  });

  it.each([
    ["no DATABASE_URL", undefined, /DATABASE_URL is not set/],
    ["a URL that is not Postgres", "mysql://root@127.0.0.1/console", /DATABASE_URL: must be a postgres:\/\/ URL/],
  ])("exits non-zero with a message naming the problem for %s", async (_, url, message) => {
    const r = await run("migrate.ts", [], { DATABASE_URL: url });
    expect(r.code).not.toBe(0);
    expect(r.stderr).toMatch(message);
    expect(r.stdout).not.toContain("Migrations applied");
  });
});

describe("scripts/user-create.ts and scripts/apikey-create.ts", () => {
  it("create, refuse duplicates, update for recovery, and issue a working API key", async () => {
    const db = await emptyDatabase();
    const env = { DATABASE_URL: db.url };
    const person = async (email: string) => (await db.sql`select * from users where email = ${email}`)[0];
    const count = async () => (await db.sql`select count(*)::int as n from users`)[0].n;

    // The first user of an empty database gets a workspace; the tool migrates the database itself.
    const ana = await run(
      "user-create.ts",
      ["--email", "Ana@Example.com", "--password", "correct-horse", "--role", "admin", "--name", "Ana"],
      env,
    );
    const [ws] = await db.sql`select id, name from workspaces`;
    expect(ana).toEqual({ code: 0, stdout: `Created admin ana@example.com in workspace "My company" (${ws.id}).\n`, stderr: "" });
    const anaRow = await person("ana@example.com");
    expect(anaRow).toMatchObject({ workspace_id: ws.id, name: "Ana", role: "admin" });
    expect(anaRow.password_hash).toMatch(/^\$argon2id\$/);
    expect(await verifyPassword(anaRow.password_hash, "correct-horse")).toBe(true);

    // The same email in another case is refused, and nothing changes.
    const dup = await run("user-create.ts", ["--email", "ANA@example.com", "--password", "other-password", "--role", "viewer"], env);
    expect(dup.code).toBe(1);
    expect(dup.stderr).toBe("Error: A user with the email ana@example.com already exists. Pass --update to set its password and role.\n");
    expect(await person("ana@example.com")).toEqual(anaRow);

    // Into a named workspace; an unknown one is refused.
    const bob = await run(
      "user-create.ts",
      ["--email", "bob@example.com", "--password", "bob-password", "--role", "viewer", "--workspace", ws.id],
      env,
    );
    expect(bob.code).toBe(0);
    expect(bob.stdout).toBe(`Created viewer bob@example.com in workspace "My company" (${ws.id}).\n`);
    // An operator (a help-desk agent who requests actions on Okta).
    const olga = await run("user-create.ts", ["--email", "olga@example.com", "--password", "olga-password", "--role", "operator"], env);
    expect(olga).toEqual({ code: 0, stdout: `Created operator olga@example.com in workspace "My company" (${ws.id}).\n`, stderr: "" });
    expect((await person("olga@example.com")).role).toBe("operator");
    const nowhere = randomUUID();
    const lost = await run(
      "user-create.ts",
      ["--email", "cy@example.com", "--password", "cy-password", "--role", "viewer", "--workspace", nowhere],
      env,
    );
    expect(lost).toMatchObject({ code: 1, stderr: `Error: No workspace with id ${nowhere}.\n` });
    expect(await count()).toBe(3);

    // --update is the recovery path: a new password and role, the old password no longer works.
    const promoted = await run(
      "user-create.ts",
      ["--email", "bob@example.com", "--password", "new-bob-password", "--role", "admin", "--name", "Bob", "--update"],
      env,
    );
    expect(promoted).toMatchObject({ code: 0, stdout: "Updated bob@example.com: role admin, new password set.\n" });
    const bobRow = await person("bob@example.com");
    expect(bobRow).toMatchObject({ role: "admin", name: "Bob" });
    expect(await verifyPassword(bobRow.password_hash, "new-bob-password")).toBe(true);
    expect(await verifyPassword(bobRow.password_hash, "bob-password")).toBe(false);

    // An update the guard refuses (demoting the last admin of a workspace) changes nothing, password included.
    await db.sql`update users set role = 'viewer' where email = 'bob@example.com'`;
    const refused = await run(
      "user-create.ts",
      ["--email", "ana@example.com", "--password", "hijacked-pass", "--role", "viewer", "--update"],
      env,
    );
    expect(refused.code).toBe(1);
    expect(refused.stderr).toMatch(/^Error: .*last admin/);
    expect(await person("ana@example.com")).toEqual(anaRow);

    // An API key acting as Ana: the key alone on stdout, the note on stderr, only its hash stored.
    const issued = await run("apikey-create.ts", ["--email", "ana@example.com", "--name", "CI"], env);
    expect(issued.code).toBe(0);
    expect(issued.stdout).toMatch(/^osc_[A-Za-z0-9_-]{43}\n$/);
    const key = issued.stdout.trim();
    expect(issued.stderr).toBe(
      `Created API key "CI" (${key.slice(0, 12)}…) acting as ana@example.com (admin). It is shown once; store it now.\n`,
    );
    const keys = await db.sql`select name, user_id, key_hash, prefix from api_keys`;
    expect(keys).toEqual([{ name: "CI", user_id: anaRow.id, key_hash: hashApiKey(key), prefix: key.slice(0, 12) }]);
    expect(JSON.stringify(await db.sql`select * from api_keys`)).not.toContain(key);
    // ...and it authenticates as Ana against that database.
    await closeDb();
    process.env.DATABASE_URL = db.url;
    resetEnvCache();
    try {
      const res = await callRoute(me, "/api/me", { key });
      expect(res.status).toBe(200);
      expect((await res.json()).user).toMatchObject({ id: anaRow.id, email: "ana@example.com", role: "admin" });
    } finally {
      await closeDb();
      process.env.DATABASE_URL = baseUrl;
      resetEnvCache();
    }

    const unnamed = await run("apikey-create.ts", ["--email", "bob@example.com"], env);
    expect(unnamed.code).toBe(0);
    expect((await db.sql`select name from api_keys where user_id = ${bobRow.id}`).map((r) => r.name)).toEqual(["Command line"]);
  });

  it.each<[string, string[], RegExp]>([
    ["no email", ["--password", "long-enough", "--role", "admin"], /--email: /],
    ["a bad email", ["--email", "nope", "--password", "long-enough", "--role", "admin"], /--email: Enter a valid email address/],
    ["a short password", ["--email", "a@example.com", "--password", "short", "--role", "admin"], /--password: Password must be at least 8/],
    [
      "an unknown role",
      ["--email", "a@example.com", "--password", "long-enough", "--role", "owner"],
      /--role: Role must be admin, operator or viewer/,
    ],
    [
      "a workspace that is not a UUID",
      ["--email", "a@example.com", "--password", "long-enough", "--role", "admin", "--workspace", "mine"],
      /--workspace: must be a workspace id \(UUID\)/,
    ],
    [
      "an unknown flag",
      ["--email", "a@example.com", "--password", "long-enough", "--role", "admin", "--admin"],
      /Unknown option '--admin'/,
    ],
    ["a stray argument", ["--email", "a@example.com", "--password", "long-enough", "--role", "admin", "extra"], /extra/],
    ["a flag without its value", ["--email", "a@example.com", "--role", "admin", "--password"], /--password/],
  ])("user-create: %s exits 1 with the usage and creates nobody", async (_, args, message) => {
    const db = await emptyDatabase();
    const r = await run("user-create.ts", args, { DATABASE_URL: db.url });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain("Usage: npm run user:create -- --email <email>");
    expect(r.stdout).toBe("");
    // Arguments are checked before the database is touched: not even migrated.
    expect((await db.sql`select count(*)::int as n from information_schema.tables where table_schema = 'public'`)[0].n).toBe(0);
  });

  it.each<[string, string[], RegExp]>([
    ["no email", [], /--email: /],
    ["an empty name", ["--email", "a@example.com", "--name", "  "], /--name: Give the key a name/],
    ["an unknown flag", ["--email", "a@example.com", "--role", "admin"], /Unknown option '--role'/],
  ])("apikey-create: %s exits 1 with the usage and prints no key", async (_, args, message) => {
    const db = await emptyDatabase();
    const r = await run("apikey-create.ts", args, { DATABASE_URL: db.url });
    expect(r.code).toBe(1);
    expect(r.stderr).toMatch(message);
    expect(r.stderr).toContain("Usage: npm run apikey:create -- --email <email>");
    expect(r.stdout).toBe("");
  });

  it("apikey-create: an unknown person exits 1 saying so, and no key is made", async () => {
    const db = await emptyDatabase();
    const r = await run("apikey-create.ts", ["--email", "ghost@example.com"], { DATABASE_URL: db.url });
    expect(r).toEqual({
      code: 1,
      stdout: "",
      stderr: "Error: No console user with the email ghost@example.com. Create one with npm run user:create.\n",
    });
    expect((await db.sql`select count(*)::int as n from api_keys`)[0].n).toBe(0);
  });
});

describe("scripts/reseal-secrets.ts", () => {
  it("reseals every secret and pending key under the new key, refuses without the old key, and is idempotent", async () => {
    const db = await emptyDatabase();
    expect((await run("migrate.ts", [], { DATABASE_URL: db.url })).code).toBe(0);
    const oldRing: Keyring = { currentKid: "k1", keys: new Map([["k1", Buffer.from(KEY_A, "base64")]]) };
    const newRing: Keyring = { currentKid: "k2", keys: new Map([["k2", Buffer.from(KEY_B, "base64")]]) };
    const [ws] = await db.sql`insert into workspaces (name) values ('Acme') returning id`;
    const [integration] =
      await db.sql`insert into integrations (workspace_id, name, domain, auth_method) values (${ws.id}, 'Okta', 'https://acme.okta.com', 'private_key_jwt') returning id`;
    const plain = { private_key: "-----BEGIN PRIVATE KEY-----\nMIIE-secret\n", access_token: "eyJ-access-token" } as const;
    for (const [kind, value] of Object.entries(plain))
      await db.sql`insert into integration_secrets (integration_id, kind, sealed) values (${integration.id}, ${kind}, ${seal(value, aadFor(integration.id, kind as never), oldRing)})`;
    const pendingId = randomUUID();
    await db.sql`insert into pending_keys (id, workspace_id, kid, public_jwk, sealed_private_key) values (${pendingId}, ${ws.id}, 'kid-1', ${db.sql.json({ kty: "RSA" })}, ${seal("pending-private", pendingKeyAad(pendingId), oldRing)})`;
    const snapshot = async () => ({
      secrets: await db.sql`select kind, sealed from integration_secrets order by kind`,
      pending: await db.sql`select sealed_private_key from pending_keys`,
    });
    const before = await snapshot();

    // Without the old key the blobs cannot be opened: exit 1, saying which key is missing, nothing rewritten.
    const noOld = await run("reseal-secrets.ts", [], { DATABASE_URL: db.url, APP_ENCRYPTION_KEY: KEY_B, APP_ENCRYPTION_KEY_ID: "k2" });
    expect(noOld.code).toBe(1);
    expect(noOld.stderr).toBe('sealed with key "k1", which is not configured (add it to APP_ENCRYPTION_OLD_KEYS)\n');
    expect(await snapshot()).toEqual(before);
    const noKey = await run("reseal-secrets.ts", [], { DATABASE_URL: db.url });
    expect(noKey.code).toBe(1);
    expect(noKey.stderr).toMatch(/^APP_ENCRYPTION_KEY is not set/);
    expect(await snapshot()).toEqual(before);

    const rotated = {
      DATABASE_URL: db.url,
      APP_ENCRYPTION_KEY: KEY_B,
      APP_ENCRYPTION_KEY_ID: "k2",
      APP_ENCRYPTION_OLD_KEYS: `k1:${KEY_A}`,
    };
    const done = await run("reseal-secrets.ts", [], rotated);
    expect(done).toEqual({ code: 0, stdout: "Resealed 2 credentials and 1 pending key with the current key.\n", stderr: "" });
    const after = await snapshot();
    for (const row of after.secrets) {
      expect(row.sealed).toMatch(/^v1\.k2\./);
      expect(unseal(row.sealed, aadFor(integration.id, row.kind), newRing)).toBe(plain[row.kind as keyof typeof plain]);
    }
    expect(after.secrets.map((r) => r.kind)).toEqual(["access_token", "private_key"]);
    expect(unseal(after.pending[0].sealed_private_key, pendingKeyAad(pendingId), newRing)).toBe("pending-private");

    const again = await run("reseal-secrets.ts", [], rotated);
    expect(again).toEqual({ code: 0, stdout: "Resealed 0 credentials and 0 pending keys with the current key.\n", stderr: "" });
    expect(await snapshot()).toEqual(after);
  });
});
