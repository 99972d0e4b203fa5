import { describe, expect, it } from "vitest";
import { createTenant } from "@/test/factories";
import { DELETE, PATCH } from "./[id]/route";
import { GET, POST } from "./route";

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
function call(handler: Handler, key: string, opts: { method?: string; body?: string; id?: string } = {}) {
  const req = new Request("http://localhost/api/users", {
    method: opts.method ?? "GET",
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
    body: opts.body,
  });
  return handler(req, { params: Promise.resolve<Record<string, string>>(opts.id ? { id: opts.id } : {}) });
}

describe("/api/users", () => {
  it("lets an admin add a person and viewers list but not change anyone", async () => {
    const t = await createTenant();
    const created = await call(POST, t.adminKey, {
      method: "POST",
      body: JSON.stringify({ email: "New.Person@Example.com".replace("New", `n${Date.now()}`), role: "viewer", password: "long-enough" }),
    });
    expect(created.status).toBe(201);
    const person = await created.json();
    expect(person).not.toHaveProperty("passwordHash");
    expect(person.email).toMatch(/^n\d+\.person@example\.com$/);

    const list = await (await call(GET, t.viewerKey)).json();
    expect(list.items.map((u: { id: string }) => u.id)).toContain(person.id);

    for (const [handler, method, body] of [
      [POST, "POST", JSON.stringify({ email: "x@example.com", role: "viewer", password: "long-enough" })],
      [PATCH, "PATCH", JSON.stringify({ role: "admin" })],
      [DELETE, "DELETE", undefined],
    ] as const) {
      const res = await call(handler, t.viewerKey, { method, body, id: person.id });
      expect(res.status, method).toBe(403);
      expect((await res.json()).error.code).toBe("FORBIDDEN");
    }
  });

  it.each([
    ["malformed JSON", '{"email":', /not valid JSON/],
    ["a bad email and role", JSON.stringify({ email: "nope", role: "owner", password: "long-enough" }), /email: .*role: /],
    [
      "a short password",
      JSON.stringify({ email: "ok@example.com", role: "viewer", password: "short" }),
      /password: Password must be at least 8/,
    ],
    ["an unknown field", JSON.stringify({ email: "ok@example.com", role: "viewer", password: "long-enough", isAdmin: true }), /isAdmin/],
  ])("answers 400 naming the field for %s", async (_, body, message) => {
    const t = await createTenant();
    const res = await call(POST, t.adminKey, { method: "POST", body });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(message);
  });

  it("answers 404 for another workspace's person and 400 for a malformed id", async () => {
    const a = await createTenant();
    const b = await createTenant();
    expect((await call(PATCH, a.adminKey, { method: "PATCH", body: JSON.stringify({ role: "admin" }), id: b.viewer.id })).status).toBe(404);
    expect((await call(DELETE, a.adminKey, { method: "DELETE", id: b.viewer.id })).status).toBe(404);
    const bad = await call(DELETE, a.adminKey, { method: "DELETE", id: "1; drop table users" });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/id: User id must be a UUID/);
  });

  it("answers 409 with a reason when the last admin would be demoted", async () => {
    const t = await createTenant();
    const res = await call(PATCH, t.adminKey, { method: "PATCH", body: JSON.stringify({ role: "viewer" }), id: t.admin.id });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/last admin/);
  });
});
