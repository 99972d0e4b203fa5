// Sign-in with Okta as the org authorization server does it for an OIDC web app: /oauth2/v1/authorize
// (authorization code; PKCE with S256 only; `state` required), a sign-in page of the emulator's own
// (a person types a login and password, or a test names one user who is signed in at once), the
// token endpoint's authorization_code grant (client_secret_basic or client_secret_post, the code once
// and within 300 s, the same redirect_uri, the PKCE verifier), ID tokens signed RS256 with the org's
// key (`iss`, `aud`, `nonce`, `groups` from the app's groups claim filter), and /oauth2/v1/userinfo.
// Checked against emulator/okta-spec/oauth-minimal.yaml (paths /oauth2/v1/authorize, /token,
// /userinfo, /keys; OidcMetadata; the OAuthError examples).
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import * as jose from "jose";
import { EVERYONE, type Tenant, type UserRec } from "./state";

/** An answer of the token or userinfo endpoint (the same shape as auth.ts's, declared here so neither imports the other). */
export interface Reply {
  status: number;
  headers?: Record<string, string>;
  body?: unknown;
}

/** The password every ACTIVE user of the emulated org signs in with, unless a test set another. */
export const DEFAULT_PASSWORD = "Okta-emulator-1";

export interface OidcClient {
  name: string;
  clientId: string;
  clientSecret: string;
  redirectUris: string[];
  /** Okta's "Groups claim filter" (name `groups`, Matches regex); null: no groups claim. */
  groupsClaimRegex: string | null;
  /** Group ids assigned to the app; null: everyone (the Everyone group) is assigned. */
  assignedGroupIds: string[] | null;
  status: "ACTIVE" | "INACTIVE";
}

interface AuthorizeRequest {
  clientId: string;
  redirectUri: string;
  scopes: string[];
  state: string;
  nonce: string | null;
  codeChallenge: string | null;
  responseMode: "query" | "form_post";
  loginHint: string | null;
  at: number;
}

interface CodeRec {
  req: AuthorizeRequest;
  userSeq: number;
  authTime: number;
  exp: number;
}

/** What a test can make the next ID tokens get wrong, to prove the console checks them. */
export interface IdTokenTamper {
  nonce?: string;
  aud?: string;
  iss?: string;
  /** Sign with a key the org does not publish. */
  foreignKey?: boolean;
}

const CODE_LIFETIME_MS = 300_000;
const TXN_LIFETIME_MS = 600_000;
const SCOPES = new Set(["openid", "profile", "email", "address", "phone", "offline_access", "groups"]);
/** Okta puts at most 100 groups in a groups claim. */
const MAX_GROUPS = 100;

const oauthError = (status: number, error: string, description: string): Reply => ({
  status,
  headers: { "cache-control": "no-store", pragma: "no-cache" },
  body: { error, error_description: description },
});

export class OidcStore {
  clients = new Map<string, OidcClient>();
  /** login (lower case) → password, for users a test gave their own */
  passwords = new Map<string, string>();
  /** A login signed in at /authorize without the sign-in page (as an existing Okta session would). */
  autoApprove: string | null = null;
  tamper: IdTokenTamper | null = null;
  private foreign = jose.generateKeyPair("RS256", { extractable: true });
  private codes = new Map<string, CodeRec>();
  private txns = new Map<string, AuthorizeRequest>();
  private userinfoTokens = new Map<string, { userSeq: number; scopes: string[]; exp: number }>();
  /** Authorize requests seen, newest last (tests read the PKCE parameters the console sent). */
  readonly seen: { clientId: string; codeChallenge: string | null; codeChallengeMethod: string | null; nonce: string | null }[] = [];

  constructor(
    private readonly signing: () => { privateKey: import("node:crypto").KeyObject; kid: string },
    private readonly lifetimeSec: () => number,
  ) {}

  addClient(p: { name: string; redirectUris: string[]; groupsClaimRegex?: string | null; assignedGroupIds?: string[] | null }): OidcClient {
    const c: OidcClient = {
      name: p.name,
      clientId: `0oa${randomBytes(12).toString("base64url").replace(/[-_]/g, "x").slice(0, 17)}`,
      clientSecret: randomBytes(30).toString("base64url"),
      redirectUris: [...p.redirectUris],
      groupsClaimRegex: p.groupsClaimRegex === undefined ? ".*" : p.groupsClaimRegex,
      assignedGroupIds: p.assignedGroupIds ?? null,
      status: "ACTIVE",
    };
    this.clients.set(c.clientId, c);
    return c;
  }

  passwordOk(u: UserRec, password: string): boolean {
    const expected = this.passwords.get(String(u.profile.login).toLowerCase()) ?? DEFAULT_PASSWORD;
    const a = Buffer.from(password);
    const b = Buffer.from(expected);
    return a.length === b.length && timingSafeEqual(a, b);
  }

  // ---------------- GET|POST /oauth2/v1/authorize ----------------

  /** The browser's request to sign in. Returns a redirect, the sign-in page, or an error page. */
  authorize(t: Tenant, params: URLSearchParams, now: number): HttpOut {
    const clientId = params.get("client_id");
    const client = clientId ? this.clients.get(clientId) : undefined;
    // Without a known client and one of its redirect URIs, Okta shows an error page (it cannot trust the redirect).
    if (client?.status !== "ACTIVE")
      return errorPage(400, "invalid_client", "The client_id provided is invalid or the client app is inactive.");
    const redirectUri = params.get("redirect_uri") ?? "";
    if (!client.redirectUris.includes(redirectUri))
      return errorPage(400, "invalid_request", "The 'redirect_uri' parameter must be a Login redirect URI in the client app settings.");
    const state = params.get("state");
    const responseMode = params.get("response_mode") ?? "query";
    const back = (error: string, description: string) =>
      redirectWith(redirectUri, { error, error_description: description, state: state ?? undefined });
    if (responseMode !== "query" && responseMode !== "form_post")
      return back("invalid_request", `The response_mode '${responseMode}' is not supported for this response type.`);
    if (!state) return back("invalid_request", "The authorization request is missing a required parameter: 'state'.");
    const responseType = params.get("response_type");
    if (!responseType) return back("invalid_request", "The authorization request is missing a required parameter: 'response_type'.");
    if (responseType !== "code")
      return back(
        "unsupported_response_type",
        `The response type is not supported by the authorization server. Configured response types: [code].`,
      );
    const scopes = (params.get("scope") ?? "").split(/\s+/).filter(Boolean);
    if (!scopes.includes("openid")) return back("invalid_scope", "The authentication request has an invalid 'scope' parameter.");
    const unknown = scopes.filter((s) => !SCOPES.has(s));
    if (unknown.length) return back("invalid_scope", `One or more scopes are not configured for the authorization server resource.`);
    const challenge = params.get("code_challenge");
    const method = params.get("code_challenge_method");
    if (challenge && method !== "S256")
      return back("invalid_request", "PKCE code challenge method must be 'S256'; 'plain' and a missing method are not supported.");
    if (challenge && !/^[A-Za-z0-9_-]{43,128}$/.test(challenge))
      return back("invalid_request", "PKCE code challenge contains illegal characters or is the wrong length.");
    this.seen.push({ clientId: client.clientId, codeChallenge: challenge, codeChallengeMethod: method, nonce: params.get("nonce") });
    if (this.seen.length > 100) this.seen.shift();
    const req: AuthorizeRequest = {
      clientId: client.clientId,
      redirectUri,
      scopes,
      state,
      nonce: params.get("nonce"),
      codeChallenge: challenge,
      responseMode: responseMode as AuthorizeRequest["responseMode"],
      loginHint: params.get("login_hint"),
      at: now,
    };
    if (this.autoApprove) {
      const u = findUser(t, this.autoApprove);
      if (u && u.status === "ACTIVE") return this.finish(t, client, req, u, now);
    }
    this.prune(now);
    const txn = randomBytes(18).toString("base64url");
    this.txns.set(txn, req);
    return signInPage(txn, client.name, req.loginHint ?? "", null);
  }

  /** POST /login/emulator: the sign-in page's form. */
  signIn(t: Tenant, form: URLSearchParams, now: number): HttpOut {
    const txn = form.get("txn") ?? "";
    const req = this.txns.get(txn);
    if (!req || now - req.at > TXN_LIFETIME_MS)
      return errorPage(400, "invalid_request", "The sign-in request expired. Start again from the app.");
    const client = this.clients.get(req.clientId);
    if (!client) return errorPage(400, "invalid_client", "The client app no longer exists.");
    const login = (form.get("username") ?? "").trim();
    const u = findUser(t, login);
    // Okta says the same for an unknown user, a wrong password and an account that cannot sign in.
    if (u?.status !== "ACTIVE" || !this.passwordOk(u, form.get("password") ?? ""))
      return signInPage(txn, client.name, login, "Unable to sign in");
    this.txns.delete(txn);
    return this.finish(t, client, req, u, now);
  }

  private finish(t: Tenant, client: OidcClient, req: AuthorizeRequest, u: UserRec, now: number): HttpOut {
    if (!assigned(t, client, u))
      return redirectWith(req.redirectUri, {
        error: "access_denied",
        error_description: "User is not assigned to the client application.",
        state: req.state,
      });
    const code = randomBytes(32).toString("base64url");
    this.codes.set(code, { req, userSeq: u.seq, authTime: now, exp: now + CODE_LIFETIME_MS });
    if (req.responseMode === "form_post") return formPost(req.redirectUri, { code, state: req.state });
    return redirectWith(req.redirectUri, { code, state: req.state });
  }

  // ---------------- POST /oauth2/v1/token, grant_type=authorization_code ----------------

  async codeGrant(
    t: Tenant,
    form: URLSearchParams,
    headers: Record<string, string | string[] | undefined>,
    base: string,
    now: number,
  ): Promise<Reply> {
    const authz = String(headers.authorization ?? "");
    let clientId: string;
    let secret: string | null;
    if (/^basic\s+/i.test(authz)) {
      const basic = Buffer.from(authz.replace(/^basic\s+/i, ""), "base64").toString();
      const i = basic.indexOf(":");
      clientId = decodeURIComponent(basic.slice(0, i).replace(/\+/g, " "));
      secret = decodeURIComponent(basic.slice(i + 1).replace(/\+/g, " "));
    } else {
      clientId = form.get("client_id") ?? "";
      secret = form.get("client_secret");
    }
    if (!clientId && secret === null) return oauthError(401, "invalid_client", "No client credentials found.");
    const client = this.clients.get(clientId);
    if (client?.status !== "ACTIVE") return oauthError(401, "invalid_client", "Invalid value for 'client_id' parameter.");
    if (secret === null) return oauthError(401, "invalid_client", "No client credentials found.");
    if (!safeEqual(secret, client.clientSecret))
      return oauthError(401, "invalid_client", "The client secret supplied for a confidential client is invalid.");
    const code = form.get("code");
    if (!code) return oauthError(400, "invalid_request", "The request is missing a required parameter: 'code'.");
    const rec = this.codes.get(code);
    // A code is good once: the first exchange consumes it, whatever its outcome.
    this.codes.delete(code);
    if (!rec || rec.exp <= now) return oauthError(400, "invalid_grant", "The authorization code is invalid or has expired.");
    if (rec.req.clientId !== client.clientId)
      return oauthError(
        400,
        "invalid_grant",
        "The grant was issued to another client. Ensure that the `client_id` matches the one used at the authorize request.",
      );
    if (form.get("redirect_uri") !== rec.req.redirectUri)
      return oauthError(400, "invalid_grant", "The 'redirect_uri' does not match the redirection URI used in the authorization request.");
    if (rec.req.codeChallenge) {
      const verifier = form.get("code_verifier") ?? "";
      const computed = createHash("sha256").update(verifier, "ascii").digest("base64url");
      if (!/^[A-Za-z0-9._~-]{43,128}$/.test(verifier) || computed !== rec.req.codeChallenge)
        return oauthError(400, "invalid_grant", "PKCE verification failed.");
    } else if (form.get("code_verifier")) {
      return oauthError(400, "invalid_grant", "PKCE verification failed.");
    }
    const u = t.users[rec.userSeq];
    if (!u || u.deleted || u.status !== "ACTIVE")
      return oauthError(400, "invalid_grant", "The authorization code is invalid or has expired.");

    const iat = Math.floor(now / 1000);
    const exp = iat + this.lifetimeSec();
    const accessToken = randomBytes(32).toString("base64url");
    this.userinfoTokens.set(accessToken, { userSeq: u.seq, scopes: rec.req.scopes, exp: exp * 1000 });
    const idToken = await this.idToken(t, client, rec, u, base, iat, exp, accessToken);
    return {
      status: 200,
      headers: { "cache-control": "no-cache, no-store", pragma: "no-cache" },
      body: { token_type: "Bearer", expires_in: exp - iat, access_token: accessToken, scope: rec.req.scopes.join(" "), id_token: idToken },
    };
  }

  private async idToken(
    t: Tenant,
    client: OidcClient,
    rec: CodeRec,
    u: UserRec,
    base: string,
    iat: number,
    exp: number,
    accessToken: string,
  ) {
    const tamper = this.tamper ?? {};
    const claims: Record<string, unknown> = {
      ver: 1,
      jti: `ID.${randomBytes(24).toString("base64url")}`,
      amr: ["pwd"],
      idp: t.orgId,
      auth_time: Math.floor(rec.authTime / 1000),
      at_hash: createHash("sha256").update(accessToken, "ascii").digest().subarray(0, 16).toString("base64url"),
      ...(rec.req.nonce !== null || tamper.nonce !== undefined ? { nonce: tamper.nonce ?? rec.req.nonce } : {}),
      ...profileClaims(t, client, u, rec.req.scopes),
    };
    const key = tamper.foreignKey ? { privateKey: (await this.foreign).privateKey, kid: "foreign-key" } : this.signing();
    return new jose.SignJWT(claims)
      .setProtectedHeader({ kid: key.kid, alg: "RS256" })
      .setSubject(u.id)
      .setIssuer(tamper.iss ?? base)
      .setAudience(tamper.aud ?? client.clientId)
      .setIssuedAt(iat)
      .setExpirationTime(exp)
      .sign(key.privateKey);
  }

  // ---------------- GET|POST /oauth2/v1/userinfo ----------------

  userinfo(t: Tenant, headers: Record<string, string | string[] | undefined>, base: string, now: number): Reply {
    const m = /^Bearer\s+(.+)$/i.exec(String(headers.authorization ?? "").trim());
    const rec = m ? this.userinfoTokens.get(m[1]) : undefined;
    const u = rec ? t.users[rec.userSeq] : undefined;
    if (!rec || rec.exp <= now || !u || u.deleted || u.status !== "ACTIVE")
      return {
        status: 401,
        headers: {
          "www-authenticate": `Bearer authorization_uri="${base}/oauth2/v1/authorize", realm="${base}", error="invalid_token", error_description="The access token is invalid."`,
        },
      };
    return { status: 200, body: { sub: u.id, ...profileClaims(t, null, u, rec.scopes) } };
  }

  /** DELETE /users/{id}/sessions?oauthTokens=true: the user's access tokens stop working at once. */
  revokeUserTokens(userSeq: number) {
    for (const [k, r] of this.userinfoTokens) if (r.userSeq === userSeq) this.userinfoTokens.delete(k);
  }

  private prune(now: number) {
    if (this.codes.size + this.txns.size + this.userinfoTokens.size < 10_000) return;
    for (const [k, c] of this.codes) if (c.exp <= now) this.codes.delete(k);
    for (const [k, r] of this.txns) if (now - r.at > TXN_LIFETIME_MS) this.txns.delete(k);
    for (const [k, r] of this.userinfoTokens) if (r.exp <= now) this.userinfoTokens.delete(k);
  }

  summary() {
    return {
      defaultPassword: DEFAULT_PASSWORD,
      autoApprove: this.autoApprove,
      tamper: this.tamper,
      clients: [...this.clients.values()],
      usersWithOwnPassword: [...this.passwords.keys()],
      authorizeRequests: this.seen,
    };
  }
}

/** The profile, email and groups claims the granted scopes allow (userinfo gets no groups filter: client null). */
function profileClaims(t: Tenant, client: OidcClient | null, u: UserRec, scopes: string[]): Record<string, unknown> {
  const p = u.profile;
  const out: Record<string, unknown> = {};
  if (scopes.includes("profile")) {
    out.name = [p.firstName, p.lastName].filter(Boolean).join(" ");
    out.preferred_username = p.login;
    out.given_name = p.firstName ?? null;
    out.family_name = p.lastName ?? null;
    out.locale = p.locale ?? "en_US";
    out.zoneinfo = p.timezone ?? "America/Los_Angeles";
    out.updated_at = Math.floor(u.lastUpdated / 1000);
  }
  if (scopes.includes("email")) {
    out.email = p.email;
    out.email_verified = true;
  }
  if (client?.groupsClaimRegex != null && scopes.includes("groups")) {
    const re = new RegExp(`^(?:${client.groupsClaimRegex})$`);
    const names = ["Everyone", ...u.groups.map((seq) => String(t.groups[seq]?.deleted ? "" : (t.groups[seq]?.profile.name ?? "")))];
    out.groups = names.filter((n) => n && re.test(n)).slice(0, MAX_GROUPS);
  }
  return out;
}

function findUser(t: Tenant, login: string): UserRec | undefined {
  const seq = t.userSeqByLogin.get(login.toLowerCase()) ?? t.userSeqById.get(login);
  const u = seq === undefined ? undefined : t.users[seq];
  return u && !u.deleted ? u : undefined;
}

function assigned(t: Tenant, client: OidcClient, u: UserRec): boolean {
  if (client.assignedGroupIds === null) return true;
  return client.assignedGroupIds.some((id) => {
    const seq = t.groupSeqById.get(id);
    return seq === EVERYONE || (seq !== undefined && u.groups.includes(seq));
  });
}

function safeEqual(a: string, b: string) {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

// ---------------- HTTP answers that are not JSON ----------------

export interface HttpOut {
  status: number;
  headers: Record<string, string>;
  body?: string;
}

function redirectWith(uri: string, params: Record<string, string | undefined>): HttpOut {
  const url = new URL(uri);
  for (const [k, v] of Object.entries(params)) if (v !== undefined) url.searchParams.set(k, v);
  // The code and state ride in the query: Okta sends no Referer with them.
  return { status: 302, headers: { location: url.toString(), "referrer-policy": "no-referrer", "cache-control": "no-store" } };
}

const esc = (s: string) => s.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);

const PAGE_HEAD = `<!doctype html><html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">`;
const STYLE = `<style>body{font-family:system-ui,sans-serif;background:#f4f4f5;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}main{background:#fff;border:1px solid #d4d4d8;border-radius:8px;padding:32px;width:100%;max-width:360px;box-sizing:border-box}h1{font-size:20px;margin:0 0 4px}p{color:#52525b;font-size:14px}label{display:block;font-size:14px;font-weight:600;margin:16px 0 4px}input{width:100%;box-sizing:border-box;padding:8px;border:1px solid #71717a;border-radius:4px;font-size:14px}button{margin-top:20px;width:100%;padding:10px;background:#1662dd;color:#fff;border:0;border-radius:4px;font-size:15px;font-weight:600;cursor:pointer}.error{background:#fef2f2;color:#991b1b;border:1px solid #fecaca;padding:8px;border-radius:4px}</style>`;
const NO_STORE = { "content-type": "text/html; charset=utf-8", "cache-control": "no-store", "x-frame-options": "DENY" };

function signInPage(txn: string, appName: string, username: string, error: string | null): HttpOut {
  const body = `${PAGE_HEAD}<title>Sign in · Okta emulator</title>${STYLE}</head><body><main>
<h1>Sign in</h1><p>to ${esc(appName)} (Okta emulator)</p>
${error ? `<p class="error" role="alert">${esc(error)}</p>` : ""}
<form method="post" action="/login/emulator">
<input type="hidden" name="txn" value="${esc(txn)}">
<label for="username">Username</label><input id="username" name="username" autocomplete="username" value="${esc(username)}" required autofocus>
<label for="password">Password</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">Sign in</button>
</form></main></body></html>`;
  return { status: error ? 401 : 200, headers: NO_STORE, body };
}

function errorPage(status: number, error: string, description: string): HttpOut {
  const body = `${PAGE_HEAD}<title>Error · Okta emulator</title>${STYLE}</head><body><main>
<h1>${esc(error)}</h1><p class="error">${esc(description)}</p></main></body></html>`;
  return { status, headers: NO_STORE, body };
}

/** response_mode=form_post: a page that posts the code to the app (it runs one inline script, as Okta's does). */
function formPost(uri: string, params: Record<string, string>): HttpOut {
  const inputs = Object.entries(params)
    .map(([k, v]) => `<input type="hidden" name="${esc(k)}" value="${esc(v)}">`)
    .join("");
  const body = `${PAGE_HEAD}<title>Signing in</title></head><body><form method="post" action="${esc(uri)}">${inputs}<noscript><button type="submit">Continue</button></noscript></form><script>document.forms[0].submit()</script></body></html>`;
  return { status: 200, headers: NO_STORE, body };
}
