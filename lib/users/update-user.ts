import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { lockTarget, refuseLastAdmin } from "./admin-guard";
import { type PublicUser, toPublicUser, type UpdateUserInput } from "./schemas";

/** Changes a person's role and/or name. The last admin cannot be demoted. */
export async function updateUser({ ctx, input }: { ctx: WorkspaceCtx; input: UpdateUserInput & { userId: string } }): Promise<PublicUser> {
  return ctx.db.transaction(async (tx) => {
    const { target, adminCount } = await lockTarget(tx, ctx.workspaceId, input.userId);
    if (input.role === "viewer") refuseLastAdmin(target.role === "admin", adminCount, "demote");
    const [updated] = await tx
      .update(users)
      .set({ ...(input.role ? { role: input.role } : {}), ...(input.name !== undefined ? { name: input.name } : {}) })
      .where(eq(users.id, target.id))
      .returning();
    return toPublicUser(updated);
  });
}
