// The Okta domain is a URL a user typed and the server calls it, so every request goes through here:
// https only; the host must resolve to public addresses, checked on the address actually connected to
// (the check runs inside the socket's DNS lookup, so a name cannot resolve differently between check
// and connect); no redirects to another origin; a deadline on every call; a cap on the answer size.
// Plain http and private/loopback addresses are allowed only for host:port pairs listed in
// OKTA_ALLOWED_INSECURE_HOSTS (the emulator in development and tests).
import dns from "node:dns";
import http from "node:http";
import https from "node:https";
import net from "node:net";
import { getEnv } from "@/lib/env";
import { type NetworkReason, networkError } from "./errors";

const BLOCKED_V4: Array<[string, number]> = [
  ["0.0.0.0", 8], // "this network"
  ["10.0.0.0", 8], // private
  ["100.64.0.0", 10], // carrier-grade NAT
  ["127.0.0.0", 8], // loopback
  ["169.254.0.0", 16], // link-local (cloud metadata lives here)
  ["172.16.0.0", 12], // private
  ["192.0.0.0", 24], // IETF protocol assignments
  ["192.0.2.0", 24], // documentation
  ["192.88.99.0", 24], // 6to4 relay anycast
  ["192.168.0.0", 16], // private
  ["198.18.0.0", 15], // benchmarking
  ["198.51.100.0", 24], // documentation
  ["203.0.113.0", 24], // documentation
  ["224.0.0.0", 4], // multicast
  ["240.0.0.0", 4], // reserved, broadcast
];
const BLOCKED_V6: Array<[string, number]> = [
  ["::", 128], // unspecified
  ["::1", 128], // loopback
  ["::", 96], // IPv4-compatible (deprecated)
  ["100::", 64], // discard
  ["2001::", 23], // IETF protocol assignments, incl. Teredo
  ["2001:db8::", 32], // documentation
  ["fc00::", 7], // unique local
  ["fe80::", 10], // link-local
  ["fec0::", 10], // site-local (deprecated)
  ["ff00::", 8], // multicast
];

const blockList = new net.BlockList();
for (const [a, p] of BLOCKED_V4) blockList.addSubnet(a, p, "ipv4");
for (const [a, p] of BLOCKED_V6) blockList.addSubnet(a, p, "ipv6");

/** The IPv4 address carried inside an IPv6 one (mapped ::ffff:a.b.c.d, NAT64 64:ff9b::/96, 6to4 2002::/16). */
function embeddedV4(ip: string): string | null {
  const m = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(ip);
  if (m) return m[1];
  const words = expandV6(ip);
  if (!words) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 255}.${lo >> 8}.${lo & 255}`;
  if (words.slice(0, 5).every((w) => w === 0) && words[5] === 0xffff) return v4(words[6], words[7]);
  if (words[0] === 0x64 && words[1] === 0xff9b && words.slice(2, 6).every((w) => w === 0)) return v4(words[6], words[7]);
  if (words[0] === 0x2002) return v4(words[1], words[2]);
  return null;
}

function expandV6(ip: string): number[] | null {
  let s = ip
    .toLowerCase()
    .replace(/^\[|\]$/g, "")
    .split("%")[0];
  const tail = /(\d+\.\d+\.\d+\.\d+)$/.exec(s);
  if (tail) {
    const [a, b, c, d] = tail[1].split(".").map(Number);
    s = `${s.slice(0, -tail[1].length)}${((a << 8) | b).toString(16)}:${((c << 8) | d).toString(16)}`;
  }
  const [head, rest] = s.split("::");
  const h = head ? head.split(":") : [];
  const r = rest !== undefined ? (rest ? rest.split(":") : []) : null;
  const words = r === null ? h : [...h, ...Array(8 - h.length - r.length).fill("0"), ...r];
  if (words.length !== 8) return null;
  const nums = words.map((w) => parseInt(w, 16));
  return nums.every((n) => Number.isInteger(n) && n >= 0 && n <= 0xffff) ? nums : null;
}

/** True when an address is routable on the public internet (not loopback, private, link-local, ...). */
export function isPublicAddress(ip: string): boolean {
  const bare = ip.replace(/^\[|\]$/g, "");
  const family = net.isIP(bare);
  if (family === 4) return !blockList.check(bare, "ipv4");
  if (family !== 6) return false;
  const v4 = embeddedV4(bare);
  if (v4) return isPublicAddress(v4);
  return !blockList.check(bare, "ipv6");
}

export class SsrfError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SsrfError";
  }
}

export function allowedInsecureHosts(): string[] {
  return getEnv().OKTA_ALLOWED_INSECURE_HOSTS;
}

/** host:port of a URL with the scheme's default port filled in, lower-case; IPv6 in brackets. */
export function hostPort(url: URL) {
  const port = url.port || (url.protocol === "https:" ? "443" : url.protocol === "http:" ? "80" : "");
  return `${url.hostname.toLowerCase()}:${port}`;
}

/**
 * Checks everything that can be checked without DNS. Returns whether the host is on the insecure
 * allow-list (then neither the scheme nor the address is restricted).
 */
export function checkUrl(raw: string | URL, allow: string[] = allowedInsecureHosts()): { url: URL; allowlisted: boolean } {
  let url: URL;
  try {
    url = typeof raw === "string" ? new URL(raw) : raw;
  } catch {
    throw new SsrfError("the address is not a valid URL");
  }
  if (url.username || url.password) throw new SsrfError("addresses with a user name or password (user@host) are not allowed");
  const allowlisted = allow.includes(hostPort(url));
  if (allowlisted) {
    if (url.protocol !== "http:" && url.protocol !== "https:") throw new SsrfError("only http and https addresses can be called");
    return { url, allowlisted };
  }
  if (url.protocol !== "https:")
    throw new SsrfError(`only https addresses are allowed (got ${url.protocol.replace(":", "")}://${url.host})`);
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (net.isIP(host) && !isPublicAddress(host)) throw new SsrfError(`${url.hostname} is not a public address`);
  if (host === "localhost" || host.endsWith(".localhost")) throw new SsrfError(`${url.hostname} is a local name`);
  return { url, allowlisted };
}

type LookupCb = (err: NodeJS.ErrnoException | null, address: string | dns.LookupAddress[], family?: number) => void;

/** Name resolution: every address a host name resolves to. */
export type Resolve = (
  hostname: string,
  options: dns.LookupAllOptions,
  cb: (err: NodeJS.ErrnoException | null, addresses: dns.LookupAddress[]) => void,
) => void;
const systemResolve: Resolve = (hostname, options, cb) => dns.lookup(hostname, options, cb);

/** A `lookup` for sockets that refuses hosts resolving to non-public addresses (any of them). */
const guardedLookup = (resolve: Resolve) => (hostname: string, options: dns.LookupOptions, cb: LookupCb) => {
  resolve(hostname, { ...options, all: true }, (err, list) => {
    if (err) return cb(err, "");
    const bad = list.find((a) => !isPublicAddress(a.address));
    if (bad) {
      const e = new SsrfError(`${hostname} resolves to ${bad.address}, which is not a public address`) as SsrfError & { code: string };
      e.code = "ESSRF";
      return cb(e, "");
    }
    if (!list.length) return cb(Object.assign(new Error(`${hostname} has no addresses`), { code: "ENOTFOUND" }), "");
    if (options.all) cb(null, list);
    else cb(null, list[0].address, list[0].family);
  });
};

// Keep-alive pools for the sync's thousands of calls; idle sockets are unref'd by Node and time out.
const agents = {
  "https:": new https.Agent({ keepAlive: true, maxSockets: 16, timeout: 60_000 }),
  "http:": new http.Agent({ keepAlive: true, maxSockets: 16, timeout: 60_000 }),
};

export interface SafeResponse {
  status: number;
  headers: Headers;
  text: string;
  url: string;
}

export interface SafeRequest {
  method: string;
  url: string;
  headers?: Record<string, string>;
  body?: string;
  timeoutMs?: number;
  maxBytes?: number;
  maxRedirects?: number;
  allow?: string[];
  /** How host names resolve (the system's resolver unless given; tests give their own, so they do not depend on the machine). */
  resolve?: Resolve;
}

function reasonOf(err: NodeJS.ErrnoException): NetworkReason {
  if (err instanceof SsrfError || err.code === "ESSRF") return "blocked";
  const code = err.code ?? "";
  if (code === "ENOTFOUND" || code === "EAI_AGAIN" || code === "EAI_NODATA") return "dns";
  if (code === "ECONNREFUSED") return "refused";
  if (code === "ECONNRESET" || code === "EPIPE" || code === "UND_ERR_SOCKET" || code === "ECONNABORTED") return "reset";
  if (code === "ETIMEDOUT" || code === "ESOCKETTIMEDOUT") return "timeout";
  if (/CERT|SSL|TLS|ERR_TLS/.test(code) || /certificate|ssl|tls/i.test(err.message)) return "tls";
  return "other";
}

const DETAIL: Record<NetworkReason, string> = {
  blocked: "the address is not allowed",
  dns: "the host name does not resolve",
  timeout: "no answer before the time limit",
  reset: "the connection was reset",
  refused: "the connection was refused",
  tls: "the TLS (https) connection failed",
  redirect: "redirected to another host",
  too_large: "the answer is too large",
  other: "the request failed",
};

/**
 * One HTTP exchange under the guard. Throws OktaApiError (status 0, kind "network") when no answer
 * arrived; returns every HTTP status (including 4xx/5xx) for the caller to interpret.
 */
export async function safeFetch(req: SafeRequest): Promise<SafeResponse> {
  const method = req.method.toUpperCase();
  let target = req.url;
  for (let hop = 0; ; hop++) {
    let checked: { url: URL; allowlisted: boolean };
    try {
      checked = checkUrl(target, req.allow);
    } catch (e) {
      throw networkError("blocked", target, method, (e as Error).message);
    }
    const res = await exchange(checked.url, checked.allowlisted, method, req);
    if (res.status >= 300 && res.status < 400 && res.headers.get("location")) {
      const next = new URL(res.headers.get("location")!, checked.url);
      if (next.origin !== checked.url.origin)
        throw networkError("redirect", target, method, `redirected to another host (${next.host}); not followed`);
      if (method !== "GET" || hop >= (req.maxRedirects ?? 3)) return res;
      target = next.toString();
      continue;
    }
    return res;
  }
}

function exchange(url: URL, allowlisted: boolean, method: string, req: SafeRequest): Promise<SafeResponse> {
  const timeoutMs = req.timeoutMs ?? 30_000;
  const maxBytes = req.maxBytes ?? 50 * 1024 * 1024;
  const lib = url.protocol === "https:" ? https : http;
  return new Promise<SafeResponse>((resolve, reject) => {
    let settled = false;
    const fail = (reason: NetworkReason, detail?: string) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      r.destroy();
      reject(networkError(reason, url.toString(), method, detail ?? DETAIL[reason]));
    };
    const r = lib.request(
      url,
      {
        method,
        agent: agents[url.protocol as "https:" | "http:"],
        headers: {
          "user-agent": "okta-sync-console/0.1",
          ...req.headers,
          ...(req.body !== undefined ? { "content-length": String(Buffer.byteLength(req.body)) } : {}),
        },
        // Allow-listed hosts (the emulator) may be loopback; everyone else goes through the address check.
        lookup: allowlisted ? undefined : (guardedLookup(req.resolve ?? systemResolve) as unknown as typeof dns.lookup),
      },
      (res) => {
        const chunks: Buffer[] = [];
        let size = 0;
        res.on("data", (c: Buffer) => {
          size += c.length;
          if (size > maxBytes) return fail("too_large");
          chunks.push(c);
        });
        res.on("error", (e) => fail(reasonOf(e)));
        res.on("end", () => {
          if (settled) return;
          settled = true;
          clearTimeout(timer);
          const headers = new Headers();
          for (let i = 0; i < res.rawHeaders.length; i += 2) headers.append(res.rawHeaders[i], res.rawHeaders[i + 1]);
          resolve({ status: res.statusCode ?? 0, headers, text: Buffer.concat(chunks).toString("utf8"), url: url.toString() });
        });
      },
    );
    const timer = setTimeout(() => fail("timeout"), timeoutMs);
    r.on("error", (e: NodeJS.ErrnoException) => {
      const reason = reasonOf(e);
      fail(reason, reason === "blocked" ? e.message : undefined);
    });
    if (req.body !== undefined) r.write(req.body);
    r.end();
  });
}
