import os from "node:os";
import path from "node:path";
import { defineConfig } from "@playwright/test";

// Overridable so two checkouts (or helpers) can run e2e side by side.
const PORT = Number(process.env.E2E_PORT ?? 3100);
const EMULATOR_PORT = Number(process.env.E2E_EMULATOR_PORT ?? 8788);
export const BASE_URL = `http://localhost:${PORT}`;
export const EMULATOR_URL = `http://127.0.0.1:${EMULATOR_PORT}`;
// The shared emulator above is never changed by a spec. A spec that changes its org (faults, mutations,
// resets, event hooks, app settings) runs an emulator of its own on one of these ports (e2e/helpers.ts
// ownEmulator), so no spec sees what another one did.
export const OWN_EMULATOR_PORTS = [1, 2, 3, 4, 5].map((i) => EMULATOR_PORT + i);
/** How the e2e emulators generate their org (the same for the shared one and every spec's own). */
export const E2E_ORG = { seed: 7, users: 300, groups: 40, apps: 15, logDays: 10, rateWindowMs: 2000 };
// The console's stdout+stderr, so tests can check that no secret is ever logged.
// (outside test-results/, which Playwright empties at start)
export const SERVER_LOG = path.resolve(process.env.E2E_SERVER_LOG ?? path.join(os.tmpdir(), `osc-e2e-next-${PORT}.log`));

export default defineConfig({
  testDir: "./e2e",
  timeout: 60_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  retries: 0,
  reporter: [["list"]],
  outputDir: "test-results",
  use: {
    baseURL: BASE_URL,
    browserName: "chromium",
    headless: true,
    screenshot: "only-on-failure",
    launchOptions: {
      executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
      ],
    },
  },
  webServer: [
    {
      command: `node_modules/.bin/tsx emulator/cli.ts --port ${EMULATOR_PORT} --seed ${E2E_ORG.seed} --users ${E2E_ORG.users} --groups ${E2E_ORG.groups} --apps ${E2E_ORG.apps} --log-days ${E2E_ORG.logDays} --rate-window-ms ${E2E_ORG.rateWindowMs}`,
      url: `${EMULATOR_URL}/__emulator`,
      reuseExistingServer: false,
      timeout: 60_000,
      stdout: "ignore",
    },
    {
      command: `exec node_modules/.bin/next start -p ${PORT} >"${SERVER_LOG}" 2>&1`,
      url: `${BASE_URL}/api/health`,
      reuseExistingServer: false,
      timeout: 120_000,
      env: {
        ...(process.env as Record<string, string>),
        PORT: String(PORT),
        OKTA_ALLOWED_INSECURE_HOSTS: [EMULATOR_PORT, ...OWN_EMULATOR_PORTS].map((p) => `127.0.0.1:${p},localhost:${p}`).join(","),
        DEMO_OKTA_URL: EMULATOR_URL,
      },
    },
  ],
});
