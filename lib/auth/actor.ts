// Who is calling: a signed-in console user (session cookie) or an API key. Every /api route resolves
// this itself; the proxy's redirect is a convenience, not the boundary.
import { and, eq, isNull } from "drizzle-orm";
import { getToken } from "next-auth/jwt";
import { getDb } from "@/db";
import { apiKeys, users } from "@/db/schema";
import type { Actor } from "@/lib/context";
import { getEnv } from "@/lib/env";
import { AppError } from "@/lib/errors";
import { actorFromSession } from "@/lib/sessions/resolve-session";
import { hashApiKey, looksLikeApiKey } from "./api-keys";
import { auth } from "./config";

export async function actorFromApiKey(key: string): Promise<Actor> {
  if (!looksLikeApiKey(key)) throw new AppError("UNAUTHENTICATED", "The API key is malformed");
  const db = getDb();
  const [row] = await db
    .select({ key: apiKeys, user: users })
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(and(eq(apiKeys.keyHash, hashApiKey(key)), isNull(apiKeys.revokedAt)))
    .limit(1);
  if (!row) throw new AppError("UNAUTHENTICATED", "The API key is invalid or revoked");
  if (row.key.expiresAt && row.key.expiresAt.getTime() <= Date.now()) {
    throw new AppError(
      "UNAUTHENTICATED",
      `The API key "${row.key.name}" expired on ${row.key.expiresAt.toISOString()}. Ask an admin for a new one (Settings → API keys).`,
    );
  }
  await db.update(apiKeys).set({ lastUsedAt: new Date() }).where(eq(apiKeys.id, row.key.id));
  return {
    userId: row.user.id,
    workspaceId: row.user.workspaceId,
    email: row.user.email,
    name: row.user.name,
    // A read-only key never acts above viewer, whatever its owner's role.
    role: row.key.readOnly ? "viewer" : row.user.role,
    via: "api_key",
    apiKeyId: row.key.id,
    readOnlyKey: row.key.readOnly,
  };
}

/** The caller of an API request, or an UNAUTHENTICATED error. */
export async function requireActor(req: Request): Promise<Actor> {
  const header = req.headers.get("authorization");
  if (header) {
    const m = /^Bearer\s+(.+)$/i.exec(header.trim());
    if (!m) throw new AppError("UNAUTHENTICATED", "Authorization header must be 'Bearer <api key>'");
    return actorFromApiKey(m[1].trim());
  }
  // Read the session cookie from the request itself, so the check does not depend on Next's request scope.
  const secureCookie = new URL(req.url).protocol === "https:";
  const token = await getToken({ req, secret: getEnv().AUTH_SECRET, secureCookie });
  const actor = token?.sub && token.sid ? await actorFromSession(token.sid, token.sub) : null;
  if (!actor) throw new AppError("UNAUTHENTICATED", "Sign in or send an API key");
  return actor;
}

/**
 * The signed-in user for pages and session-only calls. auth() has already checked the session row
 * (the jwt callback in config.ts); it is read again here with the user, so a role change applies at once.
 */
export async function getSessionActor(): Promise<Actor | null> {
  const session = await auth();
  const { id, sessionId } = session?.user ?? {};
  if (!id || !sessionId) return null;
  return actorFromSession(sessionId, id);
}

/** The 403 for an operator or viewer (or a read-only key) on an admin-only action. */
export function notAdminError(actor: Actor): AppError {
  return new AppError(
    "FORBIDDEN",
    actor.readOnlyKey
      ? "This API key is read-only; only admins, with a key that is not read-only, can do this"
      : `Only admins can do this; your role is ${actor.role}`,
  );
}

export function requireAdmin(actor: Actor) {
  if (actor.role !== "admin") throw notAdminError(actor);
}

/** Operators and admins may request actions on Okta; viewers (and read-only keys) only read. */
export function canOperate(actor: Actor): boolean {
  return actor.role === "admin" || actor.role === "operator";
}

/** The 403 for a viewer (or a read-only key) on an operator action. */
export function notOperatorError(actor: Actor): AppError {
  return new AppError(
    "FORBIDDEN",
    actor.readOnlyKey
      ? "This API key is read-only; only operators and admins, with a key that is not read-only, can do this"
      : `Only operators and admins can do this; your role is ${actor.role}`,
  );
}
