import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";
import { lockTarget, refuseLastAdmin } from "./admin-guard";

/** Deletes a person and (by cascade) their API keys. Nobody removes themselves or the last admin. */
export async function removeUser(workspaceId: string, userId: string, actorUserId: string): Promise<void> {
  if (userId === actorUserId) throw new AppError("CONFLICT", "You cannot remove your own account. Ask another admin.");
  await getDb().transaction(async (tx) => {
    const { target, adminCount } = await lockTarget(tx, workspaceId, userId);
    refuseLastAdmin(target.role === "admin", adminCount, "remove");
    await tx.delete(users).where(eq(users.id, target.id));
  });
}
