// Sign-in with Okta against the emulator, over HTTP: /authorize, the sign-in page, the code grant with
// PKCE, ID tokens checked with the org's published keys, userinfo. JSON answers are checked against
// Okta's spec (testkit's call()); the authorize endpoint answers with pages and redirects, which the
// spec leaves out.
import { createHash, randomBytes } from "node:crypto";
import * as jose from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_PASSWORD } from "./oidc";
import { call, control, FORM, startSmall } from "./testkit";

let em: Awaited<ReturnType<typeof startSmall>>;
const REDIRECT = "http://console.test/api/auth/callback/okta";
let client: { clientId: string; clientSecret: string };
let user: { id: string; login: string; email: string; groups: string[] };
let other: { id: string; login: string };

beforeAll(async () => {
  em = await startSmall({ rateLimits: false });
  client = await control(em.url, "/oidc/clients", "POST", { name: "Console", redirectUris: [REDIRECT] });
  const users = (await control(em.url, "/truth/users")) as { id: string; status: string; profile: { login: string; email: string } }[];
  const active = users.filter((u) => u.status === "ACTIVE");
  const groupsOf = async (id: string) =>
    ((await call(`${em.url}/api/v1/users/${id}/groups`, { headers: em.ssws })).body as { profile: { name: string } }[]).map(
      (g) => g.profile.name,
    );
  // Someone in a few groups besides Everyone, so the groups claim has something to show.
  for (const u of active) {
    const groups = await groupsOf(u.id);
    if (groups.length >= 3) {
      user = { id: u.id, login: u.profile.login, email: u.profile.email, groups };
      break;
    }
  }
  other = { id: active.find((u) => u.id !== user.id)!.id, login: active.find((u) => u.id !== user.id)!.profile.login };
});
afterAll(() => em.close());

function pkce() {
  const verifier = randomBytes(32).toString("base64url");
  return { verifier, challenge: createHash("sha256").update(verifier).digest("base64url") };
}

function authorizeUrl(p: Record<string, string | undefined>) {
  const url = new URL(`${em.url}/oauth2/v1/authorize`);
  const all: Record<string, string | undefined> = {
    client_id: client.clientId,
    redirect_uri: REDIRECT,
    response_type: "code",
    scope: "openid email profile groups",
    state: "st-1",
    nonce: "n-1",
    ...p,
  };
  for (const [k, v] of Object.entries(all)) if (v !== undefined) url.searchParams.set(k, v);
  return url.toString();
}

/** Opens /authorize, then signs in on the emulator's page; returns the redirect back to the app. */
async function signIn(p: Record<string, string | undefined>, login = user.login, password = DEFAULT_PASSWORD): Promise<URL> {
  const page = await fetch(authorizeUrl(p), { redirect: "manual" });
  if (page.status === 302) return new URL(page.headers.get("location")!);
  expect(page.status).toBe(200);
  const html = await page.text();
  const txn = /name="txn" value="([^"]+)"/.exec(html)![1];
  const res = await fetch(`${em.url}/login/emulator`, {
    method: "POST",
    headers: FORM,
    body: new URLSearchParams({ txn, username: login, password }).toString(),
    redirect: "manual",
  });
  if (res.status !== 302) throw Object.assign(new Error(`sign-in page answered ${res.status}`), { html: await res.text() });
  return new URL(res.headers.get("location")!);
}

const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}` });
function exchange(code: string, verifier: string | undefined, o: { redirectUri?: string; auth?: Record<string, string> } = {}) {
  const body = new URLSearchParams({ grant_type: "authorization_code", code, redirect_uri: o.redirectUri ?? REDIRECT });
  if (verifier !== undefined) body.set("code_verifier", verifier);
  return call(`${em.url}/oauth2/v1/token`, {
    method: "POST",
    headers: { ...FORM, ...(o.auth ?? basic(client.clientId, client.clientSecret)) },
    body: body.toString(),
  });
}

async function verifyIdToken(idToken: string) {
  const keys = await call(`${em.url}/oauth2/v1/keys`);
  return (
    await jose.jwtVerify(idToken, jose.createLocalJWKSet(keys.body), { issuer: em.url, audience: client.clientId, algorithms: ["RS256"] })
  ).payload;
}

describe("discovery", () => {
  it("names the authorize, token, userinfo and keys endpoints, S256 PKCE and the groups scope, as Okta's OidcMetadata", async () => {
    const r = await call(`${em.url}/.well-known/openid-configuration`);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({
      issuer: em.url,
      authorization_endpoint: `${em.url}/oauth2/v1/authorize`,
      token_endpoint: `${em.url}/oauth2/v1/token`,
      userinfo_endpoint: `${em.url}/oauth2/v1/userinfo`,
      jwks_uri: `${em.url}/oauth2/v1/keys`,
      code_challenge_methods_supported: ["S256"],
    });
    expect(r.body.scopes_supported).toEqual(expect.arrayContaining(["openid", "email", "profile", "groups"]));
  });
});

describe("authorization code with PKCE", () => {
  it("signs a person in on the emulator's page and issues an RS256 ID token with iss, aud, nonce, email and groups", async () => {
    const { verifier, challenge } = pkce();
    const back = await signIn({ code_challenge: challenge, code_challenge_method: "S256" });
    expect(`${back.origin}${back.pathname}`).toBe(REDIRECT);
    expect(back.searchParams.get("state")).toBe("st-1");
    const code = back.searchParams.get("code")!;
    expect(code).toMatch(/^[A-Za-z0-9_-]{43}$/);

    const r = await exchange(code, verifier);
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ token_type: "Bearer", expires_in: 3600, scope: "openid email profile groups" });
    expect(jose.decodeProtectedHeader(r.body.id_token)).toMatchObject({ alg: "RS256" });
    const claims = await verifyIdToken(r.body.id_token);
    expect(claims).toMatchObject({ sub: user.id, nonce: "n-1", email: user.email, preferred_username: user.login, ver: 1, amr: ["pwd"] });
    expect([...(claims.groups as string[])].sort()).toEqual(["Everyone", ...user.groups.filter((g) => g !== "Everyone")].sort());

    const info = await call(`${em.url}/oauth2/v1/userinfo`, { headers: { authorization: `Bearer ${r.body.access_token}` } });
    expect(info.status).toBe(200);
    expect(info.body).toMatchObject({ sub: user.id, email: user.email });
  });

  it("takes a code once, for the client and redirect URI it was issued to, and only with the right verifier", async () => {
    const { verifier, challenge } = pkce();
    const codeFor = async () => (await signIn({ code_challenge: challenge, code_challenge_method: "S256" })).searchParams.get("code")!;
    const invalid = { error: "invalid_grant", error_description: "The authorization code is invalid or has expired." };
    const pkceFailed = { error: "invalid_grant", error_description: "PKCE verification failed." };

    expect((await exchange(await codeFor(), pkce().verifier)).body).toEqual(pkceFailed);
    expect((await exchange(await codeFor(), undefined)).body).toEqual(pkceFailed);
    const code = await codeFor();
    expect((await exchange(code, verifier)).status).toBe(200);
    const again = await exchange(code, verifier);
    expect([again.status, again.body]).toEqual([400, invalid]);
    const wrongRedirect = await exchange(await codeFor(), verifier, { redirectUri: "http://console.test/elsewhere" });
    expect(wrongRedirect.body).toEqual({
      error: "invalid_grant",
      error_description: "The 'redirect_uri' does not match the redirection URI used in the authorization request.",
    });
    const wrongSecret = await exchange(await codeFor(), verifier, { auth: basic(client.clientId, "not-the-secret") });
    expect([wrongSecret.status, wrongSecret.body.error]).toEqual([401, "invalid_client"]);
    // client_secret_post works as well as Basic.
    const post = await call(`${em.url}/oauth2/v1/token`, {
      method: "POST",
      headers: FORM,
      body: new URLSearchParams({
        grant_type: "authorization_code",
        code: await codeFor(),
        redirect_uri: REDIRECT,
        code_verifier: verifier,
        client_id: client.clientId,
        client_secret: client.clientSecret,
      }).toString(),
    });
    expect(post.status).toBe(200);
  });

  it("refuses bad authorize requests: unknown client or redirect URI on a page, the rest back at the app", async () => {
    const page = await fetch(authorizeUrl({ redirect_uri: "http://evil.test/cb" }), { redirect: "manual" });
    expect(page.status).toBe(400);
    expect(await page.text()).toContain("must be a Login redirect URI");
    expect((await fetch(authorizeUrl({ client_id: "0oanope" }), { redirect: "manual" })).status).toBe(400);

    const backWith = async (p: Record<string, string | undefined>) => {
      const r = await fetch(authorizeUrl(p), { redirect: "manual" });
      expect(r.status).toBe(302);
      const u = new URL(r.headers.get("location")!);
      return [u.searchParams.get("error"), u.searchParams.get("error_description")];
    };
    expect(await backWith({ state: undefined })).toEqual([
      "invalid_request",
      "The authorization request is missing a required parameter: 'state'.",
    ]);
    expect((await backWith({ code_challenge: pkce().challenge, code_challenge_method: "plain" }))[0]).toBe("invalid_request");
    expect((await backWith({ scope: "email" }))[0]).toBe("invalid_scope");
    expect((await backWith({ response_type: "token" }))[0]).toBe("unsupported_response_type");
  });

  it("says 'Unable to sign in' for a wrong password or a person who cannot sign in, and access_denied when not assigned", async () => {
    await expect(signIn({}, user.login, "wrong")).rejects.toMatchObject({ html: expect.stringContaining("Unable to sign in") });
    await control(em.url, "/oidc/passwords", "PUT", { login: other.login, password: "their-own-pw" });
    await expect(signIn({}, other.login, DEFAULT_PASSWORD)).rejects.toThrow(/401/);
    expect((await signIn({}, other.login, "their-own-pw")).searchParams.get("code")).toBeTruthy();

    const suspended = await call(`${em.url}/api/v1/users/${other.id}/lifecycle/suspend`, { method: "POST", headers: em.ssws });
    expect(suspended.status).toBe(200);
    await expect(signIn({}, other.login, "their-own-pw")).rejects.toMatchObject({ html: expect.stringContaining("Unable to sign in") });

    const narrow = await control(em.url, "/oidc/clients", "POST", {
      redirectUris: [REDIRECT],
      assignedGroups: [user.groups.find((g) => g !== "Everyone")!],
    });
    const saved = client;
    client = narrow;
    try {
      expect((await signIn({})).searchParams.get("code")).toBeTruthy();
      await control(em.url, "/oidc/passwords", "PUT", { login: other.login, password: "their-own-pw" });
      await call(`${em.url}/api/v1/users/${other.id}/lifecycle/unsuspend`, { method: "POST", headers: em.ssws });
      const denied = await signIn({}, other.login, "their-own-pw");
      expect(denied.searchParams.get("error")).toBe("access_denied");
      expect(denied.searchParams.get("error_description")).toBe("User is not assigned to the client application.");
      expect(denied.searchParams.get("state")).toBe("st-1");
    } finally {
      client = saved;
    }
  });

  it("filters the groups claim by the app's regex, and leaves it out without the groups scope", async () => {
    const picked = user.groups.find((g) => g !== "Everyone")!;
    const filtered = await control(em.url, "/oidc/clients", "POST", {
      redirectUris: [REDIRECT],
      groupsClaimRegex: picked.replace(/[.*+?^${}()|[\]\\]/g, "\\$&"),
    });
    const saved = client;
    client = filtered;
    try {
      const { verifier, challenge } = pkce();
      const withGroups = await exchange(
        (await signIn({ code_challenge: challenge, code_challenge_method: "S256" })).searchParams.get("code")!,
        verifier,
      );
      expect((await verifyIdToken(withGroups.body.id_token)).groups).toEqual([picked]);
      const p2 = pkce();
      const noScope = await exchange(
        (await signIn({ scope: "openid email", code_challenge: p2.challenge, code_challenge_method: "S256" })).searchParams.get("code")!,
        p2.verifier,
      );
      const claims = await verifyIdToken(noScope.body.id_token);
      expect(claims).not.toHaveProperty("groups");
      expect(claims).not.toHaveProperty("preferred_username");
    } finally {
      client = saved;
    }
  });

  it("signs a configured person in without the page (auto-approve), and tampers ID tokens when a test asks", async () => {
    await control(em.url, "/oidc", "PATCH", { autoApprove: user.login, tamper: { nonce: "not-yours" } });
    try {
      const { verifier, challenge } = pkce();
      const r = await fetch(authorizeUrl({ code_challenge: challenge, code_challenge_method: "S256" }), { redirect: "manual" });
      expect(r.status).toBe(302);
      const code = new URL(r.headers.get("location")!).searchParams.get("code")!;
      const tokens = await exchange(code, verifier);
      expect((await verifyIdToken(tokens.body.id_token)).nonce).toBe("not-yours");
      const seen = (await control(em.url, "/oidc")).authorizeRequests.at(-1);
      expect(seen).toEqual({ clientId: client.clientId, codeChallenge: challenge, codeChallengeMethod: "S256", nonce: "n-1" });
    } finally {
      await control(em.url, "/oidc", "PATCH", { autoApprove: null, tamper: null });
    }
  });
});
