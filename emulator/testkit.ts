// Test helpers for the emulator's own tests: start a small org, sign client assertions and DPoP
// proofs, and call the emulator through a fetch wrapper that checks every response against Okta's
// official OpenAPI files (vendored in emulator/okta-spec/, see its README for their source).
import { createHash, type KeyObject, randomUUID } from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import Ajv, { type ValidateFunction } from "ajv";
import addFormats from "ajv-formats";
import * as jose from "jose";
import YAML from "yaml";
import { generateKeys } from "./keys";
import { type EmulatorOptions, startEmulator } from "./server";

export const specDir = path.join(import.meta.dirname, "okta-spec");

type Spec = { paths: Record<string, Record<string, { responses: Record<string, any> }>>; components: Record<string, any> };

/** Parsing the 3.4 MB YAML takes seconds; cache the JSON per file content. */
function loadSpec(file: string): Spec {
  const src = fs.readFileSync(path.join(specDir, file));
  const hash = createHash("sha1").update(src).digest("hex").slice(0, 16);
  const cache = path.join(os.tmpdir(), `okta-spec-${file}-${hash}.json`);
  if (fs.existsSync(cache)) return JSON.parse(fs.readFileSync(cache, "utf8"));
  const spec = YAML.parse(src.toString("utf8"), { uniqueKeys: false });
  const tmp = `${cache}.${process.pid}.tmp`;
  fs.writeFileSync(tmp, JSON.stringify(spec));
  fs.renameSync(tmp, cache);
  return spec;
}

/**
 * The spec's role lists are `oneOf` + `discriminator`; StandardRole and CustomRole both accept any
 * role, so a plain oneOf always fails. The discriminator means "pick one": check it as anyOf.
 */
function normalize(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(normalize);
  if (!node || typeof node !== "object") return node;
  const o: Record<string, unknown> = {};
  // Examples are not schemas (and some carry "$id" values that confuse the validator).
  for (const [k, v] of Object.entries(node)) if (k !== "examples" && k !== "example") o[k] = normalize(v);
  if (o.discriminator && o.oneOf) {
    o.anyOf = o.oneOf;
    delete o.oneOf;
  }
  delete o.discriminator;
  return o;
}

class SpecChecker {
  private ajv: Ajv;
  private cache = new Map<string, ValidateFunction | null>();
  private templates: { tpl: string; re: RegExp; params: number }[];
  constructor(
    private id: string,
    private spec: Spec,
  ) {
    this.ajv = new Ajv({ strict: false, allErrors: true, logger: false, validateFormats: true });
    addFormats(this.ajv);
    this.ajv.addSchema(normalize(spec) as object, id);
    this.templates = Object.keys(spec.paths).map((tpl) => ({
      tpl,
      re: new RegExp(`^${tpl.replace(/[.*+?^$()|[\]\\]/g, "\\$&").replace(/\{[^}]+\}/g, "[^/]+")}$`),
      params: (tpl.match(/\{/g) ?? []).length,
    }));
  }

  template(p: string): string | undefined {
    return this.templates.filter((t) => t.re.test(p)).sort((a, b) => a.params - b.params)[0]?.tpl;
  }

  private resolve(obj: any): any {
    while (obj?.$ref)
      obj = obj.$ref
        .replace(/^#\//, "")
        .split("/")
        .reduce((o: any, k: string) => o?.[k.replace(/~1/g, "/").replace(/~0/g, "~")], this.spec);
    return obj;
  }

  /**
   * Problems with a request, or [] if the operation exists, every query parameter is one it declares
   * (with a value of the declared type), and a JSON body matches its declared request body.
   */
  checkRequest(method: string, p: string, query: URLSearchParams, body: unknown, hasBody: boolean): string[] {
    const tpl = this.template(p);
    if (!tpl) return [`${method} ${p}: no such path in ${this.id}`];
    const op = this.spec.paths[tpl][method.toLowerCase()] as any;
    if (!op) return [`${method} ${tpl}: no such operation in ${this.id}`];
    const problems: string[] = [];
    const declared = [...(op.parameters ?? []), ...((this.spec.paths[tpl] as any).parameters ?? [])]
      .map((x: any) => this.resolve(x))
      .filter((x: any) => x?.in === "query");
    for (const [name, value] of query) {
      const param = declared.find((x: any) => x.name === name);
      if (!param) problems.push(`${method} ${tpl}: query parameter ${name} is not declared`);
      else if (this.resolve(param.schema)?.type === "boolean" && value !== "true" && value !== "false")
        problems.push(`${method} ${tpl}: query parameter ${name} must be true or false, got ${value}`);
    }
    if (!hasBody) return problems;
    const rb = this.resolve(op.requestBody);
    if (!rb?.content?.["application/json"]?.schema) return [...problems, `${method} ${tpl}: the spec declares no JSON request body`];
    const ptr = op.requestBody.$ref
      ? `${op.requestBody.$ref.replace(/^#/, "")}/content/application~1json/schema`
      : `/paths/${tpl.replace(/~/g, "~0").replace(/\//g, "~1")}/${method.toLowerCase()}/requestBody/content/application~1json/schema`;
    let v = this.cache.get(ptr);
    if (v === undefined) {
      v = this.ajv.compile({ $ref: `${this.id}#${ptr}` });
      this.cache.set(ptr, v);
    }
    if (v && !v(body))
      problems.push(
        ...(v.errors ?? [])
          .slice(0, 8)
          .map((e) => `${method} ${tpl} request: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`),
      );
    return problems;
  }

  /** Problems with a response, or [] if it matches the documented response for its status. */
  check(method: string, p: string, status: number, body: unknown, hasBody: boolean, headers: Headers): string[] {
    const tpl = this.template(p);
    if (!tpl) return [`${method} ${p}: no such path in ${this.id}`];
    const op = this.spec.paths[tpl][method.toLowerCase()];
    if (!op) return [`${method} ${tpl}: no such operation in ${this.id}`];
    const declared = op.responses[String(status)];
    let schemaPtr: string | null = null;
    if (declared) {
      const resp = this.resolve(declared);
      const content = resp?.content?.["application/json"];
      if (!content?.schema) return hasBody ? [`${method} ${tpl} ${status}: spec declares no body, got one`] : [];
      const ref = declared.$ref
        ? `${declared.$ref.replace(/^#/, "")}/content/application~1json/schema`
        : `/paths/${tpl.replace(/~/g, "~0").replace(/\//g, "~1")}/${method.toLowerCase()}/responses/${status}/content/application~1json/schema`;
      schemaPtr = ref;
    } else if (status >= 400) {
      schemaPtr = this.spec.components.schemas.Error ? "/components/schemas/Error" : "/components/schemas/OAuthError";
    } else {
      return [`${method} ${tpl}: status ${status} is not documented`];
    }
    if (!hasBody) {
      // Okta sends OAuth resource errors as a WWW-Authenticate header with no body.
      if (status >= 400 && headers.get("www-authenticate")) return [];
      return [`${method} ${tpl} ${status}: expected a JSON body`];
    }
    let v = this.cache.get(schemaPtr);
    if (v === undefined) {
      v = this.ajv.compile({ $ref: `${this.id}#${schemaPtr}` });
      this.cache.set(schemaPtr, v);
    }
    if (!v || v(body)) return [];
    return (v.errors ?? [])
      .slice(0, 8)
      .map((e) => `${method} ${tpl} ${status}: ${e.instancePath || "/"} ${e.message} ${JSON.stringify(e.params)}`);
  }
}

let mgmt: SpecChecker | undefined;
let oauth: SpecChecker | undefined;
export function checkers() {
  mgmt ??= new SpecChecker("okta-management", loadSpec("management-minimal.yaml"));
  oauth ??= new SpecChecker("okta-oauth", loadSpec("oauth-minimal.yaml"));
  return { mgmt, oauth };
}

export interface Called {
  status: number;
  headers: Headers;
  body: any;
  text: string;
}

/**
 * fetch + spec check; every emulator test goes through this (control plane excluded). A write
 * (anything but GET/HEAD) is checked too: its query parameters and JSON body must be what Okta's
 * spec declares for the operation, unless the test sends a bad request on purpose (`badRequest`).
 */
export async function call(url: string, init: RequestInit & { json?: unknown; badRequest?: boolean } = {}): Promise<Called> {
  const headers = new Headers(init.headers);
  let body = init.body;
  if (init.json !== undefined) {
    headers.set("content-type", "application/json");
    body = JSON.stringify(init.json);
  }
  if (!headers.has("accept")) headers.set("accept", "application/json");
  const method = (init.method ?? "GET").toUpperCase();
  if (method !== "GET" && method !== "HEAD" && !init.badRequest) checkRequest(method, url, init.json, init.json !== undefined);
  const res = await fetch(url, { ...init, method, headers, body });
  const text = await res.text();
  checkResponse(method, url, res.status, text, res.headers);
  return { status: res.status, headers: res.headers, body: text ? JSON.parse(text) : undefined, text };
}

/** Throws unless a management API request is one Okta's spec declares (operation, query parameters, JSON body). */
export function checkRequest(method: string, url: string, body: unknown, hasBody: boolean) {
  const u = new URL(url);
  const p = decodeURIComponent(u.pathname);
  if (!p.startsWith("/api/v1/")) return;
  const problems = checkers().mgmt.checkRequest(method, p, u.searchParams, body, hasBody);
  if (problems.length) throw new Error(`Request does not match Okta's spec:\n${problems.join("\n")}`);
}

/** Throws unless the response matches Okta's spec for its path, method and status. */
export function checkResponse(method: string, url: string, status: number, text: string, headers: Headers) {
  let parsed: any = text ? JSON.parse(text) : undefined;
  const p = decodeURIComponent(new URL(url).pathname);
  if (p.startsWith("/__emulator")) return;
  const c = checkers();
  // Known difference (README): the org AS spec's token_type enum lacks "DPoP", which Okta's DPoP
  // guide documents and sends; check the rest of the body as it stands.
  if (p === "/oauth2/v1/token" && parsed?.token_type === "DPoP") parsed = { ...parsed, token_type: "Bearer" };
  const checker = p.startsWith("/oauth2/") || p === "/.well-known/openid-configuration" ? c.oauth : c.mgmt;
  const problems = checker.check(method.toUpperCase(), p, status, parsed, text.length > 0, headers);
  if (problems.length) throw new Error(`Response does not match Okta's spec:\n${problems.join("\n")}\nbody: ${text.slice(0, 500)}`);
}

export async function control<T = any>(base: string, p: string, method = "GET", json?: unknown): Promise<T> {
  const res = await fetch(`${base}/__emulator${p}`, {
    method,
    headers: json ? { "content-type": "application/json" } : {},
    body: json ? JSON.stringify(json) : undefined,
  });
  const body = await res.json();
  if (!res.ok) throw new Error(`control ${method} ${p}: ${res.status} ${JSON.stringify(body)}`);
  return body as T;
}

export const SMALL: EmulatorOptions = { port: 0, seed: 7, users: 300, groups: 40, apps: 15, logDays: 30 };

export async function startSmall(opts: EmulatorOptions = {}) {
  const em = await startEmulator({ ...SMALL, ...opts });
  const creds = await control(em.url, "/credentials");
  const app = (name: string) => creds.apps.find((a: { name: string }) => a.name === name);
  const token = (name: string) => creds.apiTokens.find((t: { name: string }) => t.name === name).token as string;
  return { ...em, creds, app, token, ssws: { authorization: `SSWS ${token("admin-token")}` } };
}

export async function clientAssertion(
  app: { clientId: string; privateJwk: jose.JWK; kid?: string },
  aud: string,
  o: { exp?: number; kid?: string | null; jti?: string; iss?: string; sub?: string; key?: jose.JWK } = {},
) {
  const key = await jose.importJWK(o.key ?? app.privateJwk, "RS256");
  const now = Math.floor(Date.now() / 1000);
  const header: jose.JWTHeaderParameters = { alg: "RS256" };
  const kid = o.kid === undefined ? app.kid : o.kid;
  if (kid) header.kid = kid;
  return new jose.SignJWT({})
    .setProtectedHeader(header)
    .setIssuer(o.iss ?? app.clientId)
    .setSubject(o.sub ?? app.clientId)
    .setAudience(aud)
    .setIssuedAt(now)
    .setExpirationTime(o.exp ?? now + 300)
    .setJti(o.jti ?? randomUUID())
    .sign(key);
}

export async function dpopKey() {
  const { privateKey, publicKey } = generateKeys({ type: "ec", namedCurve: "P-256" });
  return { privateKey, jwk: await jose.exportJWK(publicKey) };
}

export async function dpopProof(
  k: { privateKey: KeyObject; jwk: jose.JWK },
  htm: string,
  htu: string,
  o: { nonce?: string; accessToken?: string; jti?: string; iat?: number } = {},
) {
  const claims: Record<string, unknown> = { htm, htu, jti: o.jti ?? randomUUID(), iat: o.iat ?? Math.floor(Date.now() / 1000) };
  if (o.nonce) claims.nonce = o.nonce;
  if (o.accessToken) claims.ath = createHash("sha256").update(o.accessToken).digest("base64url");
  return new jose.SignJWT(claims).setProtectedHeader({ alg: "ES256", typ: "dpop+jwt", jwk: k.jwk }).sign(k.privateKey);
}

export function tokenForm(assertion: string, scope: string) {
  return new URLSearchParams({
    grant_type: "client_credentials",
    scope,
    client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    client_assertion: assertion,
  }).toString();
}

export const FORM = { "content-type": "application/x-www-form-urlencoded" };

/** Follows rel="next" links to the end; returns every item. */
export async function collect(first: string, headers: Record<string, string>, max = 1000) {
  const out: any[] = [];
  let next: string | null = first;
  for (let i = 0; next && i < max; i++) {
    const r = await call(next, { headers });
    if (r.status !== 200) throw new Error(`${next}: ${r.status} ${r.text}`);
    out.push(...r.body);
    next = nextLink(r.headers);
  }
  return out;
}

export function nextLink(h: Headers): string | null {
  const link = h.get("link") ?? "";
  const m = /<([^>]+)>;\s*rel="next"/.exec(link);
  return m ? m[1] : null;
}
