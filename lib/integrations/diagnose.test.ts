// Diagnoses for answers the emulator does not produce on its own (the common ones are covered end to
// end in integrations.test.ts).
import { describe, expect, it } from "vitest";
import { OktaApiError, type OktaErrorFields } from "@/lib/okta/errors";
import { diagnose } from "./diagnose";

const e = (f: Partial<OktaErrorFields>) =>
  new OktaApiError("x", { status: 400, kind: "client", url: "https://acme.okta.com/oauth2/v1/token", ...f }).facts();
const ctx = { method: "private_key_jwt" as const, phase: "token" as const, host: "acme.okta.com" };

describe("diagnose", () => {
  it.each<[string, Partial<OktaErrorFields>, string, RegExp]>([
    [
      "DPoP proof rejected",
      { kind: "dpop", oauthError: "invalid_dpop_proof", oauthErrorDescription: "'htu' claim in the DPoP proof JWT is invalid." },
      "DPOP_FAILED",
      /htu/,
    ],
    [
      "network zone",
      {
        status: 403,
        kind: "permission",
        oauthError: "access_denied",
        oauthErrorDescription: "The request is made from outside the client's permitted network zones.",
      },
      "NETWORK_ZONE",
      /network/,
    ],
    [
      "grant not allowed",
      {
        status: 400,
        kind: "client",
        oauthError: "unauthorized_client",
        oauthErrorDescription: "The client is not authorized to use the provided grant type.",
      },
      "GRANT_NOT_ALLOWED",
      /client credentials/,
    ],
    [
      "no scopes granted",
      {
        kind: "scope",
        oauthError: "invalid_scope",
        oauthErrorDescription: "The following scopes are not allowed for this request: [okta.users.read]",
      },
      "SCOPES_NOT_GRANTED",
      /scopes/,
    ],
    ["rate limited", { status: 429, kind: "rate_limit", errorCode: "E0000047" }, "RATE_LIMITED", /429/],
    ["Okta 5xx", { status: 503, kind: "server" }, "OKTA_ERROR", /503/],
    ["TLS failure", { status: 0, kind: "network", networkReason: "tls" }, "DOMAIN_UNREACHABLE", /TLS/],
    ["timeout", { status: 0, kind: "network", networkReason: "timeout" }, "DOMAIN_UNREACHABLE", /timed out/],
    ["redirect elsewhere", { status: 0, kind: "network", networkReason: "redirect" }, "NOT_OKTA", /redirected/],
    ["blocked address", { status: 0, kind: "network", networkReason: "blocked" }, "DOMAIN_BLOCKED", /will not call/],
    [
      "expired assertion",
      { status: 401, kind: "auth", oauthError: "invalid_client", oauthErrorDescription: "The client_assertion token is expired." },
      "INVALID_CLIENT",
      /clock/,
    ],
  ])("%s", (_, fields, code, message) => {
    const d = diagnose(e(fields), ctx);
    expect(d.code).toBe(code);
    expect(d.message).toMatch(message);
    expect(d.fix.length).toBeGreaterThan(20);
  });

  it("tells a deactivated app from a mistyped client ID when the client ID worked before", () => {
    const err = e({
      status: 401,
      kind: "auth",
      oauthError: "invalid_client",
      oauthErrorDescription: "Invalid value for 'client_id' parameter.",
    });
    expect(diagnose(err, ctx).title).toBe("Unknown client ID");
    const known = diagnose(err, { ...ctx, knownClient: true });
    expect(known).toMatchObject({ code: "INVALID_CLIENT", title: "App deactivated or deleted" });
    expect(known.fix).toMatch(/activate this app again/);
  });

  it("says which admin must hold the role for an API token", () => {
    const d = diagnose(e({ status: 403, kind: "permission", errorCode: "E0000006", errorId: "oae1" }), {
      ...ctx,
      method: "api_token",
      phase: "probe",
    });
    expect(d.code).toBe("NO_ADMIN_ROLE");
    expect(d.fix).toMatch(/Read-Only Administrator/);
    expect(d.okta).toMatchObject({ errorCode: "E0000006", errorId: "oae1" });
  });
});
