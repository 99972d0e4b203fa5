import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { endSessionsOf } from "@/lib/sessions/end-user-sessions";
import { lockTarget, refuseLastAdmin } from "./admin-guard";
import { type PublicUser, toPublicUser, type UpdateUserInput } from "./schemas";

/** Changes a person's role and/or name. The last admin cannot be demoted. */
export async function updateUser({ ctx, input }: { ctx: WorkspaceCtx; input: UpdateUserInput & { userId: string } }): Promise<PublicUser> {
  return ctx.db.transaction(async (tx) => {
    const { target, adminCount } = await lockTarget(tx, ctx.workspaceId, input.userId);
    if (input.role && input.role !== "admin") refuseLastAdmin(target.role === "admin", adminCount, "demote");
    const [updated] = await tx
      .update(users)
      .set({ ...(input.role ? { role: input.role } : {}), ...(input.name !== undefined ? { name: input.name } : {}) })
      .where(eq(users.id, target.id))
      .returning();
    // Whoever is no longer an admin is signed out everywhere, so no open page keeps admin powers.
    if (target.role === "admin" && updated.role !== "admin") await endSessionsOf({ ...ctx, db: tx }, target.id);
    return toPublicUser(updated);
  });
}
