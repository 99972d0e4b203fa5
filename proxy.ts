// Runs before every console page: gives the response its Content-Security-Policy with a fresh nonce,
// and redirects signed-out visitors to /login. The redirect is a convenience only: every page and
// every /api route checks the session (or API key) itself. Headers that do not change per request
// (frame, sniffing, referrer, permissions, HSTS) and the API's CSP are in next.config.ts.
import { type NextFetchEvent, type NextRequest, NextResponse } from "next/server";
import { auth } from "@/lib/auth/config";
import { newNonce, pageCsp } from "@/lib/server/csp";

/** Lets the request through with a CSP: on the request, where Next finds the nonce, and on the response. */
function withCsp(req: NextRequest): NextResponse {
  const csp = pageCsp(newNonce());
  const headers = new Headers(req.headers);
  headers.set("content-security-policy", csp);
  const res = NextResponse.next({ request: { headers } });
  res.headers.set("content-security-policy", csp);
  return res;
}

const withAuth = auth((req) => {
  if (req.auth || req.nextUrl.pathname.startsWith("/login")) return withCsp(req);
  const url = new URL("/login", req.nextUrl.origin);
  url.searchParams.set("callbackUrl", req.nextUrl.pathname + req.nextUrl.search);
  return NextResponse.redirect(url);
});

// Auth.js's config is built per request (lib/auth/config.ts), and then its auth(handler) gives a
// promise of the handler rather than the handler itself.
export async function proxy(req: NextRequest, ev: NextFetchEvent) {
  const handler = (await withAuth) as unknown as (req: NextRequest, ev: NextFetchEvent) => Promise<Response>;
  return handler(req, ev);
}

export const config = {
  matcher: ["/((?!api|_next|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)"],
};
