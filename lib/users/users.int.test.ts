import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signIn } from "@/lib/auth/sign-in";
import { publicCtx, systemCtx } from "@/lib/context";
import { createTenant, createUser as createTestUser, createWorkspace, ctxOf } from "@/test/factories";
import { createUser } from "./create-user";
import { listUsers } from "./list-users";
import { removeUser } from "./remove-user";
import { updateUser } from "./update-user";

const email = () => `p-${randomUUID().slice(0, 8)}@Example.com`;

describe("console people", () => {
  it("creates a user with a hashed password who can then sign in, and never exposes the hash", async () => {
    const t = await createTenant();
    const address = email();
    const user = await createUser({
      ctx: systemCtx(t.ws.id),
      input: { email: address.toLowerCase(), name: "Ana", role: "viewer", password: "a-good-password" },
    });
    expect(user).not.toHaveProperty("passwordHash");
    const signedIn = await signIn({ ctx: publicCtx(), input: { email: address, password: "a-good-password", ip: `test-${randomUUID()}` } });
    expect(signedIn.id).toBe(user.id);
    expect(signedIn.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("refuses a second account with the same email, whatever the case", async () => {
    const t = await createTenant();
    await expect(
      createUser({
        ctx: systemCtx(t.ws.id),
        input: { email: t.viewer.email.toUpperCase(), name: "", role: "viewer", password: "12345678" },
      }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("lists only the workspace's own people", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const ids = (await listUsers({ ctx: systemCtx(a.ws.id) })).map((u) => u.id).sort();
    expect(ids).toEqual([a.admin.id, a.viewer.id].sort());
    expect(ids).not.toContain(b.admin.id);
  });

  it("changes roles, but never demotes or removes the last admin", async () => {
    const t = await createTenant();
    await expect(updateUser({ ctx: systemCtx(t.ws.id), input: { userId: t.admin.id, role: "viewer" } })).rejects.toMatchObject({
      code: "CONFLICT",
      message: /last admin/,
    });
    await expect(updateUser({ ctx: systemCtx(t.ws.id), input: { userId: t.admin.id, role: "operator" } })).rejects.toMatchObject({
      code: "CONFLICT",
      message: /last admin/,
    });
    expect((await updateUser({ ctx: systemCtx(t.ws.id), input: { userId: t.viewer.id, role: "operator" } })).role).toBe("operator");
    expect((await updateUser({ ctx: systemCtx(t.ws.id), input: { userId: t.viewer.id, role: "viewer" } })).role).toBe("viewer");
    await expect(removeUser({ ctx: ctxOf(t.viewer), input: { userId: t.admin.id } })).rejects.toMatchObject({
      code: "CONFLICT",
      message: /last admin/,
    });
    expect((await updateUser({ ctx: systemCtx(t.ws.id), input: { userId: t.viewer.id, role: "admin" } })).role).toBe("admin");
    // With two admins, one may step down.
    expect((await updateUser({ ctx: systemCtx(t.ws.id), input: { userId: t.admin.id, role: "viewer", name: "Former admin" } })).role).toBe(
      "viewer",
    );
    await expect(updateUser({ ctx: systemCtx(t.ws.id), input: { userId: t.viewer.id, role: "viewer" } })).rejects.toMatchObject({
      code: "CONFLICT",
    });
  });

  it("keeps one admin when two admins demote each other at the same time", async () => {
    const ws = await createWorkspace();
    const a = await createTestUser(ws.id, "admin");
    const b = await createTestUser(ws.id, "admin");
    const results = await Promise.allSettled([
      updateUser({ ctx: systemCtx(ws.id), input: { userId: a.id, role: "viewer" } }),
      updateUser({ ctx: systemCtx(ws.id), input: { userId: b.id, role: "viewer" } }),
    ]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await listUsers({ ctx: systemCtx(ws.id) })).filter((u) => u.role === "admin")).toHaveLength(1);
  });

  it("removes a person but not yourself, and not across workspaces", async () => {
    const t = await createTenant();
    const other = await createTenant();
    await expect(removeUser({ ctx: ctxOf(t.admin), input: { userId: t.admin.id } })).rejects.toMatchObject({
      code: "CONFLICT",
      message: /your own account/,
    });
    await expect(removeUser({ ctx: ctxOf(t.admin), input: { userId: other.viewer.id } })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateUser({ ctx: systemCtx(t.ws.id), input: { userId: other.viewer.id, role: "admin" } })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await removeUser({ ctx: ctxOf(t.admin), input: { userId: t.viewer.id } });
    expect((await listUsers({ ctx: systemCtx(t.ws.id) })).map((u) => u.id)).toEqual([t.admin.id]);
    expect((await listUsers({ ctx: systemCtx(other.ws.id) })).map((u) => u.id)).toContain(other.viewer.id);
  });
});
