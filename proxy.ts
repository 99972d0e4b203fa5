// Redirects signed-out visitors of console pages to /login. A convenience only: every page and every
// /api route checks the session (or API key) itself.
import { NextResponse } from "next/server";
import { auth } from "@/lib/auth/config";

export const proxy = auth((req) => {
  if (!req.auth) {
    const url = new URL("/login", req.nextUrl.origin);
    url.searchParams.set("callbackUrl", req.nextUrl.pathname + req.nextUrl.search);
    return NextResponse.redirect(url);
  }
});

export const config = {
  matcher: ["/((?!api|login|_next|favicon.ico|.*\\.(?:png|svg|ico|css|js)$).*)"],
};
