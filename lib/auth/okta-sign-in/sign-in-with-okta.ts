// The console's half of sign-in with Okta, after Auth.js has exchanged the code (PKCE, state and nonce
// checked, the ID token's issuer, audience and times validated): the ID token's signature is checked
// again against the keys the org publishes, the person's Okta groups decide their console role, and
// their console account is found (by Okta user id, then by email in the same workspace) or created
// just in time. A server-side session is opened as for a password sign-in, so it ends the same ways.
import { and, eq, sql } from "drizzle-orm";
import * as jose from "jose";
import { z } from "zod";
import type { Role } from "@/db/enums";
import { users } from "@/db/schema";
import type { PublicCtx } from "@/lib/context";
import { log } from "@/lib/log";
import { endSessionsOf } from "@/lib/sessions/end-user-sessions";
import { startSession } from "@/lib/sessions/start-session";
import { NO_PASSWORD } from "../passwords";
import { oktaFetch } from "./okta-fetch";
import { findOktaConfig } from "./store";

/** Why a sign-in was refused; the sign-in page says each in plain words (app/(auth)/login). */
export const OKTA_REFUSALS = ["okta_unavailable", "okta_token", "okta_no_email", "okta_not_in_group", "okta_other_account"] as const;
export type OktaRefusal = (typeof OKTA_REFUSALS)[number];

export type OktaSignInOutcome =
  | { ok: true; userId: string; email: string; name: string; role: Role; sessionId: string; created: boolean }
  | { ok: false; reason: OktaRefusal };

const claimsSchema = z.object({
  sub: z.string().min(1).max(255),
  email: z.email().max(320).optional(),
  name: z.string().max(255).optional(),
  // Okta sends the claim only with the groups scope and a groups claim filter on the app.
  groups: z.array(z.string().max(255)).max(1000).optional(),
});

/** The highest role any of the person's groups maps to (admin, then operator, then viewer), else no access. */
export function roleFromGroups(
  groups: string[],
  mapping: { adminGroups: string[]; operatorGroups: string[]; viewerGroups: string[] },
): Role | null {
  if (groups.some((g) => mapping.adminGroups.includes(g))) return "admin";
  if (groups.some((g) => mapping.operatorGroups.includes(g))) return "operator";
  if (groups.some((g) => mapping.viewerGroups.includes(g))) return "viewer";
  return null;
}

async function verifyIdToken(idToken: string, issuer: string, clientId: string): Promise<jose.JWTPayload | null> {
  try {
    const discovery = await oktaFetch(`${issuer}/.well-known/openid-configuration`);
    const { jwks_uri } = z.object({ jwks_uri: z.url() }).parse(await discovery.json());
    if (new URL(jwks_uri).origin !== new URL(issuer).origin) return null;
    const keys = await oktaFetch(jwks_uri);
    const jwks = jose.createLocalJWKSet((await keys.json()) as jose.JSONWebKeySet);
    const { payload } = await jose.jwtVerify(idToken, jwks, { issuer, audience: clientId, algorithms: ["RS256"] });
    return payload;
  } catch (error) {
    log.warn("sign-in with Okta: the ID token did not verify", { issuer, error });
    return null;
  }
}

export async function signInWithOkta({
  ctx,
  input,
}: {
  ctx: PublicCtx;
  input: { workspaceId: string; idToken: string | undefined; clientAddress: string; userAgent: string };
}): Promise<OktaSignInOutcome> {
  const config = await findOktaConfig(ctx.db, input.workspaceId);
  if (!config?.enabled) return { ok: false, reason: "okta_unavailable" };
  const payload = input.idToken ? await verifyIdToken(input.idToken, config.issuer, config.clientId) : null;
  const parsed = payload && claimsSchema.safeParse(payload);
  if (!parsed?.success) return { ok: false, reason: "okta_token" };
  const claims = parsed.data;
  if (!claims.email) return { ok: false, reason: "okta_no_email" };
  const role = roleFromGroups(claims.groups ?? [], config);
  if (!role) return { ok: false, reason: "okta_not_in_group" };
  const email = claims.email.toLowerCase();
  const name = (claims.name ?? "").slice(0, 120);

  const account = await ctx.db.transaction(async (tx) => {
    // Locks the workspace's admins, so a demotion here and one in Settings cannot both leave none.
    const admins = await tx
      .select({ id: users.id })
      .from(users)
      .where(and(eq(users.workspaceId, input.workspaceId), eq(users.role, "admin")))
      .for("update");
    const [bySubject] = await tx
      .select()
      .from(users)
      .where(and(eq(users.workspaceId, input.workspaceId), eq(users.oktaSubject, claims.sub)))
      .limit(1);
    const [byEmail] = bySubject
      ? []
      : await tx
          .select()
          .from(users)
          .where(eq(sql`lower(${users.email})`, email))
          .limit(1);
    const existing = bySubject ?? byEmail;
    if (existing && existing.workspaceId !== input.workspaceId) return null;
    // The email belongs to a console account already linked to another Okta user.
    if (existing?.oktaSubject && existing.oktaSubject !== claims.sub) return null;
    if (!existing) {
      const [created] = await tx
        .insert(users)
        .values({
          workspaceId: input.workspaceId,
          email,
          name,
          role,
          passwordHash: NO_PASSWORD,
          oktaSubject: claims.sub,
          lastSignInAt: sql`now()`,
        })
        .returning();
      return { user: created, created: true };
    }
    // Okta's groups decide the role at each sign-in, except that the last admin is never demoted.
    const keepAdmin = existing.role === "admin" && role !== "admin" && admins.length <= 1;
    if (keepAdmin) log.warn("sign-in with Okta: kept the last admin of the workspace an admin", { userId: existing.id });
    const newRole = keepAdmin ? "admin" : role;
    const emailTaken =
      email !== existing.email.toLowerCase() &&
      (
        await tx
          .select({ id: users.id })
          .from(users)
          .where(eq(sql`lower(${users.email})`, email))
          .limit(1)
      ).length > 0;
    const [updated] = await tx
      .update(users)
      .set({
        role: newRole,
        oktaSubject: claims.sub,
        lastSignInAt: sql`now()`,
        ...(name ? { name } : {}),
        ...(emailTaken ? {} : { email }),
      })
      .where(eq(users.id, existing.id))
      .returning();
    // Whoever is no longer an admin is signed out everywhere else, as when an admin demotes them.
    if (existing.role === "admin" && newRole !== "admin")
      await endSessionsOf({ actor: null, workspaceId: input.workspaceId, db: tx }, existing.id);
    return { user: updated, created: false };
  });
  if (!account) return { ok: false, reason: "okta_other_account" };

  const sessionId = await startSession({
    ctx,
    input: {
      userId: account.user.id,
      workspaceId: input.workspaceId,
      clientAddress: input.clientAddress,
      userAgent: input.userAgent,
      method: "okta",
    },
  });
  const { user } = account;
  return { ok: true, userId: user.id, email: user.email, name: user.name, role: user.role, sessionId, created: account.created };
}
