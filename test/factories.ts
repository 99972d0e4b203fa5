// Each test makes its own workspace and people; nothing is shared between tests.
import { randomUUID } from "node:crypto";
import { getDb } from "@/db";
import { apiKeys, type Role, users, workspaces } from "@/db/schema";
import { generateApiKey } from "@/lib/auth/api-keys";
import { hashPassword } from "@/lib/auth/passwords";
import type { Actor } from "@/lib/context";
import { type Ctx, userCtx } from "@/lib/context";

export async function createWorkspace(name = `ws-${randomUUID().slice(0, 8)}`) {
  const [ws] = await getDb().insert(workspaces).values({ name }).returning();
  return ws;
}

export async function createUser(workspaceId: string, role: Role = "admin", password = "correct-horse-battery") {
  const email = `${role}-${randomUUID().slice(0, 8)}@example.com`;
  const [user] = await getDb()
    .insert(users)
    .values({ workspaceId, email, name: `Test ${role}`, role, passwordHash: await hashPassword(password) })
    .returning();
  return { ...user, password };
}

export async function createApiKey(workspaceId: string, userId: string) {
  const k = generateApiKey();
  await getDb().insert(apiKeys).values({ workspaceId, userId, name: "test", prefix: k.prefix, keyHash: k.keyHash });
  return k.key;
}

/** A workspace with an admin and a viewer, each with an API key. */
export async function createTenant() {
  const ws = await createWorkspace();
  const admin = await createUser(ws.id, "admin");
  const viewer = await createUser(ws.id, "viewer");
  return { ws, admin, viewer, adminKey: await createApiKey(ws.id, admin.id), viewerKey: await createApiKey(ws.id, viewer.id) };
}

/** The ctx a verb gets when this user calls it through the console (session). */
export function ctxOf(user: { id: string; workspaceId: string; email: string; name: string; role: Role }): Ctx {
  const actor: Actor = {
    userId: user.id,
    workspaceId: user.workspaceId,
    email: user.email,
    name: user.name,
    role: user.role,
    via: "session",
  };
  return userCtx(actor);
}
