import NextAuth, { CredentialsSignin } from "next-auth";
import Credentials from "next-auth/providers/credentials";
import { publicCtx } from "@/lib/context";
import { AppError } from "@/lib/errors";
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

export const { handlers, auth, signIn, signOut } = NextAuth({
  trustHost: true,
  session: { strategy: "jwt", maxAge: 12 * 60 * 60 },
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
          return { id: user.id, email: user.email, name: user.name || user.email };
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
    jwt({ token, user }) {
      if (user?.id) token.sub = user.id;
      return token;
    },
    session({ session, token }) {
      if (token.sub && session.user) session.user.id = token.sub;
      return session;
    },
  },
  logger: {
    // Failed sign-ins are expected; keep them out of the error log (and never log credentials).
    error(error) {
      if (error.name === "CredentialsSignin" || (error as { type?: string }).type === "CredentialsSignin") return;
      console.error(`[auth] ${error.name}: ${error.message}`);
    },
  },
});
