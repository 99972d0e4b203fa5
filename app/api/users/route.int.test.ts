import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { POST as createKey, GET as listKeys } from "@/app/api/api-keys/route";
import { GET as me } from "@/app/api/me/route";
import { getDb } from "@/db";
import { apiKeys } from "@/db/schema";
import { callRoute } from "@/test/call-route";
import { createApiKey, createTenant, createUser } from "@/test/factories";
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

  it("a removed person's API key stops working at once (401), and the key is gone with them", async () => {
    const t = await createTenant();
    expect((await callRoute(GET, "/api/users", { key: t.viewerKey })).status).toBe(200);
    const removed = await callRoute(DELETE, `/api/users/${t.viewer.id}`, {
      key: t.adminKey,
      method: "DELETE",
      params: { id: t.viewer.id },
    });
    expect(removed.status).toBe(204);
    for (const [handler, path] of [
      [me, "/api/me"],
      [GET, "/api/users"],
    ] as const) {
      const res = await callRoute(handler, path, { key: t.viewerKey });
      expect(res.status, path).toBe(401);
      expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
    }
    expect(await getDb().select().from(apiKeys).where(eq(apiKeys.userId, t.viewer.id))).toEqual([]);
    // The admin's own key is untouched.
    expect((await callRoute(GET, "/api/users", { key: t.adminKey })).status).toBe(200);
  });

  it("a demoted admin's API key keeps viewer rights only (403 on admin routes), and regains them on promotion", async () => {
    const t = await createTenant();
    const second = await createUser(t.ws.id, "admin");
    const key = await createApiKey(t.ws.id, second.id);
    const asSecond = {
      listKeys: () => callRoute(listKeys, "/api/api-keys", { key }),
      createKey: () => callRoute(createKey, "/api/api-keys", { key, method: "POST", body: { name: "from a demoted admin" } }),
      addUser: () =>
        callRoute(POST, "/api/users", {
          key,
          method: "POST",
          body: { email: `added-${Date.now()}@example.com`, role: "admin", password: "long-enough" },
        }),
      promoteViewer: () =>
        callRoute(PATCH, `/api/users/${t.viewer.id}`, { key, method: "PATCH", body: { role: "admin" }, params: { id: t.viewer.id } }),
    };
    expect((await asSecond.listKeys()).status).toBe(200);

    const demoted = await callRoute(PATCH, `/api/users/${second.id}`, {
      key: t.adminKey,
      method: "PATCH",
      body: { role: "viewer" },
      params: { id: second.id },
    });
    expect(demoted.status).toBe(200);
    expect((await (await callRoute(me, "/api/me", { key })).json()).user).toMatchObject({ id: second.id, role: "viewer" });
    for (const [what, call] of Object.entries(asSecond)) {
      const res = await call();
      expect(res.status, what).toBe(403);
      expect((await res.json()).error.code).toBe("FORBIDDEN");
    }
    // Nothing the refused calls asked for happened.
    const people = (await (await callRoute(GET, "/api/users", { key })).json()).items as { id: string; role: string }[];
    expect(people.map((u) => [u.id, u.role]).sort()).toEqual(
      [
        [t.admin.id, "admin"],
        [t.viewer.id, "viewer"],
        [second.id, "viewer"],
      ].sort(),
    );
    expect((await getDb().select().from(apiKeys).where(eq(apiKeys.userId, second.id))).map((k) => k.name)).toEqual(["test"]);

    await callRoute(PATCH, `/api/users/${second.id}`, {
      key: t.adminKey,
      method: "PATCH",
      body: { role: "admin" },
      params: { id: second.id },
    });
    expect((await asSecond.listKeys()).status).toBe(200);
  });
});
