import { describe, expect, it } from "vitest";
import { type AttemptOutcome, retryDecision } from "./retry";

const half = () => 0.5;

describe("retryDecision", () => {
  it.each<[string, AttemptOutcome, number, boolean, boolean]>([
    // name, outcome, attempt, idempotent, retry?
    ["500 on GET", { type: "status", status: 500 }, 1, true, true],
    ["502 on GET", { type: "status", status: 502 }, 2, true, true],
    ["503 on GET", { type: "status", status: 503 }, 1, true, true],
    ["504 on GET", { type: "status", status: 504 }, 1, true, true],
    ["501 is not transient", { type: "status", status: 501 }, 1, true, false],
    ["400 never", { type: "status", status: 400 }, 1, true, false],
    ["401 never", { type: "status", status: 401 }, 1, true, false],
    ["403 never", { type: "status", status: 403 }, 1, true, false],
    ["404 never", { type: "status", status: 404 }, 1, true, false],
    ["429 is the governor's job", { type: "status", status: 429 }, 1, true, false],
    ["500 on a POST that is not safe to repeat", { type: "status", status: 500 }, 1, false, false],
    ["503 on a POST (not processed)", { type: "status", status: 503 }, 1, false, true],
    ["timeout", { type: "network", reason: "timeout" }, 1, true, true],
    ["reset", { type: "network", reason: "reset" }, 3, true, true],
    ["refused", { type: "network", reason: "refused" }, 1, true, true],
    ["refused on POST (never reached Okta)", { type: "network", reason: "refused" }, 1, false, true],
    ["timeout on POST", { type: "network", reason: "timeout" }, 1, false, false],
    ["dns", { type: "network", reason: "dns" }, 1, true, false],
    ["tls", { type: "network", reason: "tls" }, 1, true, false],
    ["blocked by the SSRF guard", { type: "network", reason: "blocked" }, 1, true, false],
    ["cross-host redirect", { type: "network", reason: "redirect" }, 1, true, false],
    ["last allowed attempt", { type: "status", status: 500 }, 4, true, true],
    ["out of attempts", { type: "status", status: 500 }, 5, true, false],
  ])("%s", (_, outcome, attempt, idempotent, retry) => {
    expect(retryDecision({ outcome, attempt, maxRetries: 4, idempotent, random: half }).retry).toBe(retry);
  });

  it("backs off exponentially with jitter, capped", () => {
    const d = (attempt: number, r: number) =>
      retryDecision({ outcome: { type: "status", status: 503 }, attempt, maxRetries: 20, idempotent: true, random: () => r }).delayMs;
    expect(d(1, 0)).toBe(250);
    expect(d(1, 1)).toBe(500);
    expect(d(2, 0)).toBe(500);
    expect(d(3, 1)).toBe(2000);
    expect(d(12, 1)).toBe(30_000);
    expect(d(12, 0)).toBe(15_000);
  });
});
