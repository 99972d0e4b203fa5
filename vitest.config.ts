import path from "node:path";
import { defineConfig } from "vitest/config";

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    include: ["**/*.test.ts"],
    exclude: ["node_modules/**", ".next/**", "e2e/**", ".data/**"],
    environment: "node",
    // next-auth imports "next/server" without an extension; let vite resolve it.
    server: { deps: { inline: ["next-auth", "@auth/core"] } },
    testTimeout: 60_000,
    hookTimeout: 60_000,
    // Two cores: keep parallelism modest so DB-heavy files do not starve each other.
    maxWorkers: 2,
    setupFiles: ["./test/setup.ts"],
  },
});
