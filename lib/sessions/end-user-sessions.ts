// Ends every session of one person, optionally all but one (the caller's current session when they
// change their own password or end their other sessions). Used by "Sign out everywhere", an admin
// ending someone's sessions, a password change and a demotion from admin.
import { and, eq, ne } from "drizzle-orm";
import { sessions } from "@/db/schema";
import type { Ctx, WorkspaceCtx } from "@/lib/context";
import { forbidden } from "@/lib/errors";

/** For callers that already checked who may do this (password change, role change). Returns how many ended. */
export async function endSessionsOf(ctx: WorkspaceCtx, userId: string, keepSessionId?: string): Promise<number> {
  const ended = await ctx.db
    .delete(sessions)
    .where(
      and(
        eq(sessions.workspaceId, ctx.workspaceId),
        eq(sessions.userId, userId),
        keepSessionId ? ne(sessions.id, keepSessionId) : undefined,
      ),
    )
    .returning({ id: sessions.id });
  return ended.length;
}

/** The API verb: your own sessions (keeping the current one if asked), or, for an admin, anyone's. */
export async function endUserSessions({
  ctx,
  input,
}: {
  ctx: Ctx;
  input: { userId?: string; keepCurrent?: boolean };
}): Promise<{ ended: number }> {
  const userId = input.userId ?? ctx.actor.userId;
  if (userId !== ctx.actor.userId && ctx.actor.role !== "admin") throw forbidden("Only admins can end other people's sessions");
  const keep = input.keepCurrent && userId === ctx.actor.userId ? ctx.actor.sessionId : undefined;
  return { ended: await endSessionsOf(ctx, userId, keep) };
}
