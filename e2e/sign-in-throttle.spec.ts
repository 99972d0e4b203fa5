// Sign-in throttling against the real server (`next start`): the client address is the TCP peer, not
// a header the client writes, on both ways in (the credentials endpoint and the sign-in form's server
// action), and the endpoint refuses a 20 MB body. Requests that need their own source address go out
// through Node's http from a loopback address of their own (127.x.y.z), so the per-client limit they
// run into is theirs alone and no other spec's.
import http from "node:http";
import net from "node:net";
import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { sessions } from "@/db/schema";
import { THROTTLE } from "@/lib/auth/throttle-policy";
import { BASE_URL } from "../playwright.config";
import { expect, seedTenant, signInWithForm, test } from "./helpers";

const port = Number(new URL(BASE_URL).port);
const FORM = "application/x-www-form-urlencoded";

/** A loopback address no other run of this spec is likely to have used in the last 15 minutes. */
const loopback = () =>
  `127.${1 + Math.floor(Math.random() * 250)}.${Math.floor(Math.random() * 256)}.${2 + Math.floor(Math.random() * 250)}`;

interface Answer {
  status: number;
  headers: http.IncomingHttpHeaders;
  body: string;
}

/** One request from `from` (a loopback address), as Node's http client sends it. */
function send(from: string, method: string, path: string, headers: Record<string, string>, body?: string): Promise<Answer> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, method, path, headers, localAddress: from, agent: false }, (res) => {
      let text = "";
      res.setEncoding("utf8");
      res.on("data", (c) => {
        text += c;
      });
      res.on("end", () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body: text }));
    });
    req.on("error", reject);
    req.end(body);
  });
}

/** The body of a raw HTTP answer once all of it has arrived (Content-Length or chunked), else null. */
function completeBody(text: string): string | null {
  const split = text.indexOf("\r\n\r\n");
  if (split < 0) return null;
  const head = text.slice(0, split);
  let rest = text.slice(split + 4);
  const length = /\r\ncontent-length: *(\d+)/i.exec(head)?.[1];
  if (length) return rest.length >= Number(length) ? rest.slice(0, Number(length)) : null;
  let body = "";
  for (;;) {
    const line = rest.indexOf("\r\n");
    if (line < 0) return null;
    const size = Number.parseInt(rest.slice(0, line), 16);
    if (size === 0) return body;
    if (rest.length < line + 2 + size + 2) return null;
    body += rest.slice(line + 2, line + 2 + size);
    rest = rest.slice(line + 2 + size + 2);
  }
}

/**
 * A 20 MB upload over a raw keep-alive connection, declared (Content-Length) or chunked, written as
 * fast as the server takes it; resolves with the status line and body of the answer as soon as it is
 * complete, however much of the upload was still unsent. (With `Connection: close` the server's close
 * of a half-read upload can reset the connection before the client reads the answer.)
 */
function upload(from: string, declared: boolean): Promise<{ status: string; body: string }> {
  const size = 20 * 1024 * 1024;
  const chunk = Buffer.alloc(64 * 1024, 0x61);
  const framing = declared ? `Content-Length: ${size}` : "Transfer-Encoding: chunked";
  return new Promise((resolve, reject) => {
    const socket = net.connect({ host: "127.0.0.1", port, localAddress: from });
    let text = "";
    let done = false;
    socket.setEncoding("latin1");
    socket.on("data", (d: string) => {
      text += d;
      const body = completeBody(text);
      if (body !== null) {
        done = true;
        socket.destroy();
        resolve({ status: text.slice(0, text.indexOf("\r\n")), body });
      }
    });
    socket.on("error", () => {});
    socket.on("close", () => done || reject(new Error(`connection closed without a full answer: ${JSON.stringify(text.slice(0, 200))}`)));
    socket.write(`POST /api/auth/callback/credentials HTTP/1.1\r\nHost: 127.0.0.1:${port}\r\nContent-Type: ${FORM}\r\n${framing}\r\n\r\n`);
    (async () => {
      for (let sent = 0; sent < size && !done && !socket.destroyed; sent += chunk.length) {
        const ok = socket.write(
          declared ? chunk : Buffer.concat([Buffer.from(`${chunk.length.toString(16)}\r\n`), chunk, Buffer.from("\r\n")]),
        );
        if (!ok) await new Promise((r) => socket.once("drain", r));
      }
      if (!declared && !done && !socket.destroyed) socket.write("0\r\n\r\n");
    })().catch(() => {});
  });
}

/** A client at `from`: its csrf cookie and token, and credential posts carrying whatever headers it likes. */
async function client(from: string) {
  const res = await send(from, "GET", "/api/auth/csrf", {});
  const cookie = (res.headers["set-cookie"] ?? []).map((c) => c.split(";")[0]).join("; ");
  const { csrfToken } = JSON.parse(res.body) as { csrfToken: string };
  return {
    signIn: (email: string, password: string, extra: Record<string, string> = {}) =>
      send(
        from,
        "POST",
        "/api/auth/callback/credentials",
        { "content-type": FORM, cookie, ...extra },
        new URLSearchParams({ csrfToken, email, password, callbackUrl: "/integrations" }).toString(),
      ),
  };
}

test("the per-client limit follows the socket address: forged X-Forwarded-For and stamp headers change nothing", async () => {
  const t = await seedTenant();
  const sprayer = await client(loopback());
  const failed = [];
  for (let i = 0; i < THROTTLE.CLIENT_MAX_FAILURES; i++) {
    const res = await sprayer.signIn(`nobody-${i}-${Date.now()}@example.com`, "Winter2025!", {
      "x-forwarded-for": `203.0.113.${i + 1}`,
      "x-real-ip": `198.51.100.${i + 1}`,
      "x-osc-socket-address": `forged 192.0.2.${i + 1}`,
    });
    failed.push(`${res.status} ${res.headers.location?.includes("error=CredentialsSignin") ? "wrong" : res.headers.location}`);
  }
  expect(failed).toEqual(Array(THROTTLE.CLIENT_MAX_FAILURES).fill("302 wrong"));

  // Whatever it claims to be now, the same socket address is refused, the right password included.
  const refused = await sprayer.signIn(t.admin.email, t.admin.password, { "x-forwarded-for": "203.0.113.250" });
  expect(refused.status).toBe(429);
  // Until 15 minutes after its last failure (less the moments since).
  expect(Number(refused.headers["retry-after"])).toBeLessThanOrEqual(THROTTLE.WINDOW_MS / 1000);
  expect(Number(refused.headers["retry-after"])).toBeGreaterThan(THROTTLE.WINDOW_MS / 1000 - 120);
  expect(JSON.parse(refused.body).error).toEqual({
    code: "TOO_MANY_REQUESTS",
    message: "Too many failed sign-ins from your network. Try again in 15 minutes.",
  });

  // The admin from their own address signs in.
  const owner = await (await client(loopback())).signIn(t.admin.email, t.admin.password);
  expect(owner.status).toBe(302);
  expect(owner.headers.location).toBe(`${BASE_URL}/integrations`);
});

test("the sign-in form (a server action) records the socket address, not a forged X-Forwarded-For", async ({ page }) => {
  const t = await seedTenant();
  await page.setExtraHTTPHeaders({ "x-forwarded-for": "203.0.113.77" });
  await signInWithForm(page, t.admin);
  await expect(page).toHaveURL(/\/integrations$/);
  const rows = await getDb().select({ clientAddress: sessions.clientAddress }).from(sessions).where(eq(sessions.userId, t.admin.id));
  expect(rows).toHaveLength(1);
  // Chromium reaches localhost over IPv4 or IPv6 loopback; either way the socket's, not the header's.
  expect(["127.0.0.1", "::1"]).toContain(rows[0].clientAddress);
});

test("a 20 MB body to the sign-in endpoint is refused with 413, declared or streamed", async () => {
  const from = loopback();
  const expected = {
    code: "PAYLOAD_TOO_LARGE",
    message: "A request to the sign-in endpoint is larger than 1 MB and was refused.",
    details: { maxBytes: 1048576 },
  };
  for (const declared of [true, false]) {
    const answer = await upload(from, declared);
    expect(answer.status, declared ? "with Content-Length" : "chunked").toBe("HTTP/1.1 413 Payload Too Large");
    expect(JSON.parse(answer.body).error).toEqual(expected);
  }
});
