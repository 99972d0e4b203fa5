import { eq } from "drizzle-orm";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { lockTarget, refuseLastAdmin } from "./admin-guard";
import { type PublicUser, toPublicUser, type UpdateUserInput } from "./schemas";

/** Changes a person's role and/or name. The last admin cannot be demoted. */
export async function updateUser(workspaceId: string, userId: string, data: UpdateUserInput): Promise<PublicUser> {
  return getDb().transaction(async (tx) => {
    const { target, adminCount } = await lockTarget(tx, workspaceId, userId);
    if (data.role === "viewer") refuseLastAdmin(target.role === "admin", adminCount, "demote");
    const [updated] = await tx
      .update(users)
      .set({ ...(data.role ? { role: data.role } : {}), ...(data.name !== undefined ? { name: data.name } : {}) })
      .where(eq(users.id, target.id))
      .returning();
    return toPublicUser(updated);
  });
}
