// How each request is authorized. SSWS for API tokens; for OAuth service apps, client_credentials at
// the org authorization server with private_key_jwt or client_secret_basic, switching to DPoP by
// itself when the token endpoint asks for it (invalid_dpop_proof / use_dpop_nonce). Tokens are reused
// until a minute before expiry and shared by concurrent callers; a 401 invalid_token refreshes once.
import { type KeyObject, randomUUID } from "node:crypto";
import { type JWK, SignJWT } from "jose";
import { z } from "zod";
import { type ParsedPrivateKey, parsePrivateKey } from "@/lib/crypto/keys";
import { createDpopKey, type DpopKey, dpopProof, importDpopKey } from "./dpop";
import { classifyOktaError, OktaApiError, scopesFromDescription } from "./errors";
import type { SafeResponse } from "./ssrf";

export type OktaCredentials =
  | {
      method: "private_key_jwt";
      clientId: string;
      privateKey: string | JWK | KeyObject;
      keyId?: string;
      scopes: string[];
      /** A DPoP key kept from an earlier session (private JWK), so DPoP starts without a failed round trip. */
      dpopKey?: JWK;
    }
  | { method: "client_secret"; clientId: string; clientSecret: string; scopes: string[]; dpopKey?: JWK }
  | { method: "api_token"; token: string };

export interface CachedToken {
  accessToken: string;
  tokenType: "Bearer" | "DPoP";
  /** Epoch ms. */
  expiresAt: number;
  scopes: string[];
  /** The private DPoP key the token is bound to. */
  dpopJwk?: JWK;
}

export interface TokenCache {
  get(): Promise<CachedToken | null>;
  set(t: CachedToken): Promise<void>;
}

/** Sends one token request through the client's guarded, governed, retrying transport. */
export type TokenSender = (build: () => Promise<{ headers: Record<string, string>; body: string }>) => Promise<SafeResponse>;

const REFRESH_MARGIN_MS = 60_000;

const tokenResponse = z.object({
  access_token: z.string().min(1),
  token_type: z.string(),
  expires_in: z.coerce.number().positive().default(3600),
  scope: z.string().optional(),
});

export interface Authorizer {
  /** Headers that authorize one resource call (a fresh DPoP proof each time). */
  headersFor(method: string, url: string): Promise<Record<string, string>>;
  /** After a 401 invalid_token: drop the token so the next call gets a new one. True if that can help. */
  invalidate(): boolean;
  /** After a resource server asked for a DPoP nonce. */
  setResourceNonce(nonce: string): void;
  /** Token acquisition on its own (verification). */
  token(): Promise<CachedToken | null>;
  info(): { usesDpop: boolean; grantedScopes: string[] | null; notGrantedScopes: string[]; dpopKey?: JWK };
}

export function createAuthorizer(opts: {
  domain: string;
  credentials: OktaCredentials;
  send: TokenSender;
  tokenCache?: TokenCache;
  onTokenRefresh?: (e: { reason: "expired" | "401" | "initial" }) => void;
  now?: () => number;
}): Authorizer {
  const { send, tokenCache } = opts;
  const now = opts.now ?? Date.now;

  if (opts.credentials.method === "api_token") {
    const header = `SSWS ${opts.credentials.token}`;
    return {
      headersFor: async () => ({ authorization: header }),
      invalidate: () => false,
      setResourceNonce: () => {},
      token: async () => null,
      info: () => ({ usesDpop: false, grantedScopes: null, notGrantedScopes: [] }),
    };
  }

  const cred = opts.credentials;
  const tokenUrl = `${opts.domain}/oauth2/v1/token`;
  let signing: Promise<ParsedPrivateKey> | undefined;
  let current: CachedToken | null = null;
  let inflight: Promise<CachedToken> | null = null;
  let reason: "expired" | "401" | "initial" = "initial";
  let dpopKey: DpopKey | undefined;
  let tokenNonce: string | undefined;
  let resourceNonce: string | undefined;
  let usesDpop = !!cred.dpopKey;
  let grantedScopes: string[] | null = null;
  const notGranted = new Set<string>();
  const keyByJwk = new Map<string, Promise<DpopKey>>();

  const dpopFor = (jwk: JWK) => {
    const k = JSON.stringify(jwk);
    if (!keyByJwk.has(k)) keyByJwk.set(k, importDpopKey(jwk));
    return keyByJwk.get(k)!;
  };

  async function ensureDpopKey() {
    if (!dpopKey) dpopKey = cred.dpopKey ? await dpopFor(cred.dpopKey) : await createDpopKey();
    return dpopKey;
  }

  async function clientAuth(): Promise<{ headers: Record<string, string>; fields: Record<string, string> }> {
    if (cred.method === "client_secret") {
      // RFC 6749 §2.3.1: form-urlencode id and secret before base64.
      const basic = Buffer.from(`${encodeURIComponent(cred.clientId)}:${encodeURIComponent(cred.clientSecret)}`).toString("base64");
      return { headers: { authorization: `Basic ${basic}` }, fields: {} };
    }
    if (cred.method !== "private_key_jwt") throw new Error("unreachable");
    signing ??= parsePrivateKey(cred.privateKey);
    const k = await signing;
    const kid = cred.keyId || k.kid;
    const assertion = await new SignJWT({})
      .setProtectedHeader({ alg: k.alg, typ: "JWT", ...(kid ? { kid } : {}) })
      .setIssuer(cred.clientId)
      .setSubject(cred.clientId)
      .setAudience(tokenUrl)
      .setIssuedAt()
      .setExpirationTime("5m")
      .setJti(randomUUID())
      .sign(k.key);
    return {
      headers: {},
      fields: { client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer", client_assertion: assertion },
    };
  }

  async function fetchToken(): Promise<CachedToken> {
    let scopes = cred.scopes.filter((s) => !notGranted.has(s));
    let nonceTries = 0;
    for (let step = 0; step < 6; step++) {
      const useDpop = usesDpop;
      const res = await send(async () => {
        const auth = await clientAuth();
        const headers: Record<string, string> = {
          "content-type": "application/x-www-form-urlencoded",
          accept: "application/json",
          ...auth.headers,
        };
        if (useDpop) headers.dpop = await dpopProof(await ensureDpopKey(), { htm: "POST", htu: tokenUrl, nonce: tokenNonce });
        const body = new URLSearchParams({ grant_type: "client_credentials", scope: scopes.join(" "), ...auth.fields }).toString();
        return { headers, body };
      });
      let json: unknown;
      try {
        json = res.text ? JSON.parse(res.text) : undefined;
      } catch {
        json = res.text;
      }
      if (res.status >= 200 && res.status < 300) {
        const parsed = tokenResponse.safeParse(json);
        if (!parsed.success) {
          throw new OktaApiError(`The token endpoint ${new URL(tokenUrl).pathname} answered ${res.status} without an access token`, {
            status: res.status,
            kind: "server",
            url: tokenUrl,
            notJson: typeof json !== "object",
          });
        }
        const t = parsed.data;
        const tokenType = t.token_type.toLowerCase() === "dpop" ? "DPoP" : "Bearer";
        const granted = t.scope ? t.scope.split(/\s+/).filter(Boolean) : scopes;
        grantedScopes = granted;
        for (const s of cred.scopes) if (!granted.includes(s)) notGranted.add(s);
        return {
          accessToken: t.access_token,
          tokenType,
          expiresAt: now() + t.expires_in * 1000,
          scopes: granted,
          ...(tokenType === "DPoP" && dpopKey ? { dpopJwk: dpopKey.privateJwk } : {}),
        };
      }
      const err = classifyOktaError({ status: res.status, headers: res.headers, body: json, url: tokenUrl, method: "POST" });
      if (err.oauthError === "use_dpop_nonce" && nonceTries < 2) {
        nonceTries++;
        tokenNonce = res.headers.get("dpop-nonce") ?? tokenNonce;
        usesDpop = true;
        continue;
      }
      if (err.oauthError === "invalid_dpop_proof" && !useDpop) {
        usesDpop = true;
        continue;
      }
      if (err.oauthError === "invalid_scope") {
        // Okta names the scopes it will not grant; ask again for the rest so what is granted still works.
        const refused = scopesFromDescription(err.oauthErrorDescription).filter((s) => scopes.includes(s));
        if (refused.length && refused.length < scopes.length) {
          for (const s of refused) notGranted.add(s);
          scopes = scopes.filter((s) => !refused.includes(s));
          continue;
        }
      }
      throw err;
    }
    throw new OktaApiError("The token endpoint kept asking for another attempt; giving up", { status: 400, kind: "dpop", url: tokenUrl });
  }

  const fresh = (t: CachedToken | null) => !!t && t.expiresAt - REFRESH_MARGIN_MS > now();

  async function token(): Promise<CachedToken> {
    if (fresh(current)) return current!;
    if (!current && reason === "initial" && tokenCache) {
      const cached = await tokenCache.get().catch(() => null);
      if (fresh(cached)) {
        current = cached;
        if (cached!.tokenType === "DPoP") usesDpop = true;
        return current!;
      }
    }
    inflight ??= (async () => {
      try {
        if (current) reason = reason === "401" ? "401" : "expired";
        opts.onTokenRefresh?.({ reason });
        const t = await fetchToken();
        current = t;
        reason = "expired";
        await tokenCache?.set(t).catch(() => {});
        return t;
      } finally {
        inflight = null;
      }
    })();
    return inflight;
  }

  return {
    async headersFor(method, url): Promise<Record<string, string>> {
      const t = await token();
      if (t.tokenType !== "DPoP") return { authorization: `Bearer ${t.accessToken}` };
      const key = t.dpopJwk ? await dpopFor(t.dpopJwk) : await ensureDpopKey();
      return {
        authorization: `DPoP ${t.accessToken}`,
        dpop: await dpopProof(key, { htm: method, htu: url, accessToken: t.accessToken, nonce: resourceNonce }),
      };
    },
    invalidate() {
      current = null;
      reason = "401";
      return true;
    },
    setResourceNonce(n) {
      resourceNonce = n;
    },
    token,
    info: () => ({ usesDpop, grantedScopes, notGrantedScopes: [...notGranted], dpopKey: dpopKey?.privateJwk ?? cred.dpopKey }),
  };
}
