// A person's live sessions. Everyone sees their own; admins see anyone's in their workspace.
import { and, desc, eq } from "drizzle-orm";
import { sessions } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { forbidden } from "@/lib/errors";
import type { PublicSession } from "./schemas";
import { sessionIsLive } from "./start-session";

export async function listSessions({ ctx, input }: { ctx: Ctx; input: { userId?: string } }): Promise<PublicSession[]> {
  const userId = input.userId ?? ctx.actor.userId;
  if (userId !== ctx.actor.userId && ctx.actor.role !== "admin") throw forbidden("Only admins can see other people's sessions");
  const rows = await ctx.db
    .select()
    .from(sessions)
    .where(and(eq(sessions.workspaceId, ctx.workspaceId), eq(sessions.userId, userId), sessionIsLive()))
    .orderBy(desc(sessions.lastSeenAt));
  return rows.map((r) => ({
    id: r.id,
    userId: r.userId,
    createdAt: r.createdAt,
    lastSeenAt: r.lastSeenAt,
    expiresAt: r.expiresAt,
    clientAddress: r.clientAddress,
    userAgent: r.userAgent,
    current: r.id === ctx.actor.sessionId,
  }));
}
