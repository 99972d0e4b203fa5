import path from "node:path";
import { defineConfig } from "vitest/config";

// Two projects: `unit` (pure: no database, no emulator, runs in seconds) and `int` (files named
// `*.int.test.ts`: a real Postgres from DATABASE_URL and/or the Okta emulator over real HTTP).
const shared = {
  environment: "node",
  // next-auth imports "next/server" without an extension; let vite resolve it.
  server: { deps: { inline: ["next-auth", "@auth/core"] } },
  testTimeout: 60_000,
  hookTimeout: 60_000,
  setupFiles: ["./test/setup.ts"],
};
const exclude = ["node_modules/**", ".next/**", "e2e/**", ".data/**"];

export default defineConfig({
  resolve: { alias: { "@": path.resolve(import.meta.dirname) } },
  test: {
    // Two cores: keep parallelism modest so DB-heavy files do not starve each other.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        test: { ...shared, name: "unit", include: ["**/*.test.ts"], exclude: [...exclude, "**/*.int.test.ts"] },
      },
      { extends: true, test: { ...shared, name: "int", include: ["**/*.int.test.ts"], exclude } },
    ],
  },
});
