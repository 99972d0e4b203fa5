// A session cookie as Auth.js issues it after sign-in, so a test can call a route the way a browser
// does (cookie, no API key) without going through the sign-in endpoints. Like a real sign-in, it
// opens a server-side session (lib/sessions) that the cookie names.
import { eq } from "drizzle-orm";
import { encode } from "next-auth/jwt";
import { getDb } from "@/db";
import { users } from "@/db/schema";
import { publicCtx } from "@/lib/context";
import { startSession } from "@/lib/sessions/start-session";

/** The cookie name Auth.js uses over plain http (tests call routes on http://localhost). */
export const SESSION_COOKIE = "authjs.session-token";

/** A session cookie for a session that already exists (or a forged/ended one). */
export async function cookieFor(userId: string, sessionId: string): Promise<string> {
  const token = await encode({ token: { sub: userId, sid: sessionId }, secret: process.env.AUTH_SECRET!, salt: SESSION_COOKIE });
  return `${SESSION_COOKIE}=${token}`;
}

/** Signs the user in: a new session and the `Cookie` header value that carries it. */
export async function signedInSession(userId: string, client = { clientAddress: "203.0.113.7", userAgent: "vitest" }) {
  const [user] = await getDb().select({ workspaceId: users.workspaceId }).from(users).where(eq(users.id, userId));
  if (!user) throw new Error(`no user ${userId}`);
  const sessionId = await startSession({ ctx: publicCtx(), input: { userId, workspaceId: user.workspaceId, ...client } });
  return { sessionId, cookie: await cookieFor(userId, sessionId) };
}

/** A `Cookie` header value holding a signed-in session for the user. */
export async function sessionCookie(userId: string): Promise<string> {
  return (await signedInSession(userId)).cookie;
}
