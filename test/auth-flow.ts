// Drives Auth.js's own handlers (what Next mounts at /api/auth/*) the way a browser does: a cookie jar
// that keeps what responses set and sends it back. For tests of sign-in with a password, a TOTP code
// or Okta.
import { NextRequest } from "next/server";
import { handlers } from "@/lib/auth/config";
import { SESSION_COOKIE } from "./session-cookie";

export const BASE = "http://localhost";

export class Jar {
  cookies = new Map<string, string>();
  take(res: Response) {
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attrs] = line.split(";");
      const i = pair.indexOf("=");
      const name = pair.slice(0, i).trim();
      const value = pair.slice(i + 1).trim();
      const expired = attrs.some((a) => /max-age=0/i.test(a) || /expires=thu, 01 jan 1970/i.test(a));
      if (expired || value === "") this.cookies.delete(name);
      else this.cookies.set(name, value);
    }
  }
  header() {
    return [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  get session() {
    return this.cookies.get(SESSION_COOKIE);
  }
  /** The `Cookie` header value of the session alone, for calling API routes. */
  get sessionCookie() {
    return `${SESSION_COOKIE}=${this.session}`;
  }
}

/** One request to Auth.js's handlers; `path` may carry a query. */
export async function authRequest(
  jar: Jar,
  method: "GET" | "POST",
  path: string,
  form?: Record<string, string>,
  userAgent = "vitest-browser",
) {
  const headers = new Headers({ cookie: jar.header(), "user-agent": userAgent });
  if (form) headers.set("content-type", "application/x-www-form-urlencoded");
  const req = new NextRequest(new URL(path, BASE), { method, headers, body: form ? new URLSearchParams(form).toString() : undefined });
  const res = await (method === "GET" ? handlers.GET(req) : handlers.POST(req));
  jar.take(res);
  return res;
}

export async function csrfToken(jar: Jar): Promise<string> {
  return (await (await authRequest(jar, "GET", "/api/auth/csrf")).json()).csrfToken;
}
