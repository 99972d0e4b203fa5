import { describe, expect, it } from "vitest";
import { actorFromApiKey } from "@/lib/auth/actor";
import { systemCtx } from "@/lib/context";
import { createTenant, ctxOf } from "@/test/factories";
import { createApiKey } from "./create-api-key";
import { listApiKeys } from "./list-api-keys";
import { revokeApiKey } from "./revoke-api-key";

describe("API keys", () => {
  it("returns the key once, lists only its prefix, and authenticates as its owner", async () => {
    const t = await createTenant();
    const { key, apiKey } = await createApiKey({ ctx: systemCtx(t.ws.id), input: { userId: t.admin.id, name: "CI" } });
    expect(key).toMatch(/^osc_[A-Za-z0-9_-]{43}$/);
    expect(key.startsWith(apiKey.prefix)).toBe(true);
    const listed = await listApiKeys({ ctx: systemCtx(t.ws.id) });
    const entry = listed.find((k) => k.id === apiKey.id)!;
    expect(JSON.stringify(listed)).not.toContain(key);
    expect(entry).not.toHaveProperty("keyHash");
    expect(entry.lastUsedAt).toBeNull();

    const actor = await actorFromApiKey(key);
    expect(actor).toMatchObject({ userId: t.admin.id, workspaceId: t.ws.id, role: "admin", via: "api_key" });
    expect((await listApiKeys({ ctx: systemCtx(t.ws.id) })).find((k) => k.id === apiKey.id)!.lastUsedAt).toBeInstanceOf(Date);
  });

  it("stops working as soon as it is revoked; revoking again is harmless", async () => {
    const t = await createTenant();
    const { key, apiKey } = await createApiKey({ ctx: systemCtx(t.ws.id), input: { userId: t.viewer.id, name: "temp" } });
    const first = await revokeApiKey({ ctx: ctxOf(t.admin), input: { keyId: apiKey.id } });
    await expect(actorFromApiKey(key)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
    expect((await revokeApiKey({ ctx: ctxOf(t.admin), input: { keyId: apiKey.id } })).revokedAt).toEqual(first.revokedAt);
  });

  it("never lists, creates for, or revokes another workspace's keys", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const { apiKey } = await createApiKey({ ctx: systemCtx(b.ws.id), input: { userId: b.admin.id, name: "b's key" } });
    expect((await listApiKeys({ ctx: systemCtx(a.ws.id) })).map((k) => k.id)).not.toContain(apiKey.id);
    await expect(revokeApiKey({ ctx: ctxOf(a.admin), input: { keyId: apiKey.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(createApiKey({ ctx: systemCtx(a.ws.id), input: { userId: b.admin.id, name: "x" } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await listApiKeys({ ctx: systemCtx(b.ws.id) })).find((k) => k.id === apiKey.id)!.revokedAt).toBeNull();
  });
});
