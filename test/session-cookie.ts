// A session cookie as Auth.js issues it after sign-in, so a test can call a route the way a browser
// does (cookie, no API key) without going through the sign-in endpoints.
import { encode } from "next-auth/jwt";

/** The cookie name Auth.js uses over plain http (tests call routes on http://localhost). */
export const SESSION_COOKIE = "authjs.session-token";

/** A `Cookie` header value holding a signed-in session for the user. */
export async function sessionCookie(userId: string): Promise<string> {
  const token = await encode({ token: { sub: userId }, secret: process.env.AUTH_SECRET!, salt: SESSION_COOKIE });
  return `${SESSION_COOKIE}=${token}`;
}
