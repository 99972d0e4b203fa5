import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { publicCtx } from "@/lib/context";
import { createTenant } from "@/test/factories";
import { signIn, THROTTLE } from "./sign-in";

// Shorter delays keep the test quick; the growth and the lock are what is checked.
const saved = { ...THROTTLE };
beforeEach(() => Object.assign(THROTTLE, { MAX_DELAY_MS: 400 }));
afterEach(() => Object.assign(THROTTLE, saved));

const ip = () => `198.51.100.${Math.floor(Math.random() * 250)}-${randomUUID().slice(0, 6)}`;

async function attempt(email: string, password: string, address: string) {
  const started = performance.now();
  try {
    await signIn({ ctx: publicCtx(), input: { email, password, ip: address } });
    return { ok: true as const, ms: performance.now() - started };
  } catch (err) {
    return { ok: false as const, ms: performance.now() - started, err: err as { code: string; message: string } };
  }
}

describe("sign-in throttling", () => {
  it("slows down, then locks an account after repeated failures, from any address", async () => {
    const t = await createTenant();
    const results = [];
    for (let i = 0; i < THROTTLE.LOCK_AFTER; i++) results.push(await attempt(t.admin.email, "wrong", ip()));
    expect(results.every((r) => !r.ok && r.err.code === "UNAUTHENTICATED")).toBe(true);
    // Attempts after the free ones wait first.
    expect(results[THROTTLE.FREE_FAILURES].ms).toBeGreaterThanOrEqual(240);
    const locked = await attempt(t.admin.email, t.admin.password, ip());
    expect(locked.ok).toBe(false);
    expect(locked.ok || locked.err).toMatchObject({
      code: "TOO_MANY_REQUESTS",
      message: expect.stringMatching(/^Too many failed sign-ins\. Try again in 15 minutes\.$/),
    });
    // Another account is not affected.
    expect((await attempt(t.viewer.email, t.viewer.password, ip())).ok).toBe(true);
  });

  it("locks an address that guesses across many accounts", async () => {
    const address = ip();
    for (let i = 0; i < THROTTLE.LOCK_AFTER; i++) await attempt(`nobody-${randomUUID()}@example.com`, "guess", address);
    const t = await createTenant();
    const r = await attempt(t.admin.email, t.admin.password, address);
    expect(r.ok || r.err).toMatchObject({ code: "TOO_MANY_REQUESTS" });
    expect((await attempt(t.admin.email, t.admin.password, ip())).ok).toBe(true);
  });

  it("forgets earlier failures after a successful sign-in", async () => {
    const t = await createTenant();
    const address = ip();
    for (let i = 0; i < THROTTLE.FREE_FAILURES + 1; i++) await attempt(t.admin.email, "wrong", address);
    expect((await attempt(t.admin.email, t.admin.password, address)).ok).toBe(true);
    const next = await attempt(t.admin.email, "wrong", address);
    expect(next.ms).toBeLessThan(240);
  });
});
