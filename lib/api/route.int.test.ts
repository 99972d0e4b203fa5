import { describe, expect, it } from "vitest";
import { z } from "zod";
import { resetEnvCache } from "@/lib/env";
import { callRoute } from "@/test/call-route";
import { createTenant } from "@/test/factories";
import { sessionCookie } from "@/test/session-cookie";
import { route } from "./route";

const handler = route({ access: "admin", body: z.object({ name: z.string().min(1).max(10) }).strict() }, async ({ body, ctx }) => ({
  hello: body.name,
  role: ctx.actor.role,
}));
const readOnly = route({ access: "viewer" }, async ({ ctx }) => ({ role: ctx.actor.role, workspaceId: ctx.workspaceId }));

function post(body: string | undefined, key?: string, type = "application/json") {
  return callRoute(handler, "/api/x", { key, method: "POST", body, headers: { "content-type": type } });
}

describe("route wrapper", () => {
  it("answers 401 without credentials and with a malformed or unknown API key", async () => {
    expect((await post("{}")).status).toBe(401);
    const bad = await post("{}", "not-a-key");
    expect(bad.status).toBe(401);
    expect((await bad.json()).error.code).toBe("UNAUTHENTICATED");
    expect((await post("{}", `osc_${"a".repeat(43)}`)).status).toBe(401);
  });

  it("refuses a viewer's change with 403 but lets a viewer read", async () => {
    const t = await createTenant();
    const res = await post(JSON.stringify({ name: "x" }), t.viewerKey);
    expect(res.status).toBe(403);
    expect((await res.json()).error.code).toBe("FORBIDDEN");
    const read = await callRoute(readOnly, "/api/y", { key: t.viewerKey });
    expect(await read.json()).toEqual({ role: "viewer", workspaceId: t.ws.id });
  });

  it.each([
    ["malformed JSON", "{nope", /not valid JSON/],
    ["a field of the wrong type", JSON.stringify({ name: 5 }), /name:/],
    ["an unknown field", JSON.stringify({ name: "a", extra: 1 }), /extra|Unrecognized/i],
    ["an oversized field", JSON.stringify({ name: "x".repeat(50) }), /name:/],
  ])("answers 400 naming the problem for %s", async (_, body, message) => {
    const t = await createTenant();
    const res = await post(body, t.adminKey);
    expect(res.status).toBe(400);
    const json = await res.json();
    expect(json.error.code).toBe("VALIDATION");
    expect(json.error.message).toMatch(message);
  });

  it("stops reading a body at the cap: an endless upload without Content-Length gets 413 after about 256 KiB", async () => {
    const t = await createTenant();
    let sent = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        sent += 16 * 1024;
        controller.enqueue(new Uint8Array(16 * 1024).fill(0x20));
      },
    });
    const req = new Request("http://localhost/api/x", {
      method: "POST",
      headers: { authorization: `Bearer ${t.adminKey}`, "content-type": "application/json" },
      body: endless,
      duplex: "half",
    } as RequestInit);
    const res = await handler(req);
    expect(res.status).toBe(413);
    expect((await res.json()).error).toMatchObject({
      code: "PAYLOAD_TOO_LARGE",
      message: "The request body is larger than 262144 bytes and was refused.",
    });
    // Read up to the chunk that crossed the cap (and what the stream had queued ahead), never the whole.
    expect(sent).toBeLessThan(400 * 1024);
  });

  it("runs the handler for an admin with a valid body", async () => {
    const t = await createTenant();
    const res = await post(JSON.stringify({ name: "ok" }), t.adminKey);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ hello: "ok", role: "admin" });
  });

  it.each([
    ["text/plain;charset=json", 415],
    ["text/plain", 415],
    ["application/x-www-form-urlencoded", 415],
    ["application/jsonx", 415],
    ["application/json; charset=utf-8", 200],
    ["Application/JSON", 200],
  ])("accepts a body only when its media type is exactly application/json: %s gets %i", async (type, status) => {
    const t = await createTenant();
    const res = await post(JSON.stringify({ name: "ok" }), t.adminKey, type);
    expect(res.status).toBe(status);
    if (status === 415) expect((await res.json()).error).toMatchObject({ code: "UNSUPPORTED_MEDIA_TYPE", message: /application\/json/ });
  });

  describe("a change made with a session cookie must come from the console's own origin", () => {
    async function asAdmin(headers: Record<string, string>, method = "POST") {
      const t = await createTenant();
      const cookie = await sessionCookie(t.admin.id);
      const body = method === "GET" ? undefined : JSON.stringify({ name: "ok" });
      const target = method === "GET" ? readOnly : handler;
      return callRoute(target, "/api/x", { method, body, headers: { cookie, ...headers } });
    }

    it.each([
      ["no Origin at all", {}],
      ["a page on another port of the same host", { origin: "http://localhost:4000" }],
      ["a sibling subdomain", { origin: "http://evil.localhost" }],
      ["an opaque origin", { origin: "null" }],
      ["a cross-site fetch that states where it came from", { "sec-fetch-site": "same-site" }],
    ])("refuses %s with 403", async (_, headers) => {
      const res = await asAdmin(headers);
      expect(res.status).toBe(403);
      expect((await res.json()).error).toMatchObject({ code: "FORBIDDEN", message: /console's own pages/ });
    });

    it.each([
      ["its own Origin", { origin: "http://localhost" }],
      ["Sec-Fetch-Site: same-origin without Origin", { "sec-fetch-site": "same-origin" }],
    ])("accepts %s", async (_, headers) => {
      const res = await asAdmin(headers);
      expect(res.status).toBe(200);
      expect(await res.json()).toMatchObject({ hello: "ok", role: "admin" });
    });

    it("accepts PUBLIC_URL's origin as the console's own", async () => {
      const before = process.env.PUBLIC_URL;
      process.env.PUBLIC_URL = "https://console.example.com";
      resetEnvCache();
      try {
        expect((await asAdmin({ origin: "https://console.example.com" })).status).toBe(200);
        expect((await asAdmin({ origin: "https://other.example.com" })).status).toBe(403);
      } finally {
        if (before === undefined) delete process.env.PUBLIC_URL;
        else process.env.PUBLIC_URL = before;
        resetEnvCache();
      }
    });

    it("lets a session read without an Origin", async () => {
      expect((await asAdmin({}, "GET")).status).toBe(200);
    });

    it("exempts an API key, which a foreign page cannot send", async () => {
      const t = await createTenant();
      const res = await callRoute(handler, "/api/x", {
        key: t.adminKey,
        method: "POST",
        body: { name: "ok" },
        headers: { origin: "http://evil.localhost" },
      });
      expect(res.status).toBe(200);
    });
  });

  it("gives a public route a ctx without an actor", async () => {
    const open = route({ access: "public" }, async ({ ctx }) => ({ actor: ctx.actor }));
    expect(await (await callRoute(open, "/api/z")).json()).toEqual({ actor: null });
  });

  it("parses the result with the output contract: unknown fields are dropped, a broken result is a generic 500", async () => {
    const output = z.object({ name: z.string() });
    const ok = route({ access: "public", output }, async () => ({ name: "a", secret: "s3cret" }));
    const res = await callRoute(ok, "/api/z");
    expect(await res.json()).toEqual({ name: "a" });
    const broken = route({ access: "public", output }, async () => ({ name: 5 }) as never);
    const bad = await callRoute(broken, "/api/z");
    expect(bad.status).toBe(500);
    expect((await bad.json()).error.code).toBe("INTERNAL");
  });
});
