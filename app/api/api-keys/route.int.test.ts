import { describe, expect, it } from "vitest";
import { GET as me } from "@/app/api/me/route";
import { createTenant } from "@/test/factories";
import { DELETE } from "./[id]/route";
import { GET, POST } from "./route";

const req = (key: string, init: RequestInit = {}) =>
  new Request("http://localhost/api/api-keys", {
    ...init,
    headers: { authorization: `Bearer ${key}`, "content-type": "application/json" },
  });
const noParams = { params: Promise.resolve({}) };

describe("/api/api-keys", () => {
  it("creates a key shown once that works as a Bearer token until revoked", async () => {
    const t = await createTenant();
    const res = await POST(req(t.adminKey, { method: "POST", body: JSON.stringify({ name: "Nightly export" }) }), noParams);
    expect(res.status).toBe(201);
    const { key, apiKey } = await res.json();
    expect((await (await me(req(key), noParams)).json()).user.id).toBe(t.admin.id);

    const listed = await (await GET(req(t.adminKey), noParams)).json();
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(listed.items.find((k: { id: string }) => k.id === apiKey.id).prefix).toBe(key.slice(0, 12));

    expect((await DELETE(req(t.adminKey, { method: "DELETE" }), { params: Promise.resolve({ id: apiKey.id }) })).status).toBe(200);
    const after = await me(req(key), noParams);
    expect(after.status).toBe(401);
    expect((await after.json()).error.message).toMatch(/invalid or revoked/);
  });

  it("is admin-only and workspace-scoped", async () => {
    const a = await createTenant();
    const b = await createTenant();
    expect((await GET(req(a.viewerKey), noParams)).status).toBe(403);
    expect((await POST(req(a.viewerKey, { method: "POST", body: JSON.stringify({ name: "x" }) }), noParams)).status).toBe(403);
    const bKeys = await (await GET(req(b.adminKey), noParams)).json();
    const res = await DELETE(req(a.adminKey, { method: "DELETE" }), { params: Promise.resolve({ id: bKeys.items[0].id }) });
    expect(res.status).toBe(404);
  });

  it("rejects an empty name and bad keys with clear 4xx messages", async () => {
    const t = await createTenant();
    const empty = await POST(req(t.adminKey, { method: "POST", body: JSON.stringify({ name: "  " }) }), noParams);
    expect(empty.status).toBe(400);
    expect((await empty.json()).error.message).toMatch(/name: Give the key a name/);
    for (const bad of ["", "osc_short", "osc_" + "x".repeat(43), "Bearer"]) {
      const res = await me(req(bad), noParams);
      expect(res.status, bad).toBe(401);
      expect((await res.json()).error.code).toBe("UNAUTHENTICATED");
    }
  });
});
