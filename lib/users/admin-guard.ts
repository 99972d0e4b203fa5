import { and, eq } from "drizzle-orm";
import type { Tx } from "@/db";
import { users } from "@/db/schema";
import { AppError, notFound } from "@/lib/errors";

/**
 * Loads the target user inside the caller's transaction, locking the workspace's admin rows so two
 * concurrent demotions cannot both pass the "another admin remains" check.
 */
export async function lockTarget(tx: Tx, workspaceId: string, userId: string) {
  const admins = await tx
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.workspaceId, workspaceId), eq(users.role, "admin")))
    .for("update");
  const [target] = await tx
    .select()
    .from(users)
    .where(and(eq(users.id, userId), eq(users.workspaceId, workspaceId)))
    .limit(1);
  if (!target) throw notFound("User");
  return { target, adminCount: admins.length };
}

export function refuseLastAdmin(isAdmin: boolean, adminCount: number, what: string) {
  if (isAdmin && adminCount <= 1)
    throw new AppError("CONFLICT", `You cannot ${what} the last admin of the workspace. Make someone else an admin first.`);
}
