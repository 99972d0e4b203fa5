// The signed-in user behind a session cookie: the session row must exist (it is deleted when the
// session ends), be live, and belong to the user the cookie names. Marks the session as seen.
import { and, eq, sql } from "drizzle-orm";
import { getDb } from "@/db";
import { sessions, totpFactors, users, workspaces } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { SESSION_POLICY } from "./policy";
import { sessionIsLive } from "./start-session";

export async function actorFromSession(sessionId: string, userId: string): Promise<Actor | null> {
  if (!isUuid(sessionId) || !isUuid(userId)) return null;
  const db = getDb();
  const [row] = await db
    .select({
      user: users,
      lastSeenAt: sessions.lastSeenAt,
      method: sessions.method,
      requireTotp: workspaces.requireTotp,
      totpConfirmedAt: totpFactors.confirmedAt,
    })
    .from(sessions)
    .innerJoin(users, eq(users.id, sessions.userId))
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
    .leftJoin(totpFactors, eq(totpFactors.userId, users.id))
    .where(and(eq(sessions.id, sessionId), eq(sessions.userId, userId), sessionIsLive()))
    .limit(1);
  if (!row) return null;
  if (Date.now() - row.lastSeenAt.getTime() > SESSION_POLICY.TOUCH_EVERY_MS) {
    await db.update(sessions).set({ lastSeenAt: sql`now()` }).where(eq(sessions.id, sessionId));
  }
  const { user } = row;
  return {
    userId: user.id,
    workspaceId: user.workspaceId,
    email: user.email,
    name: user.name,
    role: user.role,
    via: "session",
    sessionId,
    mustChangePassword: user.mustChangePassword,
    // A password sign-in in a workspace that requires TOTP, by someone without an authenticator yet.
    mustEnrolTotp: row.method === "password" && row.requireTotp && !row.totpConfirmedAt,
  };
}

const isUuid = (s: string) => /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(s);
