// Ends one session: the caller's own (any of them), or, for an admin, anyone's in the workspace.
import { and, eq } from "drizzle-orm";
import { sessions } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { forbidden, notFound } from "@/lib/errors";

export async function endSession({ ctx, input }: { ctx: Ctx; input: { sessionId: string } }): Promise<void> {
  const [row] = await ctx.db
    .select({ userId: sessions.userId })
    .from(sessions)
    .where(and(eq(sessions.id, input.sessionId), eq(sessions.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!row) throw notFound("Session");
  if (row.userId !== ctx.actor.userId && ctx.actor.role !== "admin") throw forbidden("Only admins can end other people's sessions");
  await ctx.db.delete(sessions).where(eq(sessions.id, input.sessionId));
}

/** Sign-out: the session named by the cookie being cleared ends (Auth.js's signOut event). */
export async function endSignedOutSession(db: Ctx["db"], sessionId: string, userId: string): Promise<void> {
  await db.delete(sessions).where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId)));
}
