// Table-driven checks of Okta's auth behaviour: token endpoint, scopes, admin roles, DPoP.
import * as jose from "jose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateKeys } from "./keys";
import { call, clientAssertion, control, dpopKey, dpopProof, FORM, startSmall, tokenForm } from "./testkit";

let em: Awaited<ReturnType<typeof startSmall>>;
let aud: string;
beforeAll(async () => {
  em = await startSmall({ rateLimits: false });
  aud = `${em.url}/oauth2/v1/token`;
});
afterAll(() => em.close());

const tokenCall = (body: string, headers: Record<string, string> = {}) =>
  call(aud, { method: "POST", headers: { ...FORM, ...headers }, body });
async function bearer(name: string, scope = "okta.users.read okta.groups.read okta.apps.read okta.roles.read okta.logs.read") {
  const r = await tokenCall(tokenForm(await clientAssertion(em.app(name), aud), scope));
  if (r.status !== 200) throw new Error(`token for ${name}: ${r.text}`);
  return r.body.access_token as string;
}
const basic = (id: string, secret: string) => ({ authorization: `Basic ${Buffer.from(`${id}:${secret}`).toString("base64")}` });

describe("POST /oauth2/v1/token", () => {
  const PRIVATE_KEY_ONLY =
    "Client Credentials requests to the Org Authorization Server must use the private_key_jwt token_endpoint_auth_method.";
  const cases: [string, () => Promise<[string, Record<string, string>?]>, number, string, string?][] = [
    ["private_key_jwt", async () => [tokenForm(await clientAssertion(em.app("readonly-key"), aud), "okta.users.read")], 200, ""],
    [
      "assertion signed by another key",
      async () => [
        tokenForm(
          await clientAssertion(em.app("readonly-key"), aud, { key: em.app("admin-key").privateJwk, kid: em.app("readonly-key").kid }),
          "okta.users.read",
        ),
      ],
      401,
      "invalid_client",
      "The client_assertion signature is invalid.",
    ],
    [
      "assertion for another audience",
      async () => [tokenForm(await clientAssertion(em.app("readonly-key"), "https://acme.okta.com/oauth2/v1/token"), "okta.users.read")],
      401,
      "invalid_client",
    ],
    [
      "expired assertion",
      async () => [
        tokenForm(await clientAssertion(em.app("readonly-key"), aud, { exp: Math.floor(Date.now() / 1000) - 120 }), "okta.users.read"),
      ],
      401,
      "invalid_client",
      "The client_assertion token is expired.",
    ],
    [
      "assertion expiring in 2 h",
      async () => [
        tokenForm(await clientAssertion(em.app("readonly-key"), aud, { exp: Math.floor(Date.now() / 1000) + 7200 }), "okta.users.read"),
      ],
      401,
      "invalid_client",
    ],
    [
      "unknown kid",
      async () => [tokenForm(await clientAssertion(em.app("readonly-key"), aud, { kid: "nope" }), "okta.users.read")],
      401,
      "invalid_client",
      "The client_assertion JWT kid is invalid.",
    ],
    [
      "sub differs from iss",
      async () => [tokenForm(await clientAssertion(em.app("readonly-key"), aud, { sub: "someone-else" }), "okta.users.read")],
      401,
      "invalid_client",
    ],
    [
      "unknown client",
      async () => [
        tokenForm(await clientAssertion(em.app("readonly-key"), aud, { iss: "0oaUNKNOWN", sub: "0oaUNKNOWN" }), "okta.users.read"),
      ],
      401,
      "invalid_client",
    ],
    [
      "custom app with a client secret",
      async () => [
        new URLSearchParams({ grant_type: "client_credentials", scope: "okta.users.read" }).toString(),
        basic(em.app("custom-with-secret").clientId, em.app("custom-with-secret").clientSecret),
      ],
      401,
      "invalid_client",
      PRIVATE_KEY_ONLY,
    ],
    [
      "OIN app with client_secret_basic",
      async () => [
        new URLSearchParams({ grant_type: "client_credentials", scope: "okta.users.read" }).toString(),
        basic(em.app("oin-secret").clientId, em.app("oin-secret").clientSecret),
      ],
      200,
      "",
    ],
    [
      "OIN app with a wrong secret",
      async () => [
        new URLSearchParams({ grant_type: "client_credentials", scope: "okta.users.read" }).toString(),
        basic(em.app("oin-secret").clientId, "wrong"),
      ],
      401,
      "invalid_client",
      "The client secret supplied for a confidential client is invalid.",
    ],
    [
      "OIN app with client_secret_post",
      async () => [
        new URLSearchParams({
          grant_type: "client_credentials",
          scope: "okta.users.read",
          client_id: em.app("oin-secret").clientId,
          client_secret: em.app("oin-secret").clientSecret,
        }).toString(),
      ],
      401,
      "invalid_client",
    ],
    [
      "two kinds of client credentials",
      async () => [tokenForm(await clientAssertion(em.app("readonly-key"), aud), "okta.users.read"), basic("a", "b")],
      400,
      "invalid_request",
    ],
    [
      "no client credentials",
      async () => [new URLSearchParams({ grant_type: "client_credentials", scope: "okta.users.read" }).toString()],
      401,
      "invalid_client",
    ],
    [
      "authorization_code grant without client credentials (the grant itself: oidc.int.test.ts)",
      async () => [new URLSearchParams({ grant_type: "authorization_code", code: "x" }).toString()],
      401,
      "invalid_client",
      "No client credentials found.",
    ],
    [
      "refresh_token grant",
      async () => [new URLSearchParams({ grant_type: "refresh_token", refresh_token: "x" }).toString()],
      400,
      "unsupported_grant_type",
    ],
    [
      "no scope",
      async () => [tokenForm(await clientAssertion(em.app("readonly-key"), aud), "")],
      400,
      "invalid_scope",
      "No scopes were requested.",
    ],
    ["openid scope", async () => [tokenForm(await clientAssertion(em.app("readonly-key"), aud), "openid")], 400, "invalid_scope"],
    [
      "only ungranted scopes",
      async () => [tokenForm(await clientAssertion(em.app("readonly-key"), aud), "okta.users.manage")],
      400,
      "invalid_scope",
    ],
  ];
  it.each(cases)("%s", async (_name, make, status, error, description) => {
    const [body, headers] = await make();
    const r = await tokenCall(body, headers);
    expect(r.status, r.text).toBe(status);
    if (status === 200) {
      expect(r.body).toMatchObject({ token_type: "Bearer", expires_in: 3600 });
      const claims = jose.decodeJwt(r.body.access_token);
      expect(claims.iss).toBe(em.url);
      expect(claims.exp! - claims.iat!).toBe(3600);
    } else {
      expect(r.body.error).toBe(error);
      if (description) expect(r.body.error_description).toBe(description);
    }
  });

  it("refuses a replayed client assertion (same jti)", async () => {
    const a = await clientAssertion(em.app("readonly-key"), aud, { jti: "once-only" });
    expect((await tokenCall(tokenForm(a, "okta.users.read"))).status).toBe(200);
    const again = await tokenCall(tokenForm(a, "okta.users.read"));
    expect(again.status).toBe(401);
    expect(again.body.error).toBe("invalid_client");
  });

  it("drops requested scopes the app was not granted", async () => {
    const r = await tokenCall(tokenForm(await clientAssertion(em.app("no-groups-scope"), aud), "okta.users.read okta.groups.read"));
    expect(r.status).toBe(200);
    expect(r.body.scope).toBe("okta.users.read");
  });

  it("requires kid when the app has several keys", async () => {
    const { privateKey, publicKey } = generateKeys({ type: "rsa", modulusLength: 2048 });
    const created = await control(em.url, "/apps", "POST", {
      name: "two-keys",
      kind: "service",
      publicJwk: { ...(await jose.exportJWK(publicKey)), kid: "k1" },
      scopes: ["okta.users.read"],
      roles: ["READ_ONLY_ADMIN"],
    });
    await control(em.url, `/apps/${created.clientId}`, "PATCH", {
      publicJwk: { ...(await jose.exportJWK(em.app("readonly-key").privateJwk ? publicKey : publicKey)), kid: "k2" },
    });
    const app = { clientId: created.clientId, privateJwk: await jose.exportJWK(privateKey) };
    const noKid = await tokenCall(tokenForm(await clientAssertion(app, aud, { kid: null }), "okta.users.read"));
    expect(noKid.body.error_description).toBe("The client_assertion JWT kid is invalid.");
    const withKid = await tokenCall(tokenForm(await clientAssertion(app, aud, { kid: "k1" }), "okta.users.read"));
    expect(withKid.status).toBe(200);
  });
});

describe("resource authorization", () => {
  it("SSWS tokens: valid, unknown, revoked", async () => {
    expect((await call(`${em.url}/api/v1/users?limit=1`, { headers: em.ssws })).status).toBe(200);
    const bad = await call(`${em.url}/api/v1/users?limit=1`, { headers: { authorization: "SSWS 00notAtoken" } });
    expect(bad.status).toBe(401);
    expect(bad.body.errorCode).toBe("E0000011");
    await control(em.url, "/faults", "POST", { revokeToken: "readonly-token" });
    try {
      const revoked = await call(`${em.url}/api/v1/users?limit=1`, { headers: { authorization: `SSWS ${em.token("readonly-token")}` } });
      expect(revoked.status).toBe(401);
    } finally {
      await control(em.url, "/faults", "DELETE");
    }
    expect(
      (await call(`${em.url}/api/v1/users?limit=1`, { headers: { authorization: `SSWS ${em.token("readonly-token")}` } })).status,
    ).toBe(200);
  });

  it("scopes per endpoint: 403 insufficient_scope in WWW-Authenticate, no body", async () => {
    const token = await bearer("no-groups-scope", "okta.users.read okta.apps.read");
    const h = { authorization: `Bearer ${token}` };
    const table: [string, number, string?][] = [
      ["/api/v1/users?limit=1", 200],
      ["/api/v1/apps?limit=1", 200],
      ["/api/v1/groups?limit=1", 403, "okta.groups.read"],
      ["/api/v1/logs?limit=1", 403, "okta.logs.read"],
      ["/api/v1/iam/assignees/users", 403, "okta.roles.read"],
      ["/api/v1/idps", 403, "okta.idps.read"],
    ];
    for (const [p, status, scope] of table) {
      const r = await call(`${em.url}${p}`, { headers: h });
      expect(r.status, p).toBe(status);
      if (scope) {
        expect(r.text).toBe("");
        const www = r.headers.get("www-authenticate")!;
        expect(www).toMatch(/^Bearer authorization_uri="http:\/\/.+\/oauth2\/v1\/authorize", realm=/);
        expect(www).toContain(`scope="${scope}"`);
        expect(www).toContain('error="insufficient_scope"');
        expect(www).toContain('error_description="The access token provided does not contain the required scopes."');
      }
    }
  });

  it("admin roles: no role gets 200 [] on /users and E0000006 elsewhere; read-only cannot write", async () => {
    const none = { authorization: `Bearer ${await bearer("no-role")}` };
    const users = await call(`${em.url}/api/v1/users`, { headers: none });
    expect(users.status).toBe(200);
    expect(users.body).toEqual([]);
    for (const p of ["/api/v1/groups", "/api/v1/apps", "/api/v1/logs"]) {
      const r = await call(`${em.url}${p}`, { headers: none });
      expect(r.status, p).toBe(403);
      expect(r.body.errorCode).toBe("E0000006");
    }
    const truth = await control(em.url, "/truth/users");
    const active = truth.find((u: any) => u.status === "ACTIVE");
    const ro = { authorization: `Bearer ${await bearer("oin-secret".replace("oin-secret", "readonly-key"))}` };
    const manageScopeMissing = await call(`${em.url}/api/v1/users/${active.id}/lifecycle/suspend`, { method: "POST", headers: ro });
    expect(manageScopeMissing.status).toBe(403);
    expect(manageScopeMissing.headers.get("www-authenticate")).toContain('scope="okta.users.manage"');
    await control(em.url, `/apps/${em.app("readonly-key").clientId}`, "PATCH", { scopes: ["okta.users.read", "okta.users.manage"] });
    try {
      const withScope = { authorization: `Bearer ${await bearer("readonly-key", "okta.users.manage")}` };
      const roleMissing = await call(`${em.url}/api/v1/users/${active.id}/lifecycle/suspend`, { method: "POST", headers: withScope });
      expect(roleMissing.status).toBe(403);
      expect(roleMissing.body.errorCode).toBe("E0000006");
      expect((await call(`${em.url}/api/v1/users/${active.id}`, { headers: withScope })).status).toBe(200); // manage implies read
    } finally {
      await control(em.url, `/apps/${em.app("readonly-key").clientId}`, "PATCH", { scopes: em.app("readonly-key").scopes });
    }
  });

  it("faults: removing a scope, a role, or revoking the app take effect on issued tokens", async () => {
    const token = await bearer("admin-key");
    const h = { authorization: `Bearer ${token}` };
    expect((await call(`${em.url}/api/v1/groups?limit=1`, { headers: h })).status).toBe(200);
    try {
      await control(em.url, "/faults", "POST", { removeScope: { app: "admin-key", scope: "okta.groups.read" } });
      expect((await call(`${em.url}/api/v1/groups?limit=1`, { headers: h })).status).toBe(403);
      await control(em.url, "/faults", "POST", { removeRole: { app: "admin-key", role: "SUPER_ADMIN" } });
      const noRole = await call(`${em.url}/api/v1/logs?limit=1`, { headers: h });
      expect(noRole.body.errorCode).toBe("E0000006");
      await control(em.url, "/faults", "DELETE");
      expect((await call(`${em.url}/api/v1/groups?limit=1`, { headers: h })).status).toBe(200);
      await control(em.url, "/faults", "POST", { revokeApp: "admin-key" });
      const revoked = await call(`${em.url}/api/v1/groups?limit=1`, { headers: h });
      expect(revoked.status).toBe(401);
      expect(revoked.headers.get("www-authenticate")).toContain('error="invalid_token"');
      const refused = await tokenCall(tokenForm(await clientAssertion(em.app("admin-key"), aud), "okta.users.read"));
      expect(refused.body.error).toBe("invalid_client");
    } finally {
      await control(em.url, "/faults", "DELETE");
    }
  });

  it("expired access tokens get 401 invalid_token", async () => {
    const h = { authorization: `Bearer ${await bearer("readonly-key")}` };
    await control(em.url, "/faults", "POST", { expireTokens: true });
    try {
      const r = await call(`${em.url}/api/v1/users?limit=1`, { headers: h });
      expect(r.status).toBe(401);
      expect(r.headers.get("www-authenticate")).toContain('error="invalid_token"');
    } finally {
      await control(em.url, "/faults", "DELETE");
    }
  });
});

describe("DPoP", () => {
  async function dpopToken(name = "dpop-key") {
    const key = await dpopKey();
    const app = em.app(name);
    const first = await tokenCall(tokenForm(await clientAssertion(app, aud), "okta.users.read okta.groups.read"), {
      dpop: await dpopProof(key, "POST", aud),
    });
    expect(first.status).toBe(400);
    expect(first.body).toEqual({ error: "use_dpop_nonce", error_description: "Authorization server requires nonce in DPoP proof." });
    const nonce = first.headers.get("dpop-nonce")!;
    expect(nonce).toBeTruthy();
    const second = await tokenCall(tokenForm(await clientAssertion(app, aud), "okta.users.read okta.groups.read"), {
      dpop: await dpopProof(key, "POST", aud, { nonce }),
    });
    expect(second.status, second.text).toBe(200);
    expect(second.body.token_type).toBe("DPoP");
    const claims = jose.decodeJwt(second.body.access_token) as { cnf?: { jkt: string } };
    expect(claims.cnf?.jkt).toBe(await jose.calculateJwkThumbprint(key.jwk));
    return { key, token: second.body.access_token as string };
  }

  it("token endpoint: missing proof, nonce handshake, DPoP token type", async () => {
    const missing = await tokenCall(tokenForm(await clientAssertion(em.app("dpop-key"), aud), "okta.users.read"));
    expect(missing.status).toBe(400);
    expect(missing.body).toEqual({ error: "invalid_dpop_proof", error_description: "The DPoP proof JWT header is missing." });
    await dpopToken();
  });

  it("resource calls: table of proof mistakes", async () => {
    const { key, token } = await dpopToken();
    const url = `${em.url}/api/v1/users?limit=1`;
    const htu = `${em.url}/api/v1/users`;
    const other = await dpopKey();
    const table: [string, () => Promise<Record<string, string>>, number, string?][] = [
      [
        "fresh proof",
        async () => ({ authorization: `DPoP ${token}`, dpop: await dpopProof(key, "GET", htu, { accessToken: token }) }),
        200,
      ],
      [
        "htu with the query string stripped is what counts",
        async () => ({ authorization: `DPoP ${token}`, dpop: await dpopProof(key, "GET", url, { accessToken: token }) }),
        200,
      ],
      ["Bearer scheme with a DPoP-bound token", async () => ({ authorization: `Bearer ${token}` }), 400, 'error="invalid_request"'],
      ["no proof", async () => ({ authorization: `DPoP ${token}` }), 400, "requires a DPoP proof"],
      [
        "wrong htm",
        async () => ({ authorization: `DPoP ${token}`, dpop: await dpopProof(key, "POST", htu, { accessToken: token }) }),
        400,
        "'htm' claim",
      ],
      [
        "wrong htu",
        async () => ({
          authorization: `DPoP ${token}`,
          dpop: await dpopProof(key, "GET", `${em.url}/api/v1/groups`, { accessToken: token }),
        }),
        400,
        "'htu' claim",
      ],
      ["missing ath", async () => ({ authorization: `DPoP ${token}`, dpop: await dpopProof(key, "GET", htu) }), 400, "'ath' claim"],
      [
        "proof from another key",
        async () => ({ authorization: `DPoP ${token}`, dpop: await dpopProof(other, "GET", htu, { accessToken: token }) }),
        400,
        "does not match the key",
      ],
      [
        "stale iat",
        async () => ({
          authorization: `DPoP ${token}`,
          dpop: await dpopProof(key, "GET", htu, { accessToken: token, iat: Math.floor(Date.now() / 1000) - 900 }),
        }),
        400,
        "too old",
      ],
    ];
    for (const [name, headers, status, hint] of table) {
      const r = await call(url, { headers: await headers() });
      expect(r.status, name).toBe(status);
      if (hint) {
        const www = r.headers.get("www-authenticate")!;
        expect(www, name).toMatch(/^DPoP algs="RS256 RS384 RS512 ES256 ES384 ES512"/);
        expect(www, name).toContain(hint);
      }
    }
    const proof = await dpopProof(key, "GET", htu, { accessToken: token, jti: "reused" });
    expect((await call(url, { headers: { authorization: `DPoP ${token}`, dpop: proof } })).status).toBe(200);
    const replay = await call(url, { headers: { authorization: `DPoP ${token}`, dpop: proof } });
    expect(replay.status).toBe(400);
    expect(replay.headers.get("www-authenticate")).toContain("The DPoP proof JWT has already been used.");
    const bearerToken = await bearer("readonly-key");
    const notBound = await call(url, {
      headers: { authorization: `DPoP ${bearerToken}`, dpop: await dpopProof(key, "GET", htu, { accessToken: bearerToken }) },
    });
    expect(notBound.status).toBe(401);
    expect(notBound.headers.get("www-authenticate")).toContain("not DPoP bound");
  });

  it("requireDpop fault switches an app to DPoP and invalidates its Bearer tokens", async () => {
    const h = { authorization: `Bearer ${await bearer("readonly-key")}` };
    await control(em.url, "/faults", "POST", { requireDpop: "readonly-key" });
    try {
      expect((await call(`${em.url}/api/v1/users?limit=1`, { headers: h })).status).toBe(401);
      const again = await tokenCall(tokenForm(await clientAssertion(em.app("readonly-key"), aud), "okta.users.read"));
      expect(again.body.error).toBe("invalid_dpop_proof");
    } finally {
      await control(em.url, "/faults", "DELETE");
    }
    expect((await tokenCall(tokenForm(await clientAssertion(em.app("readonly-key"), aud), "okta.users.read"))).status).toBe(200);
  });
});
