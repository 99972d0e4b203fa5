import NextAuth, { CredentialsSignin, customFetch, type DefaultSession, type NextAuthConfig } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import Okta from "next-auth/providers/okta";
import { z } from "zod";
import { getDb } from "@/db";
import { publicCtx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { endSignedOutSession } from "@/lib/sessions/end-session";
import { SESSION_POLICY } from "@/lib/sessions/policy";
import { actorFromSession } from "@/lib/sessions/resolve-session";
import { startSession } from "@/lib/sessions/start-session";
import { clientIp } from "./client-ip";
import { oktaFetch } from "./okta-sign-in/okta-fetch";
import { signInWithOkta } from "./okta-sign-in/sign-in-with-okta";
import { enabledOktaConfigs, providerIdFor, workspaceOfProvider } from "./okta-sign-in/store";
import { signInInput, signIn as verifySignIn } from "./sign-in";
import { noteSignInChallenge } from "./sign-in-refusal";
import { hasConfirmedTotp } from "./totp/factor-store";
import { checkSecondFactor, completeSignInChallenge, createSignInChallenge } from "./totp/sign-in-challenge";

class InvalidCredentials extends CredentialsSignin {
  code = "credentials";
}
class TooManyAttempts extends CredentialsSignin {
  code = "locked";
}
class InvalidInput extends CredentialsSignin {
  code = "invalid_input";
}
/** The password was right; a TOTP code is needed (the form's action gets the ticket through sign-in-refusal.ts). */
class CodeRequired extends CredentialsSignin {
  code = "totp_required";
}
class WrongCode extends CredentialsSignin {
  code = "totp_wrong";
}
class ChallengeExpired extends CredentialsSignin {
  code = "totp_expired";
}

/** The form's second step: the ticket of a right password and a code from the app (or a recovery code). */
const secondStepInput = z.object({ ticket: z.string().min(20).max(100), code: z.string().min(6).max(64) });

declare module "next-auth" {
  interface User {
    sessionId?: string;
  }
  interface Session {
    user: { id?: string; sessionId?: string } & DefaultSession["user"];
  }
}
declare module "next-auth/jwt" {
  interface JWT {
    sid?: string;
  }
}

/**
 * The sign-in-with-Okta providers, one per workspace that has it on (`okta-<workspace id>`), read from
 * the database per request: each workspace sets its own Okta org in Settings → Sign-in. Authorization
 * code flow with PKCE, state and nonce; every call to Okta goes through the SSRF guard.
 */
async function oktaProviders(): Promise<NextAuthConfig["providers"]> {
  const configs = await enabledOktaConfigs(getDb());
  return configs.map((c) =>
    Okta({
      id: providerIdFor(c.workspaceId),
      name: "Okta",
      issuer: c.issuer,
      clientId: c.clientId,
      clientSecret: c.clientSecret,
      checks: ["pkce", "state", "nonce"],
      authorization: { params: { scope: "openid email profile groups" } },
      [customFetch]: oktaFetch,
    }),
  );
}

/**
 * Requests that may need the Okta providers: starting a sign-in with Okta, Okta's redirect back, the
 * providers list, and calls without a request (server actions starting a sign-in). Reading the session
 * and password sign-ins do not.
 */
function needsOktaProviders(req: Request | undefined): boolean {
  if (!req) return true;
  return /^\/api\/auth\/((signin|callback)\/okta-|providers(\/|$))/.test(new URL(req.url).pathname);
}

export const { handlers, auth, signIn, signOut } = NextAuth(async (req) => ({
  trustHost: true,
  // The cookie only names a server-side session (lib/sessions), which decides idle and absolute
  // expiry and can be ended at any time; the cookie itself lasts no longer than the absolute limit.
  session: { strategy: "jwt", maxAge: SESSION_POLICY.ABSOLUTE_MS / 1000 },
  // Auth.js errors (expired form, bad request) land on our sign-in page with a readable message.
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      // `code` with email and password (scripts), or `ticket` and `code` (the form's second step).
      credentials: { email: {}, password: {}, code: {}, ticket: {} },
      async authorize(credentials, request) {
        const ip = clientIp(request.headers);
        const second = secondStepInput.safeParse(credentials);
        const parsed = signInInput.safeParse(credentials);
        if (!second.success && !parsed.success) throw new InvalidInput();
        try {
          let user: Awaited<ReturnType<typeof verifySignIn>>;
          if (second.success) {
            user = await completeSignInChallenge({ ctx: publicCtx(), input: { ...second.data, ip } });
          } else {
            user = await verifySignIn({ ctx: publicCtx(), input: { ...parsed.data!, ip } });
            // An enrolled person's password opens nothing by itself: the code comes with it, or next.
            if (await hasConfirmedTotp(getDb(), user.id)) {
              const code = typeof credentials.code === "string" ? credentials.code : "";
              if (!code) {
                noteSignInChallenge(await createSignInChallenge(getDb(), user.id));
                throw new CodeRequired();
              }
              await checkSecondFactor(getDb(), { userId: user.id, code, ip });
            }
          }
          const sessionId = await startSession({
            ctx: publicCtx(),
            input: {
              userId: user.id,
              workspaceId: user.workspaceId,
              clientAddress: clientIp(request.headers),
              userAgent: request.headers.get("user-agent") ?? "",
            },
          });
          return { id: user.id, email: user.email, name: user.name || user.email, sessionId };
        } catch (err) {
          if (err instanceof AppError && err.code === "TOO_MANY_REQUESTS") {
            const e = new TooManyAttempts();
            e.message = err.message;
            throw e;
          }
          const reason = err instanceof AppError ? (err.details as { reason?: string } | undefined)?.reason : undefined;
          if (reason === "challenge_expired") throw new ChallengeExpired();
          if (reason === "wrong_code") throw new WrongCode();
          if (err instanceof AppError) throw new InvalidCredentials();
          throw err;
        }
      },
    }),
    ...(needsOktaProviders(req) ? await oktaProviders() : []),
  ],
  callbacks: {
    /** Okta's answer checked by Auth.js; the console decides who gets in (role from groups, JIT account). */
    async signIn({ user, account }) {
      const workspaceId = account ? workspaceOfProvider(account.provider) : null;
      if (account?.type !== "oidc") return true;
      if (!workspaceId) return false;
      const outcome = await signInWithOkta({
        ctx: publicCtx(),
        input: {
          workspaceId,
          idToken: account.id_token,
          clientAddress: req ? clientIp(req.headers) : "",
          userAgent: req?.headers.get("user-agent") ?? "",
        },
      });
      if (!outcome.ok) return `/login?error=OktaSignIn&code=${outcome.reason}`;
      // The jwt callback reads these: the cookie names the console's user and session, not Okta's.
      user.id = outcome.userId;
      user.email = outcome.email;
      user.name = outcome.name || outcome.email;
      user.sessionId = outcome.sessionId;
      return true;
    },
    async jwt({ token, user }) {
      if (user?.id) {
        token.sub = user.id;
        token.sid = user.sessionId;
        return token;
      }
      // Every later read of the cookie: the session must still be live, else Auth.js clears the
      // cookie (a replayed cookie after sign-out gets nothing, least of all a fresh one).
      if (!token.sub || !token.sid) return null;
      return (await actorFromSession(token.sid, token.sub)) ? token : null;
    },
    session({ session, token }) {
      if (token.sub && token.sid && session.user) {
        session.user.id = token.sub;
        session.user.sessionId = token.sid;
      }
      return session;
    },
  },
  events: {
    async signOut(message) {
      const token = "token" in message ? message.token : null;
      if (token?.sid && token.sub) await endSignedOutSession(getDb(), token.sid, token.sub);
    },
  },
  logger: {
    // Failed sign-ins are expected; keep them out of the error log (and never log credentials).
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      // Through the one log, so a cause (a failed query) is described without its values.
      log.error("auth error", { error });
    },
  },
}));
