import { eq } from "drizzle-orm";
import { describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/me/route";
import { POST as createUser, GET as listUsers } from "@/app/api/users/route";
import { getDb } from "@/db";
import { apiKeys } from "@/db/schema";
import { callRoute } from "@/test/call-route";
import { createTenant } from "@/test/factories";
import { DELETE } from "./[id]/route";
import { GET, POST } from "./route";

describe("/api/api-keys", () => {
  it("creates a key shown once that works as a Bearer token until revoked", async () => {
    const t = await createTenant();
    const res = await callRoute(POST, "/api/api-keys", { key: t.adminKey, method: "POST", body: { name: "Nightly export" } });
    expect(res.status).toBe(201);
    const { key, apiKey } = await res.json();
    expect((await (await callRoute(me, "/api/me", { key })).json()).user.id).toBe(t.admin.id);

    const listed = await (await callRoute(GET, "/api/api-keys", { key: t.adminKey })).json();
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(listed.items.find((k: { id: string }) => k.id === apiKey.id).prefix).toBe(key.slice(0, 12));

    expect(
      (await callRoute(DELETE, `/api/api-keys/${apiKey.id}`, { key: t.adminKey, method: "DELETE", params: { id: apiKey.id } })).status,
    ).toBe(200);
    const after = await callRoute(me, "/api/me", { key });
    expect(after.status).toBe(401);
    expect((await after.json()).error.message).toMatch(/invalid or revoked/);
  });

  it("is admin-only and workspace-scoped", async () => {
    const a = await createTenant();
    const b = await createTenant();
    expect((await callRoute(GET, "/api/api-keys", { key: a.viewerKey })).status).toBe(403);
    expect((await callRoute(POST, "/api/api-keys", { key: a.viewerKey, method: "POST", body: { name: "x" } })).status).toBe(403);
    const bKeys = await (await callRoute(GET, "/api/api-keys", { key: b.adminKey })).json();
    const res = await callRoute(DELETE, `/api/api-keys/${bKeys.items[0].id}`, {
      key: a.adminKey,
      method: "DELETE",
      params: { id: bKeys.items[0].id },
    });
    expect(res.status).toBe(404);
  });

  it("rejects an empty name and bad keys with clear 4xx messages", async () => {
    const t = await createTenant();
    const empty = await callRoute(POST, "/api/api-keys", { key: t.adminKey, method: "POST", body: { name: "  " } });
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.message).toMatch(/name: Give the key a name/);
    for (const bad of ["", "osc_short", `osc_${"x".repeat(43)}`, "Bearer"]) {
      // The header is set by hand: an empty or malformed key must still be sent, not left out.
      const res = await callRoute(me, "/api/me", { headers: { authorization: `Bearer ${bad}` } });
      expect(res.status, bad).toBe(401);
      expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
    }
  });

  it("makes read-only keys that act as viewers: 403 on admin routes, 200 on viewer routes", async () => {
    const t = await createTenant();
    const res = await callRoute(POST, "/api/api-keys", { key: t.adminKey, method: "POST", body: { name: "Dashboard", readOnly: true } });
    expect(res.status).toBe(201);
    const { key, apiKey } = await res.json();
    expect(apiKey).toMatchObject({ readOnly: true, expiresAt: null, owner: { id: t.admin.id, role: "admin" } });

    const whoami = await (await callRoute(me, "/api/me", { key })).json();
    expect(whoami.user).toMatchObject({ id: t.admin.id, role: "viewer" });
    expect((await callRoute(listUsers, "/api/users", { key })).status).toBe(200);

    for (const [handler, path, body] of [
      [GET, "/api/api-keys", undefined],
      [POST, "/api/api-keys", { name: "escalate" }],
      [createUser, "/api/users", { email: "new@example.com", role: "admin", password: "long-enough-pw" }],
    ] as const) {
      const refused = await callRoute(handler, path, { key, method: body ? "POST" : "GET", body });
      expect(refused.status, path).toBe(403);
      expect((await refused.json()).error.message).toBe(
        "This API key is read-only; only admins, with a key that is not read-only, can do this",
      );
    }
    // The admin's full key still works on the same route.
    expect((await callRoute(GET, "/api/api-keys", { key: t.adminKey })).status).toBe(200);
  });

  it("refuses an expired key with 401 and says when it expired", async () => {
    const t = await createTenant();
    const expiresAt = new Date(Date.now() + 86_400_000).toISOString();
    const res = await callRoute(POST, "/api/api-keys", { key: t.adminKey, method: "POST", body: { name: "Short-lived", expiresAt } });
    expect(res.status).toBe(201);
    const { key, apiKey } = await res.json();
    expect(new Date(apiKey.expiresAt).toISOString()).toBe(expiresAt);
    expect((await callRoute(me, "/api/me", { key })).status).toBe(200);

    // A day later (moved in the database: the API never accepts a past expiry).
    const past = new Date(Date.now() - 1000);
    await getDb().update(apiKeys).set({ expiresAt: past }).where(eq(apiKeys.id, apiKey.id));
    const expired = await callRoute(me, "/api/me", { key });
    expect(expired.status).toBe(401);
    expect((await expired.json()).error).toEqual({
      code: "UNAUTHENTICATED",
      message: `The API key "Short-lived" expired on ${past.toISOString()}. Ask an admin for a new one (Settings → API keys).`,
    });
    const listed = await (await callRoute(GET, "/api/api-keys", { key: t.adminKey })).json();
    expect(listed.items.find((k: { id: string }) => k.id === apiKey.id).expiresAt).toBe(past.toISOString());
  });

  it("refuses an expiry in the past or not a date", async () => {
    const t = await createTenant();
    for (const [expiresAt, message] of [
      ["2020-01-01T00:00:00Z", "expiresAt: The expiry must be in the future"],
      ["next week", "expiresAt: Give the expiry as an ISO date and time, e.g. 2027-01-31T00:00:00Z"],
    ]) {
      const res = await callRoute(POST, "/api/api-keys", { key: t.adminKey, method: "POST", body: { name: "x", expiresAt } });
      expect(res.status).toBe(400);
      expect((await res.json()).error.message).toBe(`Invalid body: ${message}`);
    }
  });
});
