import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { signIn } from "@/lib/auth/sign-in";
import { createTenant, createUser as createTestUser, createWorkspace } from "@/test/factories";
import { createUser } from "./create-user";
import { listUsers } from "./list-users";
import { removeUser } from "./remove-user";
import { updateUser } from "./update-user";

const email = () => `p-${randomUUID().slice(0, 8)}@Example.com`;

describe("console people", () => {
  it("creates a user with a hashed password who can then sign in, and never exposes the hash", async () => {
    const t = await createTenant();
    const address = email();
    const user = await createUser(t.ws.id, { email: address.toLowerCase(), name: "Ana", role: "viewer", password: "a-good-password" });
    expect(user).not.toHaveProperty("passwordHash");
    const signedIn = await signIn({ email: address, password: "a-good-password", ip: `test-${randomUUID()}` });
    expect(signedIn.id).toBe(user.id);
    expect(signedIn.passwordHash).toMatch(/^\$argon2id\$/);
  });

  it("refuses a second account with the same email, whatever the case", async () => {
    const t = await createTenant();
    await expect(
      createUser(t.ws.id, { email: t.viewer.email.toUpperCase(), name: "", role: "viewer", password: "12345678" }),
    ).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("lists only the workspace's own people", async () => {
    const a = await createTenant();
    const b = await createTenant();
    const ids = (await listUsers(a.ws.id)).map((u) => u.id).sort();
    expect(ids).toEqual([a.admin.id, a.viewer.id].sort());
    expect(ids).not.toContain(b.admin.id);
  });

  it("changes roles, but never demotes or removes the last admin", async () => {
    const t = await createTenant();
    await expect(updateUser(t.ws.id, t.admin.id, { role: "viewer" })).rejects.toMatchObject({ code: "CONFLICT", message: /last admin/ });
    await expect(removeUser(t.ws.id, t.admin.id, t.viewer.id)).rejects.toMatchObject({ code: "CONFLICT", message: /last admin/ });
    expect((await updateUser(t.ws.id, t.viewer.id, { role: "admin" })).role).toBe("admin");
    // With two admins, one may step down.
    expect((await updateUser(t.ws.id, t.admin.id, { role: "viewer", name: "Former admin" })).role).toBe("viewer");
    await expect(updateUser(t.ws.id, t.viewer.id, { role: "viewer" })).rejects.toMatchObject({ code: "CONFLICT" });
  });

  it("keeps one admin when two admins demote each other at the same time", async () => {
    const ws = await createWorkspace();
    const a = await createTestUser(ws.id, "admin");
    const b = await createTestUser(ws.id, "admin");
    const results = await Promise.allSettled([updateUser(ws.id, a.id, { role: "viewer" }), updateUser(ws.id, b.id, { role: "viewer" })]);
    expect(results.filter((r) => r.status === "fulfilled")).toHaveLength(1);
    expect((await listUsers(ws.id)).filter((u) => u.role === "admin")).toHaveLength(1);
  });

  it("removes a person but not yourself, and not across workspaces", async () => {
    const t = await createTenant();
    const other = await createTenant();
    await expect(removeUser(t.ws.id, t.admin.id, t.admin.id)).rejects.toMatchObject({ code: "CONFLICT", message: /your own account/ });
    await expect(removeUser(t.ws.id, other.viewer.id, t.admin.id)).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(updateUser(t.ws.id, other.viewer.id, { role: "admin" })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await removeUser(t.ws.id, t.viewer.id, t.admin.id);
    expect((await listUsers(t.ws.id)).map((u) => u.id)).toEqual([t.admin.id]);
    expect((await listUsers(other.ws.id)).map((u) => u.id)).toContain(other.viewer.id);
  });
});
