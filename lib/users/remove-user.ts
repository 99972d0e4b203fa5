import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { lockTarget, refuseLastAdmin } from "./admin-guard";

/** Deletes a person and (by cascade) their API keys. Nobody removes themselves or the last admin. */
export async function removeUser({ ctx, input }: { ctx: Ctx; input: { userId: string } }): Promise<void> {
  if (input.userId === ctx.actor.userId) throw new AppError("CONFLICT", "You cannot remove your own account. Ask another admin.");
  await ctx.db.transaction(async (tx) => {
    const { target, adminCount } = await lockTarget(tx, ctx.workspaceId, input.userId);
    refuseLastAdmin(target.role === "admin", adminCount, "remove");
    await tx.delete(users).where(eq(users.id, target.id));
  });
}
