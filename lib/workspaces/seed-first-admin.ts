// First start: create a workspace and its admin. Uses ADMIN_EMAIL / ADMIN_PASSWORD when set,
// otherwise generates a password and returns it so the caller can print it once.
import { randomBytes } from "node:crypto";
import { sql } from "drizzle-orm";
import { getDb } from "@/db";
import { users, workspaces } from "@/db/schema";
import { hashPassword } from "@/lib/auth/passwords";
import { getEnv } from "@/lib/env";

export async function seedFirstAdmin(): Promise<
  { created: false } | { created: true; email: string; password: string; generated: boolean }
> {
  const db = getDb();
  const env = getEnv();
  return db.transaction(async (tx) => {
    // Serialize concurrent starters (web process and workers).
    await tx.execute(sql`select pg_advisory_xact_lock(724002)`);
    const [{ count }] = await tx.select({ count: sql<number>`count(*)::int` }).from(users);
    if (count > 0) return { created: false as const };
    const email = env.ADMIN_EMAIL ?? "admin@example.com";
    const generated = !env.ADMIN_PASSWORD;
    const password = env.ADMIN_PASSWORD ?? randomBytes(12).toString("base64url");
    const [ws] = await tx.insert(workspaces).values({ name: "My company" }).returning();
    await tx.insert(users).values({
      workspaceId: ws.id,
      email,
      name: "Administrator",
      role: "admin",
      passwordHash: await hashPassword(password),
      // A printed password has been in a terminal and maybe a log: its owner must replace it.
      mustChangePassword: generated,
    });
    return { created: true as const, email, password, generated };
  });
}
