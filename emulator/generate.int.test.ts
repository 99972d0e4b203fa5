// The generator at 100k users (timing printed, not asserted). It needs no database or server, but it
// takes tens of seconds, so it runs with the slow integration tier rather than in `npm run verify`.
import { describe, expect, it } from "vitest";
import { generateTenant } from "./generate";

describe("tenant generator", () => {
  it("generates a 100k-user tenant (timing printed, not asserted)", () => {
    const started = performance.now();
    const big = generateTenant({ seed: 1, users: 100_000, groups: 5000, apps: 500, logDays: 30 });
    const ms = Math.round(performance.now() - started);
    const memberships = big.groups.reduce((n, g) => n + g.members.length, 0);
    const appUsers = big.apps.reduce((n, a) => n + a.users.size, 0);
    console.log(
      `[emulator] 100k users, 5000 groups, 500 apps, ${memberships} memberships, ${appUsers} app users, ${big.logs.length} log events: generated in ${ms} ms`,
    );
    expect(big.users).toHaveLength(100_000);
  }, 120_000);
});
