import { describe, expect, it } from "vitest";
import { newNonce, pageCsp } from "./csp";

describe("page CSP", () => {
  it("lets scripts run only with the nonce, never eval in production, and refuses framing and plugins", () => {
    const csp = pageCsp("abc123==", false);
    expect(csp).toContain("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp).not.toContain("unsafe-eval");
    expect(csp).not.toMatch(/script-src[^;]*'unsafe-inline'/);
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("base-uri 'self'");
    expect(csp).toContain("form-action 'self'");
  });

  it("adds 'unsafe-eval' in dev only, where React uses eval to rebuild server stacks", () => {
    expect(pageCsp("n", true)).toMatch(/script-src [^;]*'unsafe-eval'/);
  });

  it("makes a fresh 128-bit nonce each time", () => {
    const a = newNonce();
    expect(Buffer.from(a, "base64")).toHaveLength(16);
    expect(newNonce()).not.toBe(a);
  });
});
