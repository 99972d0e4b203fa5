// A signed-in person replaces their own password. Their other sessions end (a password change is
// what someone does after a suspected compromise); the one they made the change with stays.
import { eq } from "drizzle-orm";
import { users } from "@/db/schema";
import { hashPassword, verifyPassword } from "@/lib/auth/passwords";
import type { Ctx } from "@/lib/context";
import { AppError, notFound } from "@/lib/errors";
import { endSessionsOf } from "@/lib/sessions/end-user-sessions";
import type { ChangeOwnPasswordInput } from "./schemas";

export async function changeOwnPassword({ ctx, input }: { ctx: Ctx; input: ChangeOwnPasswordInput }): Promise<{ endedSessions: number }> {
  if (ctx.actor.via !== "session") throw new AppError("FORBIDDEN", "Change your password from a signed-in session, not with an API key");
  const [me] = await ctx.db.select().from(users).where(eq(users.id, ctx.actor.userId)).limit(1);
  if (!me) throw notFound("User");
  if (!(await verifyPassword(me.passwordHash, input.currentPassword))) {
    throw new AppError("VALIDATION", "The current password is wrong", {
      fields: [{ field: "currentPassword", message: "The current password is wrong" }],
    });
  }
  const passwordHash = await hashPassword(input.newPassword);
  return ctx.db.transaction(async (tx) => {
    await tx.update(users).set({ passwordHash, mustChangePassword: false }).where(eq(users.id, me.id));
    return { endedSessions: await endSessionsOf({ ...ctx, db: tx }, me.id, ctx.actor.sessionId) };
  });
}
