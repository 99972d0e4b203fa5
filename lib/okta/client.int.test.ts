// The client against the real emulator: every auth method, DPoP, token reuse and refresh, pagination,
// the governor under real rate limits, retries on injected faults, and Okta's errors classified.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestEmulator, type TestEmulator } from "@/test/okta-emulator";
import { type CachedToken, createOktaClient, type OktaClientOptions } from "./client";
import { OktaApiError } from "./errors";

let emu: TestEmulator;
// Every user of the org, DEPROVISIONED included (what `search=status pr` returns).
const USERS = 130;
beforeAll(async () => {
  emu = await startTestEmulator({ users: USERS });
});
afterAll(() => emu?.close());

const ALL = ["okta.users.read", "okta.groups.read", "okta.apps.read", "okta.logs.read", "okta.roles.read", "okta.idps.read"];
const keyCreds = (name = "readonly-key") => {
  const a = emu.app(name);
  return { method: "private_key_jwt" as const, clientId: a.clientId, privateKey: a.privateKeyPem!, keyId: a.kid, scopes: ALL };
};

function recording(opts: Omit<OktaClientOptions, "domain">) {
  const seen: string[] = [];
  const events = {
    onRequest: (e: unknown) => seen.push(JSON.stringify(e)),
    onRateLimitWait: (e: unknown) => seen.push(JSON.stringify(e)),
    onRetry: (e: unknown) => seen.push(JSON.stringify(e)),
    onTokenRefresh: (e: unknown) => seen.push(JSON.stringify(e)),
  };
  const client = createOktaClient({ domain: emu.url, ...opts, events: { ...events, ...opts.events } });
  return { client, seen };
}

async function countUsers(client: ReturnType<typeof createOktaClient>) {
  let n = 0;
  let pages = 0;
  for await (const page of client.pages<{ id: string }>("/api/v1/users", { limit: 50, search: "status pr" })) {
    n += page.items.length;
    pages++;
  }
  return { n, pages };
}

describe("authentication", () => {
  it("private_key_jwt (PKCS#8 PEM with kid): Bearer token, every page", async () => {
    const { client } = recording({ credentials: keyCreds() });
    const { n, pages } = await countUsers(client);
    const truth = await emu.control<{ users: unknown[] }>("GET", "/truth");
    expect(truth.users).toHaveLength(USERS);
    expect(n).toBe(USERS);
    expect(pages).toBe(Math.ceil(n / 50));
    expect(client.authInfo().usesDpop).toBe(false);
  });

  it("private_key_jwt with a JWK and no kid (single-key app)", async () => {
    const a = emu.app("readonly-key");
    const { kid: _kid, ...jwk } = a.privateJwk!;
    void _kid;
    const { client } = recording({
      credentials: { method: "private_key_jwt", clientId: a.clientId, privateKey: JSON.stringify(jwk), scopes: ALL },
    });
    expect((await client.get<unknown[]>("/api/v1/groups", { limit: 2 })).body).toHaveLength(2);
  });

  it("switches to DPoP when the token endpoint asks, with nonce, and signs every resource call", async () => {
    const { client, seen } = recording({ credentials: keyCreds("dpop-key") });
    const t = await client.token();
    expect(t?.tokenType).toBe("DPoP");
    expect(client.authInfo().usesDpop).toBe(true);
    // Several calls: each carries a fresh proof (the emulator rejects a reused jti).
    const { n } = await countUsers(client);
    expect(n).toBe(USERS);
    await expect(client.get(`/api/v1/users/${encodeURIComponent("nobody@example.com")}`)).rejects.toMatchObject({
      kind: "not_found",
      status: 404,
    });
    // Token endpoint: without DPoP -> invalid_dpop_proof, with proof -> use_dpop_nonce, then success.
    const tokenCalls = seen.filter((s) => s.includes("/oauth2/v1/token"));
    expect(tokenCalls.map((s) => JSON.parse(s).status)).toEqual([400, 400, 200]);
  });

  it("client_secret_basic for an OIN integration", async () => {
    const a = emu.app("oin-secret");
    const { client } = recording({
      credentials: { method: "client_secret", clientId: a.clientId, clientSecret: a.clientSecret!, scopes: ALL },
    });
    expect((await client.get<unknown[]>("/api/v1/apps", { limit: 1 })).status).toBe(200);
  });

  it("SSWS API token", async () => {
    const { client } = recording({ credentials: { method: "api_token", token: emu.apiToken() } });
    expect((await client.get<unknown[]>("/api/v1/idps")).status).toBe(200);
    expect(await client.token()).toBeNull();
  });

  it("reuses a cached token across clients and refreshes once on 401", async () => {
    let stored: CachedToken | null = null;
    const cache = {
      get: async () => stored,
      set: async (t: CachedToken) => {
        stored = t;
      },
    };
    const refreshes: string[] = [];
    const make = () =>
      createOktaClient({
        domain: emu.url,
        credentials: keyCreds(),
        tokenCache: cache,
        events: { onTokenRefresh: (e) => refreshes.push(e.reason) },
      });
    await make().get("/api/v1/groups", { limit: 1 });
    await make().get("/api/v1/groups", { limit: 1 });
    expect(refreshes).toEqual(["initial"]);
    await emu.control("POST", "/faults", { expireTokens: true });
    try {
      const c = make();
      await c.get("/api/v1/groups", { limit: 1 });
      expect(refreshes).toEqual(["initial", "401"]);
    } finally {
      await emu.control("DELETE", "/faults");
    }
  });

  it("shares one token request among concurrent callers", async () => {
    const refreshes: string[] = [];
    const client = createOktaClient({
      domain: emu.url,
      credentials: keyCreds(),
      events: { onTokenRefresh: (e) => refreshes.push(e.reason) },
    });
    await Promise.all(
      ["/api/v1/users", "/api/v1/groups", "/api/v1/apps", "/api/v1/idps", "/api/v1/logs"].map((p) => client.get(p, { limit: 1 })),
    );
    expect(refreshes).toEqual(["initial"]);
  });
});

describe("errors", () => {
  const fail = async (p: Promise<unknown>) => {
    const e = await p.then(
      () => null,
      (x) => x,
    );
    expect(e).toBeInstanceOf(OktaApiError);
    return e as OktaApiError;
  };

  it("a scope the app was not granted: insufficient_scope naming the scope", async () => {
    const { client } = recording({ credentials: keyCreds("no-groups-scope") });
    const t = await client.token();
    expect(t?.scopes).not.toContain("okta.groups.read");
    const e = await fail(client.get("/api/v1/groups"));
    expect(e).toMatchObject({ kind: "scope", status: 403, scope: "okta.groups.read" });
  });

  it("no admin role: E0000006 with errorId (and an empty user list)", async () => {
    const { client } = recording({ credentials: keyCreds("no-role") });
    const e = await fail(client.get("/api/v1/groups"));
    expect(e).toMatchObject({ kind: "permission", errorCode: "E0000006" });
    expect(e.errorId).toMatch(/^oae/);
    expect((await client.get<unknown[]>("/api/v1/users")).body).toEqual([]);
  });

  it("a secret on a custom API Services app: invalid_client saying private_key_jwt", async () => {
    const a = emu.app("custom-with-secret");
    const { client } = recording({
      credentials: { method: "client_secret", clientId: a.clientId, clientSecret: a.clientSecret!, scopes: ALL },
    });
    const e = await fail(client.token());
    expect(e).toMatchObject({ kind: "auth", status: 401, oauthError: "invalid_client" });
    expect(e.oauthErrorDescription).toMatch(/private_key_jwt/);
  });

  it("a wrong secret, a wrong key and a bad API token", async () => {
    const oin = emu.app("oin-secret");
    const wrong = "x".repeat(64);
    const e1 = await fail(
      recording({ credentials: { method: "client_secret", clientId: oin.clientId, clientSecret: wrong, scopes: ALL } }).client.token(),
    );
    expect(e1.oauthErrorDescription).toMatch(/secret .* invalid/);
    const other = emu.app("no-role");
    const e2 = await fail(recording({ credentials: { ...keyCreds(), privateKey: other.privateKeyPem! } }).client.token());
    expect(e2.oauthErrorDescription).toMatch(/signature is invalid/);
    const e3 = await fail(recording({ credentials: { method: "api_token", token: `00${"a".repeat(40)}` } }).client.get("/api/v1/users"));
    expect(e3).toMatchObject({ kind: "auth", errorCode: "E0000011" });
    for (const e of [e1, e2, e3]) {
      expect(e.message).not.toContain(wrong);
      expect(e.message).not.toContain("aaaaaaaaaa");
      expect(JSON.stringify(e.toDetails())).not.toMatch(/BEGIN|aaaaaaaaaa|xxxxxxxxxx/);
    }
  });

  it("refuses to follow a link to another host", async () => {
    const { client } = recording({ credentials: { method: "api_token", token: emu.apiToken() } });
    const e = await fail(client.get("https://evil.example/api/v1/users"));
    expect(e).toMatchObject({ kind: "network", networkReason: "blocked" });
  });
});

describe("resilience", () => {
  it("retries 5xx and connection resets, then succeeds", async () => {
    await emu.control("POST", "/faults", { errorRate: 0.4, errorStatus: 503, resetRate: 0.1, path: "/api/v1/users", seed: 3 });
    try {
      const { client } = recording({ credentials: { method: "api_token", token: emu.apiToken() }, maxRetries: 8 });
      const { n } = await countUsers(client);
      expect(n).toBe(USERS);
      expect(client.stats().retries).toBeGreaterThan(0);
    } finally {
      await emu.control("DELETE", "/faults");
    }
  });

  it("does not retry a 4xx", async () => {
    const { client } = recording({ credentials: { method: "api_token", token: emu.apiToken() } });
    await expect(client.get("/api/v1/users/00unope")).rejects.toThrow(/404/);
    expect(client.stats()).toMatchObject({ requests: 1, retries: 0 });
  });

  it("paces under its share of the bucket and waits for the reset instead of spinning on 429", async () => {
    // Users bucket: 20 per 1.5 s window; the token's cap is 50% -> Limit 10; our share 0.5 -> 5 per window.
    // Without a search Okta lists everyone but the DEPROVISIONED.
    const listed = (await emu.control<{ status: string }[]>("GET", "/truth/users")).filter((u) => u.status !== "DEPROVISIONED").length;
    await emu.control("PATCH", "/config", { rateLimits: true, rateWindowMs: 1500, bucketLimits: { "/api/v1/users": 20 } });
    try {
      const before = await emu.control<{ rateLimits: { limited: number } }>("GET", "/stats");
      const { client, seen } = recording({ credentials: { method: "api_token", token: emu.apiToken() }, rateLimitShare: 0.5 });
      let n = 0;
      for await (const page of client.pages("/api/v1/users", { limit: 10 })) n += page.items.length;
      const after = await emu.control<{ rateLimits: { limited: number } }>("GET", "/stats");
      // 13 pages at 5 per window span at least three windows: at least two waits, each until the reset
      // Okta announced (not a spin), and Okta never had to say 429.
      expect(n).toBe(listed);
      expect(Math.ceil(n / 10)).toBe(13);
      const waits = seen.map((s) => JSON.parse(s)).filter((e) => e.reason === "pacing");
      expect(waits.length).toBeGreaterThanOrEqual(2);
      expect(waits.filter((w) => !(w.waitMs > 0 && w.resetAt))).toEqual([]);
      expect(after.rateLimits.limited - before.rateLimits.limited).toBe(0);

      // With our share at 100% the client reaches Okta's limit and gets 429s; it waits for the reset.
      const greedy = recording({ credentials: { method: "api_token", token: emu.apiToken() }, rateLimitShare: 1, maxConcurrency: 8 });
      const results = await Promise.all(Array.from({ length: 24 }, () => greedy.client.get("/api/v1/users", { limit: 1 })));
      expect(results.every((r) => r.status === 200)).toBe(true);
      const w = greedy.seen.map((s) => JSON.parse(s)).filter((e) => e.reason === "429" || e.reason === "pacing");
      expect(w.length).toBeGreaterThan(0);
      // Never a burst of 429s: each 429 blocks the bucket until the reset.
      const limited = greedy.seen.map((s) => JSON.parse(s)).filter((e) => e.status === 429).length;
      expect(limited).toBeLessThanOrEqual(8);
    } finally {
      await emu.control("PATCH", "/config", { rateLimits: false });
    }
  });
});
