// What every business verb is called with: `verb({ ctx, input })`. The ctx says who acts, in which
// workspace, and on which database handle (a caller's transaction passes its `tx` here).
import { type DbOrTx, getDb } from "@/db";
import type { Role } from "@/db/enums";

/** Who is calling: a signed-in console user (session cookie) or an API key (lib/auth/actor.ts resolves it). */
export interface Actor {
  userId: string;
  workspaceId: string;
  email: string;
  name: string;
  role: Role;
  via: "session" | "api_key";
  apiKeyId?: string;
  /** The API key is read-only: it acts as a viewer whatever its owner's role. */
  readOnlyKey?: boolean;
  /** The console session a cookie-borne request belongs to (lib/sessions). */
  sessionId?: string;
  /** The password was generated and printed: the person must choose their own before anything else. */
  mustChangePassword?: boolean;
  /** The workspace requires TOTP for password sign-ins and this person has none yet: they set one up first. */
  mustEnrolTotp?: boolean;
}

/** A signed-in user or API key acting in its workspace. */
export interface Ctx {
  actor: Actor;
  workspaceId: string;
  db: DbOrTx;
}

/** A job, the scheduler or a CLI acting in one workspace with no user behind it. */
export interface SystemCtx {
  actor: null;
  workspaceId: string;
  db: DbOrTx;
}

/** For verbs that both users and the system call; `ctx.actor` is null when no user acts. */
export type WorkspaceCtx = Ctx | SystemCtx;

/** An unauthenticated caller (public routes): no actor and no workspace until the verb proves one. */
export interface PublicCtx {
  actor: null;
  db: DbOrTx;
}

export function userCtx(actor: Actor, db: DbOrTx = getDb()): Ctx {
  return { actor, workspaceId: actor.workspaceId, db };
}

export function systemCtx(workspaceId: string, db: DbOrTx = getDb()): SystemCtx {
  return { actor: null, workspaceId, db };
}

/** The handle is opened on first use, so a public route that never touches the database (health) works without one. */
export function publicCtx(db?: DbOrTx): PublicCtx {
  return {
    actor: null,
    get db() {
      return db ?? getDb();
    },
  };
}

/** The same caller on another handle, e.g. inside a transaction: `withDb(ctx, tx)`. */
export function withDb<C extends { db: DbOrTx }>(ctx: C, db: DbOrTx): C {
  return { ...ctx, db };
}
