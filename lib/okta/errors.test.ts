import { describe, expect, it } from "vitest";
import { classifyOktaError, parseWwwAuthenticate, scopesFromDescription } from "./errors";

const h = (o: Record<string, string> = {}) => new Headers(o);
const url = "https://acme.okta.com/api/v1/groups?limit=1&after=abc";

describe("parseWwwAuthenticate", () => {
  it.each([
    [
      'Bearer authorization_uri="http://acme.okta.com/oauth2/v1/authorize", realm="http://acme.okta.com", scope="okta.groups.read", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="/api/v1/groups"',
      "Bearer",
      {
        scope: "okta.groups.read",
        error: "insufficient_scope",
        error_description: "The access token provided does not contain the required scopes.",
      },
    ],
    [
      'DPoP algs="RS256 RS384 RS512 ES256 ES384 ES512", error="invalid_dpop_proof", error_description="\'htu\' claim in the DPoP proof JWT is invalid."',
      "DPoP",
      { algs: "RS256 RS384 RS512 ES256 ES384 ES512", error: "invalid_dpop_proof" },
    ],
    [
      'Bearer error="invalid_token", error_description="The token has expired."',
      "Bearer",
      { error: "invalid_token", error_description: "The token has expired." },
    ],
    ['Bearer realm="a", DPoP algs="ES256", error="use_dpop_nonce"', "DPoP", { error: "use_dpop_nonce" }],
    ["Bearer", "Bearer", {}],
    ['Bearer error=invalid_token, error_description="a, b"', "Bearer", { error: "invalid_token", error_description: "a, b" }],
  ])("%s", (header, scheme, params) => {
    const p = parseWwwAuthenticate(header)!;
    expect(p.scheme).toBe(scheme);
    expect(p.params).toMatchObject(params);
  });
  it("returns null for nothing", () => expect(parseWwwAuthenticate(null)).toBeNull());
});

describe("classifyOktaError", () => {
  it.each([
    [
      "E0000006 no admin role",
      403,
      {},
      { errorCode: "E0000006", errorSummary: "You do not have permission to perform the requested action", errorId: "oae1" },
      "permission",
    ],
    ["E0000011 bad API token", 401, {}, { errorCode: "E0000011", errorSummary: "Invalid token provided", errorId: "oae2" }, "auth"],
    [
      "insufficient_scope header, no body",
      403,
      { "www-authenticate": 'Bearer scope="okta.groups.read", error="insufficient_scope"' },
      undefined,
      "scope",
    ],
    ["invalid_token header", 401, { "www-authenticate": 'Bearer error="invalid_token", error_description="expired"' }, undefined, "auth"],
    [
      "token endpoint invalid_client",
      401,
      {},
      { error: "invalid_client", error_description: "The client secret supplied for a confidential client is invalid." },
      "auth",
    ],
    [
      "token endpoint invalid_scope",
      400,
      {},
      { error: "invalid_scope", error_description: "The following scopes are not allowed for this request: [okta.groups.read]" },
      "scope",
    ],
    ["missing DPoP proof", 400, {}, { error: "invalid_dpop_proof", error_description: "The DPoP proof JWT header is missing." }, "dpop"],
    [
      "DPoP nonce",
      400,
      { "dpop-nonce": "n" },
      { error: "use_dpop_nonce", error_description: "Authorization server requires nonce in DPoP proof." },
      "dpop",
    ],
    [
      "DPoP resource error in header",
      400,
      {
        "www-authenticate": 'DPoP algs="ES256", error="invalid_dpop_proof", error_description="The DPoP proof JWT has already been used."',
      },
      undefined,
      "dpop",
    ],
    ["429", 429, {}, { errorCode: "E0000047", errorSummary: "API call exceeded rate limit due to too many requests." }, "rate_limit"],
    ["500", 500, {}, { errorCode: "E0000009", errorSummary: "Internal Server Error" }, "server"],
    ["404", 404, {}, { errorCode: "E0000007", errorSummary: "Not found: Resource not found: x (User)" }, "not_found"],
    ["400 validation", 400, {}, { errorCode: "E0000001", errorSummary: "Api validation failed: login" }, "client"],
    ["HTML 404 from a non-Okta site", 404, { "content-type": "text/html" }, "<html>nope</html>", "not_found"],
    [
      "network zone",
      403,
      {},
      { error: "access_denied", error_description: "The request is made from outside the client's permitted network zones." },
      "permission",
    ],
  ])("%s -> %s", (_, status, headers, body, kind) => {
    const e = classifyOktaError({ status, headers: h(headers as Record<string, string>), body, url, method: "GET" });
    expect(e.kind).toBe(kind);
    expect(e.status).toBe(status);
    expect(e.message).toContain("/api/v1/groups");
    expect(e.message).not.toContain("after=abc");
  });

  it("keeps Okta's identifiers", () => {
    const e = classifyOktaError({
      status: 403,
      headers: h({ "x-okta-request-id": "req-1" }),
      body: { errorCode: "E0000006", errorSummary: "You do not have permission", errorId: "oaeXYZ" },
      url,
      method: "GET",
    });
    expect(e.toDetails()).toMatchObject({ errorCode: "E0000006", errorId: "oaeXYZ", requestId: "req-1", path: "/api/v1/groups" });
  });

  it("names the missing scope", () => {
    const e = classifyOktaError({
      status: 403,
      headers: h({ "www-authenticate": 'Bearer scope="okta.logs.read", error="insufficient_scope"' }),
      body: undefined,
      url,
      method: "GET",
    });
    expect(e.scope).toBe("okta.logs.read");
    expect(e.message).toMatch(/okta\.logs\.read/);
  });
});

describe("scopesFromDescription", () => {
  it.each([
    ["The following scopes are not allowed for this request: [okta.groups.read]", ["okta.groups.read"]],
    ["The following scopes are not allowed for this request: [okta.groups.read, okta.logs.read]", ["okta.groups.read", "okta.logs.read"]],
    ["No scopes were requested.", []],
    [undefined, []],
  ])("%s", (d, out) => expect(scopesFromDescription(d)).toEqual(out));
});
