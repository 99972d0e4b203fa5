// Okta-style rate limits with a compressed window: per-client share of each bucket, org-wide
// ceiling, concurrency, headers on every response, 429 E0000047, and switching limits off.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { bucketFor } from "./ratelimit";
import { call, control, startSmall } from "./testkit";

let em: Awaited<ReturnType<typeof startSmall>>;
beforeAll(async () => {
  em = await startSmall({ rateWindowMs: 60_000 });
  await call(`${em.url}/api/v1/users/00u${"x".repeat(17)}`, { headers: em.ssws }); // compile the spec checker outside the windows under test
});
afterAll(() => em.close());

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe("buckets", () => {
  it.each([
    ["GET", "/api/v1/users", "/api/v1/users", 600],
    ["GET", "/api/v1/users/00u1", "GET /api/v1/users/{idOrLogin}", 2000],
    ["POST", "/api/v1/users/00u1/lifecycle/suspend", "/api/v1/users/{id} (write)", 600],
    ["GET", "/api/v1/groups", "/api/v1/groups", 500],
    ["GET", "/api/v1/groups/00g1/users", "/api/v1/groups/{id}", 1000],
    ["GET", "/api/v1/apps", "/api/v1/apps", 100],
    ["GET", "/api/v1/apps/0oa1/users", "/api/v1/apps", 100],
    ["GET", "/api/v1/apps/0oa1", "/api/v1/apps/{id}", 500],
    ["GET", "/api/v1/logs", "/api/v1/logs", 120],
    ["GET", "/api/v1/idps", "/api/v1 (other)", 1200],
    ["POST", "/oauth2/v1/token", "POST /oauth2/v1/token", 600],
  ])("%s %s → %s (%i/min)", (method, path, key, limit) => {
    expect(bucketFor(method, path)).toEqual({ key, limit });
  });
});

// Each test sets the limits it needs, and every test starts from these (startSmall's), whatever the one
// before it did or failed to undo. Bucket overrides cannot be removed: each test sets those it relies on.
const DEFAULTS = { rateLimits: true, rateWindowMs: 60_000, concurrencyLimit: 75 };
afterEach(async () => {
  await control(em.url, "/faults", "DELETE");
  await control(em.url, "/config", "PATCH", DEFAULTS);
});

describe("enforcement", () => {
  it("caps each client at 50% of the bucket, sends headers, answers 429 E0000047", async () => {
    await control(em.url, "/config", "PATCH", { bucketLimits: { "/api/v1/logs": 6 } });
    const h = em.ssws;
    const statsBefore = await control(em.url, "/stats");
    const limitedBefore = statsBefore.rateLimits.byBucket["/api/v1/logs"]?.limited ?? 0;
    const rs = [];
    for (let i = 0; i < 4; i++) rs.push(await call(`${em.url}/api/v1/logs?limit=1`, { headers: h }));
    expect(rs.map((r) => [r.status, r.headers.get("x-rate-limit-limit"), r.headers.get("x-rate-limit-remaining")])).toEqual([
      [200, "3", "2"],
      [200, "3", "1"],
      [200, "3", "0"],
      [429, "3", "0"],
    ]);
    const limited = rs[3];
    expect(limited.body).toMatchObject({ errorCode: "E0000047", errorSummary: "API call exceeded rate limit due to too many requests." });
    const reset = Number(limited.headers.get("x-rate-limit-reset"));
    expect(reset).toBeGreaterThan(Math.floor(Date.now() / 1000));
    expect(reset).toBeLessThanOrEqual(Math.ceil(Date.now() / 1000) + 60);
    // Another client still has its own half of the bucket.
    const other = { authorization: `SSWS ${em.token("readonly-token")}` };
    expect((await call(`${em.url}/api/v1/logs?limit=1`, { headers: other })).status).toBe(200);
    // Other buckets are untouched.
    expect((await call(`${em.url}/api/v1/users?limit=1`, { headers: h })).status).toBe(200);
    const stats = await control(em.url, "/stats");
    expect(stats.rateLimits.byBucket["/api/v1/logs"].limited - limitedBefore).toBe(1);
    // The one refusal is in the System Log, as Okta records a rate-limit violation.
    const log = await call(`${em.url}/api/v1/logs?filter=${encodeURIComponent('eventType eq "system.rate_limit.violation"')}`, {
      headers: other,
    });
    expect(log.body).toHaveLength(1);
  });

  it("a compressed window resets quickly", async () => {
    await control(em.url, "/config", "PATCH", { rateWindowMs: 1000, bucketLimits: { "/api/v1/apps/{id}": 2 } });
    const app = (await control(em.url, "/truth/apps"))[0].id;
    const once = () => call(`${em.url}/api/v1/apps/${app}`, { headers: em.ssws });
    expect((await once()).status).toBe(200);
    expect((await once()).status).toBe(429);
    await sleep(1100);
    expect((await once()).status).toBe(200);
  });

  it("the org-wide ceiling binds when clients together exceed it", async () => {
    await control(em.url, "/config", "PATCH", { bucketLimits: { "/api/v1 (other)": 4 } });
    const created = await Promise.all(
      [1, 2, 3].map((i) => control(em.url, "/tokens", "POST", { name: `t${i}`, roles: ["READ_ONLY_ADMIN"] })),
    );
    const statuses: number[] = [];
    for (const t of created)
      for (let i = 0; i < 2; i++)
        statuses.push((await call(`${em.url}/api/v1/idps`, { headers: { authorization: `SSWS ${t.token}` } })).status);
    expect(statuses.filter((s) => s === 200)).toHaveLength(4);
    expect(statuses.filter((s) => s === 429)).toHaveLength(2);
  });

  it("concurrency beyond the org limit gets 429 with Limit and Remaining 0", async () => {
    await control(em.url, "/config", "PATCH", { concurrencyLimit: 2 });
    await control(em.url, "/faults", "POST", { latencyMs: 300 });
    const rs = await Promise.all(
      Array.from({ length: 5 }, () => call(`${em.url}/api/v1/users/00u${"x".repeat(17)}`, { headers: em.ssws })),
    );
    const limited = rs.filter((r) => r.status === 429);
    expect(limited.length).toBeGreaterThanOrEqual(1);
    expect(limited.map((r) => [r.headers.get("x-rate-limit-limit"), r.headers.get("x-rate-limit-remaining"), r.body.errorCode])).toEqual(
      limited.map(() => ["0", "0", "E0000047"]),
    );
    // Never more than the limit at once: the others got their answer (here a 404 for the unknown user).
    expect(rs.length - limited.length).toBeLessThanOrEqual(2);
  });

  it("429 bursts on demand, and per-app share is configurable", async () => {
    await control(em.url, "/faults", "POST", { rateLimitBurst: 2, path: "/api/v1/groups" });
    expect((await call(`${em.url}/api/v1/groups?limit=1`, { headers: em.ssws })).status).toBe(429);
    expect((await call(`${em.url}/api/v1/groups?limit=1`, { headers: em.ssws })).status).toBe(429);
    expect((await call(`${em.url}/api/v1/groups?limit=1`, { headers: em.ssws })).status).toBe(200);
    const app = await control(em.url, `/apps/${em.app("oin-secret").clientId}`, "PATCH", { rateLimitPercent: 100 });
    expect(app.rateLimitPercent).toBe(100);
  });

  it("with limits off nothing is refused but headers are still sent", async () => {
    await control(em.url, "/config", "PATCH", { rateLimits: false, bucketLimits: { "/api/v1/logs": 2 } });
    for (let i = 0; i < 5; i++) {
      const r = await call(`${em.url}/api/v1/logs?limit=1`, { headers: em.ssws });
      expect(r.status).toBe(200);
      expect(r.headers.get("x-rate-limit-limit")).toBe("1");
      expect(r.headers.get("x-rate-limit-reset")).toMatch(/^\d+$/);
    }
  });
});
