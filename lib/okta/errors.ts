// Okta's failures, classified from what Okta actually sends: the JSON error body of /api/v1
// (errorCode, errorSummary, errorId), the OAuth body of /oauth2/v1/token (error, error_description)
// and the WWW-Authenticate header (insufficient_scope, invalid_token, DPoP errors come only there).
// Messages are built from those fields, the method and the path: never from request headers or bodies,
// so a token, assertion or key cannot end up in an error.

export type OktaErrorKind = "auth" | "scope" | "permission" | "rate_limit" | "not_found" | "client" | "server" | "network" | "dpop";

/** Why a request never got an HTTP answer (status 0). */
export type NetworkReason = "blocked" | "dns" | "timeout" | "reset" | "refused" | "tls" | "redirect" | "too_large" | "other";

export interface OktaErrorFields {
  status: number;
  kind: OktaErrorKind;
  errorCode?: string;
  errorSummary?: string;
  errorId?: string;
  oauthError?: string;
  oauthErrorDescription?: string;
  scope?: string;
  url?: string;
  requestId?: string;
  networkReason?: NetworkReason;
  /** The server answered something that is not Okta's JSON (an HTML page, an empty 200, ...). */
  notJson?: boolean;
}

/** An Okta failure as plain data: Okta's fields, our secret-free message, and the path without its query. */
export type OktaErrorFacts = Omit<OktaErrorFields, "url"> & { path?: string; message: string };

const FACT_FIELDS = [
  "errorCode",
  "errorSummary",
  "errorId",
  "oauthError",
  "oauthErrorDescription",
  "scope",
  "requestId",
  "networkReason",
  "notJson",
] as const;

export class OktaApiError extends Error implements OktaErrorFields {
  status: number;
  kind: OktaErrorKind;
  errorCode?: string;
  errorSummary?: string;
  errorId?: string;
  oauthError?: string;
  oauthErrorDescription?: string;
  scope?: string;
  url?: string;
  requestId?: string;
  networkReason?: NetworkReason;
  notJson?: boolean;

  constructor(message: string, fields: OktaErrorFields) {
    super(message);
    this.name = "OktaApiError";
    this.status = fields.status;
    this.kind = fields.kind;
    Object.assign(this, fields);
  }

  /** The failure as plain data: what diagnoses and checks judge, kept by facts that outlive the error. */
  facts(): OktaErrorFacts {
    const f: OktaErrorFacts = { status: this.status, kind: this.kind, message: this.message };
    for (const k of FACT_FIELDS) if (this[k] !== undefined) (f as unknown as Record<string, unknown>)[k] = this[k];
    if (this.url) f.path = safePath(this.url);
    return f;
  }

  /** Okta's identifiers, for the `details` of an error envelope and the event log. */
  toDetails() {
    const d: Record<string, string | number | boolean> = { status: this.status, kind: this.kind };
    for (const k of [
      "errorCode",
      "errorSummary",
      "errorId",
      "oauthError",
      "oauthErrorDescription",
      "scope",
      "requestId",
      "networkReason",
    ] as const) {
      if (this[k] !== undefined) d[k] = this[k] as string;
    }
    if (this.url) d.path = safePath(this.url);
    return d;
  }
}

/** Path of a URL without its query: cursors are not secrets, but they are noise in messages. */
export function safePath(url: string) {
  try {
    return new URL(url).pathname;
  } catch {
    return url.split("?")[0];
  }
}

export interface WwwAuthenticate {
  scheme: string;
  params: Record<string, string>;
}

/**
 * Parses `Bearer realm="x", scope="okta.groups.read", error="insufficient_scope"` (and `DPoP algs="RS256 ES256", ...`).
 * When several challenges are present, the one carrying an `error` wins.
 */
export function parseWwwAuthenticate(header: string | null | undefined): WwwAuthenticate | null {
  if (!header) return null;
  const challenges: WwwAuthenticate[] = [];
  let i = 0;
  const n = header.length;
  const skip = () => {
    while (i < n && /[\s,]/.test(header[i])) i++;
  };
  while (i < n) {
    skip();
    const tok = /^[A-Za-z0-9!#$%&'*+.^_`|~-]+/.exec(header.slice(i));
    if (!tok) break;
    i += tok[0].length;
    while (i < n && header[i] === " ") i++;
    if (header[i] !== "=") {
      challenges.push({ scheme: tok[0], params: {} });
      continue;
    }
    i++;
    while (i < n && header[i] === " ") i++;
    let value = "";
    if (header[i] === '"') {
      i++;
      while (i < n && header[i] !== '"') {
        value += header[i] === "\\" ? header[++i] : header[i];
        i++;
      }
      i++;
    } else {
      while (i < n && !/[\s,]/.test(header[i])) value += header[i++];
    }
    if (!challenges.length) challenges.push({ scheme: "", params: {} });
    challenges[challenges.length - 1].params[tok[0].toLowerCase()] = value;
  }
  if (!challenges.length) return null;
  return challenges.find((c) => c.params.error) ?? challenges[0];
}

const str = (v: unknown) => (typeof v === "string" && v.length ? v : undefined);

export interface ClassifyInput {
  status: number;
  headers: Headers;
  /** Parsed JSON body if there was one, else the raw text (or undefined for an empty body). */
  body: unknown;
  url: string;
  method: string;
}

/** Builds the OktaApiError for a non-2xx answer. Pure: everything comes from the response. */
export function classifyOktaError({ status, headers, body, url, method }: ClassifyInput): OktaApiError {
  const obj = body && typeof body === "object" && !Array.isArray(body) ? (body as Record<string, unknown>) : {};
  const www = parseWwwAuthenticate(headers.get("www-authenticate"));
  const f: OktaErrorFields = {
    status,
    kind: "client",
    url,
    errorCode: str(obj.errorCode),
    errorSummary: str(obj.errorSummary),
    errorId: str(obj.errorId),
    oauthError: str(obj.error) ?? www?.params.error,
    oauthErrorDescription: str(obj.error_description) ?? www?.params.error_description,
    scope: www?.params.scope,
    requestId: headers.get("x-okta-request-id") ?? undefined,
    notJson: typeof body === "string" && body.length > 0,
  };
  const oauth = f.oauthError;
  const desc = f.oauthErrorDescription ?? "";

  if (status === 429) f.kind = "rate_limit";
  else if (status >= 500) f.kind = "server";
  else if (
    oauth === "invalid_dpop_proof" ||
    oauth === "use_dpop_nonce" ||
    /dpop/i.test(desc) ||
    (status === 400 && www?.scheme.toLowerCase() === "dpop" && !!oauth)
  )
    f.kind = "dpop";
  else if (oauth === "insufficient_scope" || oauth === "invalid_scope" || oauth === "consent_required") f.kind = "scope";
  else if (f.errorCode === "E0000006" || f.errorCode === "E0000015" || f.errorCode === "E0000005" || oauth === "access_denied")
    f.kind = "permission";
  else if (
    status === 401 ||
    oauth === "invalid_client" ||
    oauth === "invalid_token" ||
    f.errorCode === "E0000011" ||
    f.errorCode === "E0000004"
  )
    f.kind = "auth";
  else if (status === 404) f.kind = "not_found";
  else if (status === 403) f.kind = "permission";

  const what =
    f.errorSummary ?? (oauth ? `${oauth}${desc ? `: ${desc}` : ""}` : f.notJson ? "the answer is not Okta's JSON" : `HTTP ${status}`);
  const code = f.errorCode ? ` (${f.errorCode})` : "";
  const scope = f.kind === "scope" && f.scope ? ` [scope ${f.scope}]` : "";
  return new OktaApiError(`Okta answered ${status} to ${method} ${safePath(url)}: ${what}${code}${scope}`, f);
}

export function networkError(reason: NetworkReason, url: string, method: string, detail: string): OktaApiError {
  return new OktaApiError(`${method} ${safePath(url)} failed before Okta answered: ${detail}`, {
    status: 0,
    kind: "network",
    networkReason: reason,
    url,
  });
}

/** Scopes named in "The following scopes are not allowed for this request: [okta.a.read, okta.b.read]". */
export function scopesFromDescription(desc: string | undefined): string[] {
  const m = desc && /\[([^\]]*)\]/.exec(desc);
  if (!m) return [];
  return m[1]
    .split(/[\s,]+/)
    .map((s) => s.replace(/['"]/g, ""))
    .filter((s) => /^okta\.[A-Za-z]+\.[A-Za-z]+$/.test(s));
}
