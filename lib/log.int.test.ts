// One redaction for the server log and the event log (lib/redact.ts).
// A query that fails in a route is logged with what explains it (Postgres' code, condition, table,
// constraint, key columns; the statement's verb and table) and never with its parameters: drizzle's
// own message lists every bind value, which put argon2 password hashes and API-key hashes in the log.
import { eq } from "drizzle-orm";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { getDb } from "@/db";
import { apiKeys, integrations, users } from "@/db/schema";
import { toErrorResponse } from "@/lib/api/route";
import { generateApiKey } from "@/lib/auth/api-keys";
import { hashPassword } from "@/lib/auth/passwords";
import { recordEvent } from "@/lib/integrations/record-event";
import { formatLogLine } from "@/lib/log";
import { createTenant } from "@/test/factories";

let lines: string[] = [];
beforeEach(() => {
  lines = [];
  vi.spyOn(console, "error").mockImplementation((...args: unknown[]) => void lines.push(args.map(String).join(" ")));
});
afterEach(() => vi.restoreAllMocks());

/** Runs a query that must fail, answers it as a route would, and returns the one line logged. */
async function logged(query: () => Promise<unknown>) {
  const err = await query().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(Error);
  const res = toErrorResponse(err);
  expect(res.status).toBe(500);
  expect(lines).toHaveLength(1);
  return { line: lines[0], entry: JSON.parse(lines[0]) as { msg: string; error: Record<string, unknown> } };
}

describe("a failed query in the log", () => {
  it("a duplicate user with an argon2 hash: code, constraint and key column, not the hash or the email", async () => {
    const t = await createTenant();
    const passwordHash = await hashPassword("another-password-123");
    const { line, entry } = await logged(() =>
      getDb().insert(users).values({ workspaceId: t.ws.id, email: t.admin.email, name: "Dup", role: "viewer", passwordHash }),
    );
    expect(entry.msg).toBe("unhandled error in route");
    expect(entry.error).toMatchObject({
      name: "QueryError",
      message: "Failed query",
      query: "insert users",
      cause: { name: "PostgresError", code: "23505", condition: "unique_violation", table: "users", keyColumns: "lower(email)" },
    });
    expect((entry.error.cause as { constraint: string }).constraint).toMatch(/^users_/);
    expect(line).not.toContain(passwordHash);
    expect(line).not.toContain("argon2");
    expect(line).not.toContain(t.admin.email);
    expect(line).not.toContain("params");
  });

  it("an API key whose hash is taken: neither the key (osc_…) nor its hash", async () => {
    const t = await createTenant();
    const [taken] = await getDb().select().from(apiKeys).where(eq(apiKeys.userId, t.admin.id));
    const k = generateApiKey();
    const { line, entry } = await logged(() =>
      getDb().insert(apiKeys).values({ workspaceId: t.ws.id, userId: t.admin.id, name: k.key, prefix: k.prefix, keyHash: taken.keyHash }),
    );
    expect(entry.error).toMatchObject({ query: "insert api_keys", cause: { code: "23505", table: "api_keys", keyColumns: "key_hash" } });
    expect(line).not.toContain(taken.keyHash);
    expect(line).not.toContain(k.key);
    expect(line).not.toContain(k.keyHash);
  });

  it("a reference to a missing row: the column, not the id", async () => {
    const t = await createTenant();
    const missing = crypto.randomUUID();
    const k = generateApiKey();
    const { line, entry } = await logged(() =>
      getDb().insert(apiKeys).values({ workspaceId: t.ws.id, userId: missing, name: "x", prefix: k.prefix, keyHash: k.keyHash }),
    );
    expect(entry.error).toMatchObject({
      cause: { code: "23503", condition: "foreign_key_violation", table: "api_keys", keyColumns: "user_id" },
    });
    expect(line).not.toContain(missing);
    expect(line).not.toContain(k.keyHash);
  });

  it("a value Postgres quotes in its message (a key where a uuid belongs) is replaced", async () => {
    const k = generateApiKey();
    const { line, entry } = await logged(() => getDb().select().from(users).where(eq(users.id, k.key)));
    expect(entry.error).toMatchObject({
      query: "select users",
      cause: { code: "22P02", condition: "invalid_text_representation", message: 'invalid input syntax for type uuid: "[value]"' },
    });
    expect(line).not.toContain(k.key.slice(4));
  });
});

describe("the event log and the server log redact alike", () => {
  it("a secret in an event's message or details is stored redacted, as the log line would show it", async () => {
    const t = await createTenant();
    const [i] = await getDb()
      .insert(integrations)
      .values({ workspaceId: t.ws.id, name: "Okta", domain: "https://acme.okta.com", authMethod: "api_token" })
      .returning();
    const key = generateApiKey();
    const hash = await hashPassword("yet-another-password");
    const details = {
      okta: { errorSummary: `Invalid token provided: SSWS 00abcdefghijABCDEFGHIJ0123456789_-abcdefgh` },
      dpopKey: { kty: "EC", d: "private-scalar" },
      echoed: `password_hash=${hash}`,
      count: 3,
    };
    const message = `Okta refused ${key.key}`;
    const row = await recordEvent({ workspaceId: t.ws.id, integrationId: i.id, kind: "integration.updated", message, details });
    const expected = {
      okta: { errorSummary: "Invalid token provided: SSWS [redacted]" },
      dpopKey: "[redacted]",
      echoed: "password_hash=[redacted hash]",
      count: 3,
    };
    expect(row.message).toBe("Okta refused [redacted key]");
    expect(row.details).toEqual(expected);
    const line = JSON.parse(formatLogLine("warn", message, details));
    expect(line).toMatchObject({ msg: row.message, ...expected });
  });
});
