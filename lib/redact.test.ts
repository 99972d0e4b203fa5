// The one redaction of the server log and the event log: each kind of secret the console handles is
// replaced wherever it appears, ordinary text is left alone, and an error never carries a query's values.
import { describe, expect, it } from "vitest";
import { generateKeys } from "@/lib/crypto/generate-keys";
import { describeError, REDACTED, redact, redactText, summarizeSql } from "./redact";

const pem = (await generateKeys({ type: "ec", namedCurve: "P-256" })).privateKey.export({ type: "pkcs8", format: "pem" }) as string;
const pemBody = pem.split("\n")[1];
const argon = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$k8Yc1Ei0jv5pWZt2iVgk8Vw1F9XIiEl3bNHrGRSS7nY";
const bcrypt = "$2b$12$KIXQJ3l6bT8YwZ3n0Jm4Ve8b1Z9y0XW2qCqTg0fWb8c3dQJjY1Fy2";
const apiKey = "osc_Q2hhbmdlTWVOb3dQbGVhc2VJdHNBVGVzdEtleTEyMzQ1Njc";
const hookSecret = "osc_hook_Zm9vYmFyYmF6cXV4cXV1eGNvcmdlZ3JhdWx0Z2FycGx5d2Fs";
const sswsToken = "00abcdefghijABCDEFGHIJ0123456789_-abcdefgh";
const jwt = "eyJhbGciOiJSUzI1NiJ9.eyJzdWIiOiIwb2FhYmMiLCJzY3AiOlsib2t0YS51c2Vycy5yZWFkIl19.c2lnbmF0dXJlLXNpZ25hdHVyZQ";
const sealed = "v1.k1.AAAAAAAAAAAAAAAA.BBBBBBBBBBBBBBBBBBBBBB.Y2lwaGVydGV4dGNpcGhlcnRleHQ";
const sha256 = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";
const scram = "SCRAM-SHA-256$4096:c2FsdHNhbHQ=$c3RvcmVka2V5$c2VydmVya2V5";

describe("redactText replaces", () => {
  it.each<[string, string, string]>([
    ["a PEM private key", `key:\n${pem}\nafter`, pemBody],
    ["a PEM key with escaped newlines", `{"privateKey":"${pem.replace(/\n/g, "\\n")}"}`, pemBody],
    ["a PEM key cut short", `-----BEGIN PRIVATE KEY-----\n${pemBody}`, pemBody],
    ["an argon2 hash", `params: ${argon},admin@example.com`, "c29tZXNhbHRzb21lc2FsdA"],
    ["a bcrypt hash", `hash ${bcrypt}`, "KIXQJ3l6bT8YwZ3n0Jm4Ve8b1Z9y0XW2qCqTg0fWb8c3dQJjY1Fy2"],
    ["a SCRAM verifier", `alter role postgres password '${scram}'`, "c3RvcmVka2V5"],
    ["a console API key", `key ${apiKey} refused`, apiKey.slice(4)],
    ["a hook secret", `authorization: ${hookSecret}`, hookSecret.slice(9)],
    ["an Okta API token", `token ${sswsToken} works`, sswsToken],
    ["a SHA-256 hex digest (API key hash)", `key_hash=${sha256}`, sha256],
    ["a JWT", `assertion ${jwt}`, jwt.split(".")[1]],
    ["a sealed blob", `sealed: ${sealed}`, "Y2lwaGVydGV4dGNpcGhlcnRleHQ"],
    ["a Bearer header", "Authorization: Bearer 4f1b2b0bAbCdEf", "4f1b2b0bAbCdEf"],
    ["a DPoP header", "DPoP x9y8z7w6v5u4", "x9y8z7w6v5u4"],
    ["an SSWS header", "SSWS abc123def456", "abc123def456"],
    ["a Basic header", "basic dXNlcjpwYXNzd29yZA==", "dXNlcjpwYXNzd29yZA"],
    ["a password in a postgres URL", "postgres://postgres:hunter2pw@127.0.0.1:5432/console", "hunter2pw"],
    ["a user in an https URL", "https://admin:s3cr3t@acme.okta.com/api/v1/users", "s3cr3t"],
    ["a client_secret in a form body", "grant_type=client_credentials&client_secret=AbC123xyz&scope=okta.users.read", "AbC123xyz"],
    ["a token in a query string", "https://x.test/cb?access_token=tok123456&state=1", "tok123456"],
    ["a password in JSON", '{"email":"a@b.c","password":"correct horse"}', "correct"],
    ["a cookie value", "cookie: authjs.session-token=abc.def.ghi", "abc.def.ghi"],
    ["a private JWK member in JSON", '{"kty":"RSA","n":"AQAB","d":"cHJpdmF0ZWV4cG9uZW50"}', "cHJpdmF0ZWV4cG9uZW50"],
  ])("%s", (_, text, secret) => {
    const out = redactText(text);
    expect(out).not.toContain(secret);
    expect(out).toMatch(/\[redacted/);
  });
});

describe("redactText leaves ordinary text alone", () => {
  it.each([
    "Could not read users: the access token lacks the okta.users.read scope.",
    'Okta said E0000006 "You do not have permission" (errorId oaeAbC123).',
    "Connected acme.okta.com with a private key (DPoP)",
    "Basic authentication is not used",
    "user 00u1abcdEFGHijkl5d7 and group 00g2abcdEFGHijkl5d7",
    "run 6f0c9a4e-8d3b-4a7e-9f21-0b5d2c7e1a90 took 1520 ms",
    "https://acme.okta.com/api/v1/users?limit=200&after=00u1",
  ])("%s", (text) => {
    expect(redactText(text)).toBe(text);
  });
});

describe("redact (objects)", () => {
  it("replaces secret-named fields at any depth, keeps numbers and booleans, scans other strings", () => {
    const out = redact({
      clientId: "0oa123",
      clientSecret: "plain-secret",
      usesDpop: true,
      secretsDeleted: 3,
      nested: { authorization: "SSWS abc123def456", list: [{ password: "pw" }, `see ${apiKey}`] },
      apiKey,
      keyHash: sha256,
      privateKey: { kty: "EC", crv: "P-256", x: "xx", y: "yy", d: "ddd" },
      jwk: { kty: "RSA", n: "nnn", e: "AQAB", d: "priv", p: "pp", q: "qq", dp: "a", dq: "b", qi: "c" },
      when: new Date("2024-01-02T03:04:05Z"),
    });
    expect(out).toEqual({
      clientId: "0oa123",
      clientSecret: REDACTED,
      usesDpop: true,
      secretsDeleted: 3,
      nested: { authorization: REDACTED, list: [{ password: REDACTED }, "see [redacted key]"] },
      apiKey: REDACTED,
      keyHash: REDACTED,
      privateKey: REDACTED,
      jwk: { kty: "RSA", n: "nnn", e: "AQAB", d: REDACTED, p: REDACTED, q: REDACTED, dp: REDACTED, dq: REDACTED, qi: REDACTED },
      when: "2024-01-02T03:04:05.000Z",
    });
  });

  it("survives cycles and deep nesting", () => {
    const a: Record<string, unknown> = { name: "a" };
    a.self = a;
    let deep: Record<string, unknown> = { leaf: 1 };
    for (let i = 0; i < 20; i++) deep = { deep };
    expect(redact(a)).toEqual({ name: "a", self: "[cycle]" });
    expect(JSON.stringify(redact(deep))).toContain("[depth]");
  });
});

/** What drizzle throws: its message lists every bind parameter. */
function failedQuery(query: string, params: unknown[], cause: Error) {
  const e = new Error(`Failed query: ${query}\nparams: ${params}`) as Error & { query: string; params: unknown[]; cause: unknown };
  e.query = query;
  e.params = params;
  e.cause = cause;
  return e;
}

/** What postgres.js throws for an error Postgres reports. */
function postgresError(fields: Record<string, string>) {
  const e = new Error(fields.message) as Error & Record<string, string>;
  e.name = "PostgresError";
  Object.assign(e, fields);
  return e;
}

describe("describeError", () => {
  it("a failed insert: the statement's verb and table and Postgres' code, constraint and key columns, never a value", () => {
    const pg = postgresError({
      message: 'duplicate key value violates unique constraint "users_email_unique"',
      severity: "ERROR",
      code: "23505",
      detail: "Key (email)=(alice@example.com) already exists.",
      schema_name: "public",
      table_name: "users",
      constraint_name: "users_email_unique",
      routine: "_bt_check_unique",
    });
    const e = failedQuery(
      'insert into "users" ("id", "email", "password_hash") values ($1, $2, $3)',
      ["u1", "alice@example.com", argon],
      pg,
    );
    const out = describeError(e);
    expect(out).toMatchObject({
      name: "QueryError",
      message: "Failed query",
      query: "insert users",
      cause: {
        name: "PostgresError",
        code: "23505",
        condition: "unique_violation",
        schema: "public",
        table: "users",
        constraint: "users_email_unique",
        keyColumns: "email",
        message: 'duplicate key value violates unique constraint "users_email_unique"',
      },
    });
    const text = JSON.stringify(out);
    expect(text).not.toContain("alice@example.com");
    expect(text).not.toContain("argon2");
    expect(text).not.toContain("params");
  });

  it("a data error: the value Postgres quotes in its message is replaced", () => {
    const pg = postgresError({ message: `invalid input syntax for type uuid: "${apiKey}"`, severity: "ERROR", code: "22P02" });
    expect(describeError(pg)).toMatchObject({
      code: "22P02",
      condition: "invalid_text_representation",
      message: 'invalid input syntax for type uuid: "[value]"',
    });
  });

  it("keeps an error's own codes, scans its message, and follows causes", () => {
    const inner = Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
      code: "ECONNREFUSED",
      syscall: "connect",
      errno: -111,
    });
    const outer = new Error(`login failed for postgres://postgres:pw123456@db/console with ${jwt}`, { cause: inner });
    const out = describeError(outer) as Record<string, unknown>;
    expect(out.message).toBe("login failed for postgres://[redacted]@db/console with [redacted jwt]");
    expect(out.cause).toMatchObject({
      message: "connect ECONNREFUSED 127.0.0.1:5432",
      code: "ECONNREFUSED",
      syscall: "connect",
      errno: -111,
    });
    expect(String(out.stack)).toMatch(/^at /);
  });

  it("the stack holds frames only: drizzle's message with its params is not repeated there", () => {
    const e = failedQuery('update "api_keys" set "key_hash" = $1', [sha256], new Error("boom"));
    const out = JSON.stringify(describeError(e));
    expect(out).not.toContain(sha256);
    expect(out).not.toContain("key_hash");
  });
});

describe("summarizeSql", () => {
  it.each([
    ['select "id" from "okta_users" inner join "okta_groups" on 1=1 where "x" = $1', "select okta_users, okta_groups"],
    ['insert into "sessions" ("id") values ($1) on conflict ("id") do update set "seen" = now()', "insert sessions"],
    ["delete from integration_secrets where integration_id = 'abc'", "delete integration_secrets"],
    ["vacuum full integration_secrets", "vacuum"],
  ])("%s", (sql, summary) => {
    expect(summarizeSql(sql)).toBe(summary);
  });
});
