import { describe, expect, it } from "vitest";
import { callRoute } from "@/test/call-route";
import { createTenant } from "@/test/factories";
import { DELETE, PATCH } from "./[id]/route";
import { GET, POST } from "./route";

describe("/api/users", () => {
  it("lets an admin add a person and viewers list but not change anyone", async () => {
    const t = await createTenant();
    const created = await callRoute(POST, "/api/users", {
      key: t.adminKey,
      method: "POST",
      body: JSON.stringify({ email: "New.Person@Example.com".replace("New", `n${Date.now()}`), role: "viewer", password: "long-enough" }),
    });
    expect(created.status).toBe(201);
    const person = await created.json();
    expect(person).not.toHaveProperty("passwordHash");
    expect(person.email).toMatch(/^n\d+\.person@example\.com$/);

    const list = await (await callRoute(GET, "/api/users", { key: t.viewerKey })).json();
    expect(list.items.map((u: { id: string }) => u.id)).toContain(person.id);

    for (const [handler, method, body] of [
      [POST, "POST", JSON.stringify({ email: "x@example.com", role: "viewer", password: "long-enough" })],
      [PATCH, "PATCH", JSON.stringify({ role: "admin" })],
      [DELETE, "DELETE", undefined],
    ] as const) {
      const res = await callRoute(handler, `/api/users/${person.id}`, { key: t.viewerKey, method, body, params: { id: person.id } });
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
    const res = await callRoute(POST, "/api/users", { key: t.adminKey, method: "POST", body });
    expect(res.status).toBe(400);
    expect((await res.json()).error.message).toMatch(message);
  });

  it("answers 404 for another workspace's person and 400 for a malformed id", async () => {
    const a = await createTenant();
    const b = await createTenant();
    expect(
      (
        await callRoute(PATCH, `/api/users/${b.viewer.id}`, {
          key: a.adminKey,
          method: "PATCH",
          body: JSON.stringify({ role: "admin" }),
          params: { id: b.viewer.id },
        })
      ).status,
    ).toBe(404);
    expect(
      (await callRoute(DELETE, `/api/users/${b.viewer.id}`, { key: a.adminKey, method: "DELETE", params: { id: b.viewer.id } })).status,
    ).toBe(404);
    const badId = "1; drop table users";
    const bad = await callRoute(DELETE, `/api/users/${encodeURIComponent(badId)}`, {
      key: a.adminKey,
      method: "DELETE",
      params: { id: badId },
    });
    expect(bad.status).toBe(400);
    expect((await bad.json()).error.message).toMatch(/id: User id must be a UUID/);
  });

  it("answers 409 with a reason when the last admin would be demoted", async () => {
    const t = await createTenant();
    const res = await callRoute(PATCH, `/api/users/${t.admin.id}`, {
      key: t.adminKey,
      method: "PATCH",
      body: JSON.stringify({ role: "viewer" }),
      params: { id: t.admin.id },
    });
    expect(res.status).toBe(409);
    expect((await res.json()).error.message).toMatch(/last admin/);
  });
});
