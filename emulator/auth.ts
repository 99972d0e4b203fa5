// Credentials and authentication as Okta's org authorization server does them: SSWS API tokens,
// client_credentials with private_key_jwt (custom API Services apps) or client_secret_basic
// (OIN API service integrations), optional DPoP binding, scopes and admin roles; the authorization
// code grant of OIDC sign-in apps is in oidc.ts.
import { createHash, type KeyObject, randomBytes, timingSafeEqual } from "node:crypto";
import * as jose from "jose";
import { generateKeys } from "./keys";
import { OidcStore } from "./oidc";
import type { Tenant } from "./state";
import { makeRng, oktaId, randomToken } from "./util";

export const READ_SCOPES = [
  "okta.users.read",
  "okta.groups.read",
  "okta.apps.read",
  "okta.roles.read",
  "okta.idps.read",
  "okta.logs.read",
  "okta.eventHooks.read",
  "okta.orgs.read",
] as const;
export const MANAGE_SCOPES = [
  "okta.users.manage",
  "okta.groups.manage",
  "okta.apps.manage",
  "okta.roles.manage",
  "okta.idps.manage",
  "okta.eventHooks.manage",
] as const;
export const KNOWN_SCOPES = new Set<string>([
  ...READ_SCOPES,
  ...MANAGE_SCOPES,
  "okta.sessions.manage",
  "okta.sessions.read",
  "okta.factors.read",
  "okta.factors.manage",
]);

/**
 * What each standard admin role may do. Writes are split the way Okta's standard roles split them
 * (help.okta.com "Standard administrator roles and permissions"): a Help Desk admin resets
 * passwords and factors, unlocks and clears sessions but does not create, suspend, deactivate or
 * delete people nor change group membership; a User (Group) admin does all user writes and group
 * membership; a Group Membership admin only membership; an App admin only app assignments.
 * Custom-role permissions map onto the same words.
 */
const USER_CREDENTIALS = ["users.credentials", "users.unlock", "users.sessions"];
const ROLE_PERMS: Record<string, string[]> = {
  SUPER_ADMIN: ["*"],
  ORG_ADMIN: ["*"],
  READ_ONLY_ADMIN: ["users.read", "groups.read", "apps.read", "roles.read", "idps.read", "logs.read", "hooks.read", "org.read"],
  USER_ADMIN: [
    "users.read",
    "users.create",
    "users.profile",
    "users.lifecycle",
    ...USER_CREDENTIALS,
    "groups.read",
    "groups.members",
    "org.read",
  ],
  HELP_DESK_ADMIN: ["users.read", ...USER_CREDENTIALS, "groups.read", "org.read"],
  APP_ADMIN: ["apps.read", "apps.assignments", "users.read", "groups.read", "org.read"],
  GROUP_MEMBERSHIP_ADMIN: ["groups.read", "groups.members", "users.read", "org.read"],
  REPORT_ADMIN: ["logs.read", "users.read", "groups.read", "apps.read", "org.read"],
  API_ACCESS_MANAGEMENT_ADMIN: ["apps.read", "org.read"],
};
export const ADMIN_ROLE_TYPES = Object.keys(ROLE_PERMS);

export function rolesAllow(roles: string[], perm: string): boolean {
  return roles.some((r) => {
    const p = ROLE_PERMS[r];
    return p ? p.includes("*") || p.includes(perm) : false;
  });
}

export interface AppCred {
  name: string;
  kind: "service" | "oin";
  clientId: string;
  clientSecret?: string;
  jwks: jose.JWK[];
  privateKeyPem?: string;
  privateJwk?: jose.JWK;
  kid?: string;
  scopes: string[];
  roles: string[];
  dpopRequired: boolean;
  status: "ACTIVE" | "INACTIVE";
  /** share of each rate-limit bucket this client may use (Okta's default is 50%) */
  rateLimitPercent: number;
}

export interface ApiTokenCred {
  name: string;
  token: string;
  roles: string[];
  status: "ACTIVE" | "REVOKED";
  userSeq: number;
  rateLimitPercent: number;
}

export interface AccessTokenRec {
  clientId: string;
  scopes: string[];
  exp: number;
  jkt?: string;
  revoked?: boolean;
}

export type Principal =
  | { kind: "ssws"; key: string; name: string; roles: string[]; scopes: null; userSeq: number; share: number }
  | { kind: "oauth"; key: string; name: string; roles: string[]; scopes: string[]; clientId: string; dpop: boolean; share: number };

export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

// RSA key generation costs ~50 ms each; reuse keys across emulator instances in one process.
const keyPool: { privateKey: KeyObject; publicKey: KeyObject }[] = [];
function poolKey(i: number) {
  while (keyPool.length <= i) keyPool.push(generateKeys({ type: "rsa", modulusLength: 2048 }));
  return keyPool[i];
}

export const DPOP_ALGS = "RS256 RS384 RS512 ES256 ES384 ES512";
const ASYMMETRIC = new Set(DPOP_ALGS.split(" "));
const CLIENT_ASSERTION_TYPE = "urn:ietf:params:oauth:client-assertion-type:jwt-bearer";
const PRIVATE_KEY_ONLY =
  "Client Credentials requests to the Org Authorization Server must use the private_key_jwt token_endpoint_auth_method.";

const oauthError = (status: number, error: string, description: string, headers?: Record<string, string>): Reply => ({
  status,
  headers,
  body: { error, error_description: description },
});

export interface PresetSpec {
  name: string;
  kind: "service" | "oin";
  scopes: string[];
  roles: string[];
  dpopRequired?: boolean;
  secret?: boolean;
  key?: boolean;
}

export const PRESETS: PresetSpec[] = [
  { name: "readonly-key", kind: "service", scopes: [...READ_SCOPES], roles: ["READ_ONLY_ADMIN"], key: true },
  { name: "dpop-key", kind: "service", scopes: [...READ_SCOPES], roles: ["READ_ONLY_ADMIN"], dpopRequired: true, key: true },
  { name: "admin-key", kind: "service", scopes: [...READ_SCOPES, ...MANAGE_SCOPES], roles: ["SUPER_ADMIN"], key: true },
  { name: "oin-secret", kind: "oin", scopes: [...READ_SCOPES], roles: ["READ_ONLY_ADMIN"], secret: true },
  { name: "custom-with-secret", kind: "service", scopes: [...READ_SCOPES], roles: ["READ_ONLY_ADMIN"], secret: true },
  {
    name: "no-groups-scope",
    kind: "service",
    scopes: READ_SCOPES.filter((s) => s !== "okta.groups.read"),
    roles: ["READ_ONLY_ADMIN"],
    key: true,
  },
  { name: "no-role", kind: "service", scopes: [...READ_SCOPES], roles: [], key: true },
];

export class AuthStore {
  apps = new Map<string, AppCred>();
  apiTokens = new Map<string, ApiTokenCred>();
  access = new Map<string, AccessTokenRec>();
  private usedAssertionJti = new Map<string, number>();
  private usedDpopJti = new Map<string, number>();
  private nonces: string[] = [];
  private nonceRotatedAt = 0;
  private keyIndex = 1;
  readonly signing = poolKey(0);
  readonly signingKid: string;
  private rng;
  tokenLifetimeSec = 3600;
  /** OIDC sign-in apps, the authorization code flow and ID tokens (emulator/oidc.ts), signed with this org's key. */
  readonly oidc = new OidcStore(
    () => ({ privateKey: this.signing.privateKey, kid: this.signingKid }),
    () => this.tokenLifetimeSec,
  );

  constructor(seed: number, adminUserSeq: number) {
    this.rng = makeRng(seed ^ 0x5eed);
    this.signingKid = randomToken(this.rng, 43);
    for (const p of PRESETS) this.addApp({ ...p });
    this.addApiToken("admin-token", ["SUPER_ADMIN"], adminUserSeq);
    this.addApiToken("readonly-token", ["READ_ONLY_ADMIN"], adminUserSeq);
  }

  addApiToken(name: string, roles: string[], userSeq: number): ApiTokenCred {
    const t: ApiTokenCred = { name, token: `00${randomToken(this.rng, 40)}`, roles, status: "ACTIVE", userSeq, rateLimitPercent: 50 };
    this.apiTokens.set(t.token, t);
    return t;
  }

  addApp(p: PresetSpec & { publicJwk?: jose.JWK; clientSecret?: string; rateLimitPercent?: number }): AppCred {
    const clientId = oktaId(this.rng, "0oa");
    const app: AppCred = {
      name: p.name,
      kind: p.kind,
      clientId,
      jwks: [],
      scopes: [...p.scopes],
      roles: [...p.roles],
      dpopRequired: !!p.dpopRequired,
      status: "ACTIVE",
      rateLimitPercent: p.rateLimitPercent ?? 50,
    };
    if (p.publicJwk) {
      const kid = p.publicJwk.kid ?? randomToken(this.rng, 43);
      app.jwks.push({ ...p.publicJwk, kid });
      app.kid = kid;
    } else if (p.key) {
      const kp = poolKey(this.keyIndex++);
      const kid = randomToken(this.rng, 43);
      app.kid = kid;
      app.privateKeyPem = kp.privateKey.export({ format: "pem", type: "pkcs8" }).toString();
      app.privateJwk = { ...(kp.privateKey.export({ format: "jwk" }) as jose.JWK), kid, alg: "RS256" };
      app.jwks.push({ ...(kp.publicKey.export({ format: "jwk" }) as jose.JWK), kid, alg: "RS256", use: "sig" });
    }
    if (p.clientSecret || p.secret) app.clientSecret = p.clientSecret ?? randomToken(this.rng, 64);
    this.apps.set(clientId, app);
    return app;
  }

  appByName(name: string) {
    return [...this.apps.values()].find((a) => a.name === name);
  }

  /** Revoking a grant or deactivating an app takes effect on tokens already issued, as in Okta. */
  revokeTokensOf(clientId: string) {
    for (const t of this.access.values()) if (t.clientId === clientId) t.revoked = true;
  }

  credentialsJson(domain: string) {
    return {
      domain,
      apps: [...this.apps.values()].map((a) => ({
        name: a.name,
        kind: a.kind,
        clientId: a.clientId,
        ...(a.clientSecret ? { clientSecret: a.clientSecret } : {}),
        ...(a.privateKeyPem ? { privateKeyPem: a.privateKeyPem, privateJwk: a.privateJwk } : {}),
        ...(a.kid ? { kid: a.kid } : {}),
        tokenEndpointAuthMethod: a.clientSecret ? "client_secret_basic" : "private_key_jwt",
        scopes: a.scopes,
        roles: a.roles,
        dpopRequired: a.dpopRequired,
        status: a.status,
        rateLimitPercent: a.rateLimitPercent,
      })),
      apiTokens: [...this.apiTokens.values()].map((t) => ({ name: t.name, token: t.token, roles: t.roles, status: t.status })),
    };
  }

  currentNonce(now: number): string {
    if (!this.nonces.length || now - this.nonceRotatedAt > 86_400_000) {
      this.nonces.unshift(randomBytes(24).toString("base64url"));
      this.nonces = this.nonces.slice(0, 3); // old nonces stay valid for about three days
      this.nonceRotatedAt = now;
    }
    return this.nonces[0];
  }

  private prune(now: number) {
    if (this.usedAssertionJti.size + this.usedDpopJti.size < 50_000) return;
    for (const [k, exp] of this.usedAssertionJti) if (exp < now) this.usedAssertionJti.delete(k);
    for (const [k, exp] of this.usedDpopJti) if (exp < now) this.usedDpopJti.delete(k);
    for (const [k, t] of this.access) if (t.exp < now) this.access.delete(k);
  }

  // ---------------- POST /oauth2/v1/token ----------------

  async token(
    form: URLSearchParams,
    headers: Record<string, string | string[] | undefined>,
    base: string,
    now: number,
    tenant?: Tenant,
  ): Promise<Reply> {
    this.prune(now);
    const authz = String(headers.authorization ?? "");
    const basic = /^basic\s+/i.test(authz) ? Buffer.from(authz.replace(/^basic\s+/i, ""), "base64").toString() : null;
    const assertion = form.get("client_assertion");
    const postSecret = form.get("client_secret");
    const provided = [basic !== null, !!assertion, !!postSecret].filter(Boolean).length;
    if (provided > 1)
      return oauthError(
        400,
        "invalid_request",
        "Can't supply multiple client credentials. Use one of the following: credentials in the Authorization header, credentials in the post body, or a `client_assertion` in the post body.",
      );
    // The second step of sign-in with Okta (emulator/oidc.ts): an OIDC web app's code for tokens.
    if (form.get("grant_type") === "authorization_code" && tenant) return this.oidc.codeGrant(tenant, form, headers, base, now);
    if (form.get("grant_type") !== "client_credentials") {
      if (!form.get("grant_type")) return oauthError(400, "invalid_request", "The request is missing a required parameter: 'grant_type'.");
      return oauthError(400, "unsupported_grant_type", `The grant type in the request isn't supported.`);
    }
    if (provided === 0) return oauthError(401, "invalid_client", "No client credentials found.");

    let app: AppCred | undefined;
    if (basic !== null || postSecret) {
      const [id, secret] =
        basic !== null
          ? [basic.slice(0, basic.indexOf(":")), basic.slice(basic.indexOf(":") + 1)]
          : [form.get("client_id") ?? "", postSecret!];
      app = this.apps.get(decodeURIComponent(id));
      if (app?.status !== "ACTIVE") return oauthError(401, "invalid_client", "Invalid value for 'client_id' parameter.");
      if (app.kind === "service") return oauthError(401, "invalid_client", PRIVATE_KEY_ONLY);
      if (basic === null)
        return oauthError(
          401,
          "invalid_client",
          "OAuth Integration Client Credentials requests to the Org Authorization Server must use either the private_key_jwt or client_secret_basic token_endpoint_auth_method.",
        );
      if (!app.clientSecret || !safeEqual(secret, app.clientSecret))
        return oauthError(401, "invalid_client", "The client secret supplied for a confidential client is invalid.");
    } else {
      if (form.get("client_assertion_type") !== CLIENT_ASSERTION_TYPE)
        return oauthError(400, "invalid_request", "The client_assertion_type parameter is missing or invalid.");
      const r = await this.verifyAssertion(assertion!, base, now);
      if ("status" in r) return r;
      app = r.app;
    }

    const requested = (form.get("scope") ?? "").split(/\s+/).filter(Boolean);
    if (!requested.length) return oauthError(400, "invalid_scope", "No scopes were requested.");
    if (requested.includes("openid")) return oauthError(400, "invalid_scope", "Cannot request 'openid' scopes using client credentials.");
    // Okta silently drops requested scopes the app was not granted; none at all is an error.
    const granted = requested.filter((s) => app!.scopes.includes(s));
    if (!granted.length)
      return oauthError(400, "invalid_scope", `The following scopes are not allowed for this request: [${requested.join(", ")}]`);

    let jkt: string | undefined;
    if (app.dpopRequired) {
      const proof = headers.dpop;
      if (!proof || Array.isArray(proof)) return oauthError(400, "invalid_dpop_proof", "The DPoP proof JWT header is missing.");
      const v = await this.verifyDpop(proof, "POST", `${base}/oauth2/v1/token`, now, { requireNonce: true });
      if ("error" in v) {
        if (v.error === "use_dpop_nonce")
          return oauthError(400, "use_dpop_nonce", "Authorization server requires nonce in DPoP proof.", {
            "dpop-nonce": this.currentNonce(now),
          });
        return oauthError(400, "invalid_dpop_proof", v.description);
      }
      jkt = v.jkt;
    }

    const iat = Math.floor(now / 1000);
    const jti = `AT.${randomBytes(24).toString("base64url")}`;
    const accessToken = await new jose.SignJWT({
      ver: 1,
      jti,
      iss: base,
      aud: base,
      sub: app.clientId,
      cid: app.clientId,
      scp: granted,
      ...(jkt ? { cnf: { jkt } } : {}),
    })
      .setProtectedHeader({ kid: this.signingKid, alg: "RS256" })
      .setIssuedAt(iat)
      .setExpirationTime(iat + this.tokenLifetimeSec)
      .sign(this.signing.privateKey);
    this.access.set(accessToken, { clientId: app.clientId, scopes: granted, exp: (iat + this.tokenLifetimeSec) * 1000, jkt });
    return {
      status: 200,
      headers: { "cache-control": "no-cache, no-store", pragma: "no-cache" },
      body: { token_type: jkt ? "DPoP" : "Bearer", expires_in: this.tokenLifetimeSec, access_token: accessToken, scope: granted.join(" ") },
    };
  }

  private async verifyAssertion(jwt: string, base: string, now: number): Promise<{ app: AppCred } | Reply> {
    let header: jose.ProtectedHeaderParameters;
    let claims: jose.JWTPayload;
    try {
      header = jose.decodeProtectedHeader(jwt);
      claims = jose.decodeJwt(jwt);
    } catch {
      return oauthError(401, "invalid_client", "The client_assertion token is invalid.");
    }
    const app = this.apps.get(String(claims.iss ?? claims.sub ?? ""));
    if (app?.status !== "ACTIVE") return oauthError(401, "invalid_client", "Invalid value for 'client_id' parameter.");
    if (claims.sub !== claims.iss)
      return oauthError(
        401,
        "invalid_client",
        "The client_assertion token has an invalid 'sub' claim; it must match the 'iss' claim and the client_id.",
      );
    if (!app.jwks.length) return oauthError(401, "invalid_client", "The client_assertion signature is invalid.");
    if (!header.alg || !ASYMMETRIC.has(header.alg))
      return oauthError(401, "invalid_client", "The client_assertion token has an invalid signing algorithm.");
    let key: jose.JWK | undefined;
    if (header.kid) key = app.jwks.find((k) => k.kid === header.kid);
    else if (app.jwks.length === 1) key = app.jwks[0];
    if (!key) return oauthError(401, "invalid_client", "The client_assertion JWT kid is invalid.");
    try {
      await jose.compactVerify(jwt, await jose.importJWK({ ...key, alg: header.alg }, header.alg));
    } catch {
      return oauthError(401, "invalid_client", "The client_assertion signature is invalid.");
    }
    const aud = Array.isArray(claims.aud) ? claims.aud : [claims.aud];
    if (!aud.includes(`${base}/oauth2/v1/token`))
      return oauthError(401, "invalid_client", "The audience claim for client_assertion must be the endpoint invoked for the request.");
    const nowSec = now / 1000;
    if (typeof claims.exp !== "number")
      return oauthError(401, "invalid_client", "The client_assertion token is missing an expiration time.");
    if (claims.exp < nowSec - 30) return oauthError(401, "invalid_client", "The client_assertion token is expired.");
    if (claims.exp - nowSec > 3600 + 30)
      return oauthError(401, "invalid_client", "The client_assertion token has an expiration too far in the future.");
    if (typeof claims.iat === "number" && claims.iat > nowSec + 60)
      return oauthError(401, "invalid_client", "The client_assertion token has an issued-at time in the future.");
    if (claims.jti) {
      const k = `${app.clientId}:${claims.jti}`;
      if (this.usedAssertionJti.has(k)) return oauthError(401, "invalid_client", "The client_assertion token has already been used.");
      this.usedAssertionJti.set(k, claims.exp * 1000);
    }
    return { app };
  }

  /** RFC 9449 proof checks shared by the token endpoint and resource calls. */
  async verifyDpop(
    proof: string,
    htm: string,
    htu: string,
    now: number,
    o: { requireNonce?: boolean; accessToken?: string; jkt?: string },
  ): Promise<{ jkt: string } | { error: string; description: string }> {
    const bad = (description: string) => ({ error: "invalid_dpop_proof", description });
    let header: jose.ProtectedHeaderParameters;
    let claims: jose.JWTPayload & { htm?: string; htu?: string; ath?: string; nonce?: string };
    try {
      header = jose.decodeProtectedHeader(proof);
      claims = jose.decodeJwt(proof);
    } catch {
      return bad("The DPoP proof JWT is malformed.");
    }
    if (header.typ !== "dpop+jwt") return bad("The DPoP proof JWT has an invalid 'typ' header; it must be 'dpop+jwt'.");
    if (!header.alg || !ASYMMETRIC.has(header.alg)) return bad("The DPoP proof JWT has an unsupported 'alg'.");
    if (!header.jwk || typeof header.jwk !== "object" || "d" in header.jwk) return bad("The DPoP proof JWT has an invalid 'jwk' header.");
    try {
      await jose.compactVerify(proof, await jose.importJWK(header.jwk as jose.JWK, header.alg));
    } catch {
      return bad("The DPoP proof JWT signature is invalid.");
    }
    if (claims.htm !== htm) return bad("'htm' claim in the DPoP proof JWT is invalid.");
    if (typeof claims.htu !== "string" || stripQuery(claims.htu) !== htu) return bad("'htu' claim in the DPoP proof JWT is invalid.");
    if (typeof claims.iat !== "number" || Math.abs(now / 1000 - claims.iat) > 300)
      return bad("The DPoP proof JWT is too old or its 'iat' is in the future.");
    if (!claims.jti) return bad("The DPoP proof JWT is missing the 'jti' claim.");
    const jkt = await jose.calculateJwkThumbprint(header.jwk as jose.JWK, "sha256");
    if (o.requireNonce && (!claims.nonce || !this.nonces.includes(String(claims.nonce)))) {
      this.currentNonce(now);
      if (!claims.nonce || !this.nonces.includes(String(claims.nonce)))
        return { error: "use_dpop_nonce", description: "Authorization server requires nonce in DPoP proof." };
    }
    if (o.accessToken !== undefined) {
      const ath = createHash("sha256").update(o.accessToken, "ascii").digest("base64url");
      if (claims.ath !== ath) return bad("'ath' claim in the DPoP proof does not match the presented access_token.");
      if (o.jkt && o.jkt !== jkt) return bad("The DPoP proof JWT key does not match the key the access_token is bound to.");
    }
    if (this.usedDpopJti.has(String(claims.jti))) return bad("The DPoP proof JWT has already been used.");
    this.usedDpopJti.set(String(claims.jti), now + 600_000);
    return { jkt };
  }

  // ---------------- resource requests ----------------

  /** Who is calling, or the reply Okta would send instead. `resource` is the decoded request path. */
  async authenticate(
    headers: Record<string, string | string[] | undefined>,
    method: string,
    base: string,
    resource: string,
    now: number,
    ssws: (token: ApiTokenCred) => boolean = () => true,
  ): Promise<Principal | Reply> {
    const authz = String(headers.authorization ?? "");
    const m = /^(SSWS|Bearer|DPoP)\s+(.+)$/i.exec(authz.trim());
    if (!m) return { status: 403, body: oktaError("E0000005", "Invalid session") };
    const scheme = m[1].toLowerCase();
    const token = m[2].trim();
    if (scheme === "ssws") {
      const t = this.apiTokens.get(token);
      if (t?.status !== "ACTIVE" || !ssws(t)) return { status: 401, body: oktaError("E0000011", "Invalid token provided") };
      return {
        kind: "ssws",
        key: `token:${t.name}`,
        name: t.name,
        roles: t.roles,
        scopes: null,
        userSeq: t.userSeq,
        share: t.rateLimitPercent / 100,
      };
    }
    const rec = this.access.get(token);
    const app = rec && this.apps.get(rec.clientId);
    const wwwBase = (s: string) =>
      `${s === "dpop" ? `DPoP algs="${DPOP_ALGS}", ` : "Bearer "}authorization_uri="http://${host(base)}/oauth2/v1/authorize", realm="http://${host(base)}"`;
    const invalidToken = (desc: string) => ({
      status: 401,
      headers: { "www-authenticate": `${wwwBase(scheme)}, error="invalid_token", error_description="${desc}", resource="${resource}"` },
    });
    if (!rec || !app) return invalidToken("The access token is invalid.");
    if (rec.revoked || app.status !== "ACTIVE") return invalidToken("The access token is invalid.");
    if (rec.exp <= now) return invalidToken("The access token is expired.");
    if (scheme === "dpop") {
      if (!rec.jkt) return invalidToken("The presented access_token is not DPoP bound.");
      const proof = headers.dpop;
      if (!proof || Array.isArray(proof))
        return {
          status: 400,
          headers: {
            "www-authenticate": `${wwwBase("dpop")}, error="invalid_request", error_description="The resource request requires a DPoP proof.", resource="${resource}"`,
          },
        };
      const v = await this.verifyDpop(proof, method, `${base}${resource}`, now, { accessToken: token, jkt: rec.jkt });
      if ("error" in v)
        return {
          status: 400,
          headers: {
            "www-authenticate": `${wwwBase("dpop")}, error="${v.error}", error_description="${v.description}", resource="${resource}"`,
          },
        };
    } else if (rec.jkt) {
      return {
        status: 400,
        headers: {
          "www-authenticate": `${wwwBase("dpop")}, error="invalid_request", error_description="The resource request must use the DPoP authentication scheme when using a DPoP bound token.", resource="${resource}"`,
        },
      };
    }
    // A scope removed from the app after issuance stops working at once (grant revoked).
    const scopes = rec.scopes.filter((s) => app.scopes.includes(s));
    return {
      kind: "oauth",
      key: `app:${app.clientId}`,
      name: app.name,
      roles: app.roles,
      scopes,
      clientId: app.clientId,
      dpop: !!rec.jkt,
      share: app.rateLimitPercent / 100,
    };
  }

  insufficientScope(p: Principal, base: string, scope: string, resource: string): Reply {
    const scheme = p.kind === "oauth" && p.dpop ? `DPoP algs="${DPOP_ALGS}", ` : "Bearer ";
    return {
      status: 403,
      headers: {
        "www-authenticate": `${scheme}authorization_uri="http://${host(base)}/oauth2/v1/authorize", realm="http://${host(base)}", scope="${scope}", error="insufficient_scope", error_description="The access token provided does not contain the required scopes.", resource="${resource}"`,
      },
    };
  }

  jwks() {
    return {
      keys: [{ ...(this.signing.publicKey.export({ format: "jwk" }) as jose.JWK), kid: this.signingKid, alg: "RS256", use: "sig" }],
    };
  }
}

export function hasScope(p: Principal, scope: string): boolean {
  if (p.kind === "ssws") return true;
  const manage = scope.replace(/\.read$/, ".manage");
  return p.scopes.includes(scope) || p.scopes.includes(manage);
}

const host = (base: string) => base.replace(/^https?:\/\//, "");
const stripQuery = (u: string) => u.split("?")[0].split("#")[0];

function safeEqual(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

let errorCounter = 0;
export function oktaError(code: string, summary: string, causes: string[] = []) {
  return {
    errorCode: code,
    errorSummary: summary,
    errorLink: code,
    errorId: `oae${Buffer.from(`${Date.now()}-${++errorCounter}`).toString("base64url").slice(0, 22)}`,
    errorCauses: causes.map((c) => ({ errorSummary: c })),
  };
}
