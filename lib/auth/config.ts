import NextAuth, { CredentialsSignin, type DefaultSession } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { getDb } from "@/db";
import { publicCtx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { log } from "@/lib/log";
import { endSignedOutSession } from "@/lib/sessions/end-session";
import { SESSION_POLICY } from "@/lib/sessions/policy";
import { actorFromSession } from "@/lib/sessions/resolve-session";
import { startSession } from "@/lib/sessions/start-session";
import { clientIp } from "./client-ip";
import { signInInput, signIn as verifySignIn } from "./sign-in";

class InvalidCredentials extends CredentialsSignin {
  code = "credentials";
}
class TooManyAttempts extends CredentialsSignin {
  code = "locked";
}
class InvalidInput extends CredentialsSignin {
  code = "invalid_input";
}

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

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  // The cookie only names a server-side session (lib/sessions), which decides idle and absolute
  // expiry and can be ended at any time; the cookie itself lasts no longer than the absolute limit.
  session: { strategy: "jwt", maxAge: SESSION_POLICY.ABSOLUTE_MS / 1000 },
  // Auth.js errors (expired form, bad request) land on our sign-in page with a readable message.
  pages: { signIn: "/login", error: "/login" },
  providers: [
    Credentials({
      credentials: { email: {}, password: {} },
      async authorize(credentials, request) {
        const parsed = signInInput.safeParse(credentials);
        if (!parsed.success) throw new InvalidInput();
        try {
          const user = await verifySignIn({ ctx: publicCtx(), input: { ...parsed.data, ip: clientIp(request.headers) } });
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
          if (err instanceof AppError) throw new InvalidCredentials();
          throw err;
        }
      },
    }),
  ],
  callbacks: {
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
});
