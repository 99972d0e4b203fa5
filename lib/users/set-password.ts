import { and, eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/passwords";
import type { WorkspaceCtx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import { endSessionsOf } from "@/lib/sessions/end-user-sessions";

/**
 * Replaces a person's password (recovery from the command line) and ends all their sessions;
 * `password` is already validated by passwordSchema.
 */
export async function setPassword({ ctx, input }: { ctx: WorkspaceCtx; input: { userId: string; password: string } }): Promise<void> {
  const passwordHash = await hashPassword(input.password);
  await ctx.db.transaction(async (tx) => {
    const updated = await tx
      .update(users)
      .set({ passwordHash, mustChangePassword: false })
      .where(and(eq(users.id, input.userId), eq(users.workspaceId, ctx.workspaceId)))
      .returning({ id: users.id });
    if (updated.length === 0) throw notFound("User");
    await endSessionsOf({ ...ctx, db: tx }, input.userId);
  });
}
