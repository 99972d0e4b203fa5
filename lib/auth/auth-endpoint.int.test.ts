// POST /api/auth/* as Next mounts it (app/api/auth/[...nextauth]/route.ts): an anonymous body is
// capped at 1 MB before Auth.js reads it, whether or not it declares its length, and a sign-in the
// throttle refuses is a 429 with Retry-After rather than Auth.js's redirect.
import { randomUUID } from "node:crypto";
import { like, sql } from "drizzle-orm";
import { NextRequest } from "next/server";
import { describe, expect, it } from "vitest";
import { GET, POST } from "@/app/api/auth/[...nextauth]/route";
import { getDb } from "@/db";
import { signInThrottles } from "@/db/schema";
import { createTenant } from "@/test/factories";
import { MAX_AUTH_BODY_BYTES } from "./auth-endpoint";

const BASE = "http://localhost";
const MB = 1024 * 1024;

/** A csrf token and the cookie that goes with it, as the sign-in page gets them. */
async function csrf() {
  const res = await GET(new NextRequest(`${BASE}/api/auth/csrf`));
  const cookie = res.headers
    .getSetCookie()
    .map((c) => c.split(";")[0])
    .join("; ");
  return { token: ((await res.json()) as { csrfToken: string }).csrfToken, cookie };
}

/** A body that yields `total` bytes in 64 KiB chunks, counting how many were pulled from it. */
function countingStream(prefix: string, total: number) {
  const pulled = { bytes: 0 };
  const head = new TextEncoder().encode(prefix);
  const stream = new ReadableStream<Uint8Array>(
    {
      pull(controller) {
        if (pulled.bytes >= total) return controller.close();
        const size = Math.min(64 * 1024, total - pulled.bytes);
        const chunk = new Uint8Array(size).fill(0x61); // "a"
        if (pulled.bytes === 0) chunk.set(head.subarray(0, size));
        pulled.bytes += size;
        controller.enqueue(chunk);
      },
      // Pulled only when read, so `pulled` counts what the handler read.
    },
    { highWaterMark: 0 },
  );
  return { stream, pulled };
}

function post(body: BodyInit, headers: Record<string, string> = {}) {
  return POST(
    new NextRequest(`${BASE}/api/auth/callback/credentials`, {
      method: "POST",
      body,
      headers: { "content-type": "application/x-www-form-urlencoded", ...headers },
      duplex: "half",
    }),
  );
}

const accountRows = (email: string) =>
  getDb()
    .select()
    .from(signInThrottles)
    .where(like(signInThrottles.key, `%${email}`));

/** The form Auth.js's credentials callback takes, padded with a junk field to exactly `size` bytes. */
function form(fields: Record<string, string>, size: number) {
  const base = `${new URLSearchParams(fields)}&pad=`;
  return base + "a".repeat(size - Buffer.byteLength(base));
}

describe("POST /api/auth/*", () => {
  it("refuses a declared 20 MB body with 413 before reading a byte of it", async () => {
    const email = `big-${randomUUID().slice(0, 8)}@example.com`;
    const { stream, pulled } = countingStream(`email=${email}&password=x&pad=`, 20 * MB);
    const res = await post(stream, { "content-length": String(20 * MB) });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: {
        code: "PAYLOAD_TOO_LARGE",
        message: "A request to the sign-in endpoint is larger than 1 MB and was refused.",
        details: { maxBytes: MAX_AUTH_BODY_BYTES },
      },
    });
    expect(pulled.bytes).toBe(0);
    expect(await accountRows(email)).toEqual([]);
  });

  it("stops reading a 20 MB body sent without a length as soon as it passes 1 MB", async () => {
    const t = await createTenant();
    const { token, cookie } = await csrf();
    const { stream, pulled } = countingStream(
      `csrfToken=${token}&email=${encodeURIComponent(t.admin.email)}&password=${t.admin.password}&pad=`,
      20 * MB,
    );
    const res = await post(stream, { cookie });
    expect(res.status).toBe(413);
    expect((await res.json()).error.code).toBe("PAYLOAD_TOO_LARGE");
    // 16 chunks of 64 KiB are exactly 1 MB; the 17th goes over and reading stops there.
    expect(pulled.bytes).toBe(MB + 64 * 1024);
    // Auth.js never saw it: no session cookie, the user never signed in.
    expect(res.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="))).toBe(false);
    const [user] = await getDb().execute<{ last_sign_in_at: Date | null }>(sql`select last_sign_in_at from users where id = ${t.admin.id}`);
    expect(user.last_sign_in_at).toBeNull();
  });

  it("takes a body of exactly 1 MB (the owner signs in) and refuses one byte more", async () => {
    const t = await createTenant();
    const { token, cookie } = await csrf();
    const fields = { csrfToken: token, email: t.admin.email, password: t.admin.password, callbackUrl: "/integrations" };
    const over = await post(form(fields, MAX_AUTH_BODY_BYTES + 1), { cookie });
    expect(over.status).toBe(413);
    const exact = await post(form(fields, MAX_AUTH_BODY_BYTES), { cookie });
    expect(exact.status).toBe(302);
    expect(exact.headers.get("location")).toBe(`${BASE}/integrations`);
    expect(exact.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="))).toBe(true);
  });

  it("a sign-in the throttle refuses is a 429 with Retry-After, not a redirect", async () => {
    const t = await createTenant();
    // This client (unknown address: no socket in a test) already has an attempt queued an hour ahead.
    await getDb()
      .insert(signInThrottles)
      .values({ key: `pair:unknown ${t.admin.email}`, failures: 1, lockedUntil: sql`now() + interval '1 hour'` });
    const { token, cookie } = await csrf();
    const res = await post(new URLSearchParams({ csrfToken: token, email: t.admin.email, password: t.admin.password }).toString(), {
      cookie,
    });
    expect(res.status).toBe(429);
    const body = await res.json();
    expect(body.error).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect(body.error.message).toMatch(/^Too many sign-in attempts for this account at once\. Try again in 60 minutes\.$/);
    // An hour, less the 15 s cap it may wait anyway (and the moment since the row was written).
    const retryAfter = Number(res.headers.get("retry-after"));
    expect(retryAfter).toBeLessThanOrEqual(3600 - 15);
    expect(retryAfter).toBeGreaterThan(3600 - 15 - 60);
    expect(res.headers.getSetCookie().some((c) => c.startsWith("authjs.session-token="))).toBe(false);
  });
});
