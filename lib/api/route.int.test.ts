import { describe, expect, it } from "vitest";
import { z } from "zod";
import { callRoute } from "@/test/call-route";
import { createTenant } from "@/test/factories";
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

  it("runs the handler for an admin with a valid body", async () => {
    const t = await createTenant();
    const res = await post(JSON.stringify({ name: "ok" }), t.adminKey);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ hello: "ok", role: "admin" });
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
