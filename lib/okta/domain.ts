// What people paste as their "Okta domain" -> the org's origin. Accepts Okta's domain forms and custom
// URL domains, tells the user what was changed, and rejects everything else with a reason.
// (The accepted forms follow Okta's own validator, ConfigurationValidator in okta-commons-java.)
import net from "node:net";
import { allowedInsecureHosts, checkUrl, hostPort, SsrfError } from "./ssrf";

export const OKTA_SUFFIXES = [
  "okta.com",
  "oktapreview.com",
  "okta-emea.com",
  "okta-gov.com",
  "okta.mil",
  "okta-miltest.com",
  "trex-gov.com",
] as const;

export interface NormalizedDomain {
  /** https://acme.okta.com (or http://host:port for an allow-listed emulator). */
  origin: string;
  host: string;
  kind: "okta" | "custom" | "allowlisted";
  /** Plain-language notes on what was changed, e.g. 'Removed the path "/app/UserHome"'. */
  changes: string[];
}

export class DomainError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "DomainError";
  }
}

const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

export function normalizeOktaDomain(input: string, allow: string[] = allowedInsecureHosts()): NormalizedDomain {
  const changes: string[] = [];
  const raw = input.trim();
  if (!raw) throw new DomainError("Enter your Okta domain, e.g. acme.okta.com");
  if (raw.length > 253 + 64) throw new DomainError("That is too long to be an Okta domain");
  if (/[{}]/.test(raw)) throw new DomainError("Replace the placeholder with your own Okta domain, e.g. acme.okta.com");
  if (/\s/.test(raw)) throw new DomainError("An Okta domain has no spaces");

  let text = raw;
  const schemeTyped = /^[a-z][a-z0-9+.-]*:\/\//i.test(text);
  if (!schemeTyped) {
    if (/^[a-z][a-z0-9+.-]*:(?!\d)/i.test(text) && !/^[^/:]+:\d+($|\/)/.test(text))
      throw new DomainError("Enter a web address (https://...) or just the domain, e.g. acme.okta.com");
    text = `https://${text}`;
  }
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new DomainError("That is not a valid domain or URL; enter something like acme.okta.com");
  }
  if (url.username || url.password || raw.includes("@"))
    throw new DomainError("Enter only the domain, without a user name or @ (e.g. acme.okta.com)");

  if (!schemeTyped && allow.includes(hostPort(new URL(url.toString().replace(/^https:/, "http:")))))
    url = new URL(url.toString().replace(/^https:/, "http:"));
  if (allow.includes(hostPort(url))) {
    // The emulator (development and tests): taken as given, minus path and query.
    if (url.pathname !== "/" || url.search || url.hash) changes.push(`Removed "${url.pathname}${url.search}${url.hash}" after the domain`);
    return { origin: url.origin, host: url.host, kind: "allowlisted", changes };
  }

  if (url.protocol === "http:") {
    url.protocol = "https:";
    changes.push("Changed http:// to https:// (Okta is only served over https)");
  } else if (url.protocol !== "https:") {
    throw new DomainError(`Okta is reached over https; "${url.protocol.replace(":", "")}" addresses are not supported`);
  }
  if (url.pathname !== "/" || url.search || url.hash) changes.push(`Removed "${url.pathname}${url.search}${url.hash}" after the domain`);

  let host = url.hostname;
  if (host.endsWith(".")) host = host.slice(0, -1);
  const typedHost = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]+)/i.exec(text)?.[1].replace(/:\d+$/, "") ?? host;
  if (typedHost !== typedHost.toLowerCase()) changes.push("Changed the domain to lower case");

  const bare = host.replace(/^\[|\]$/g, "");
  if (net.isIP(bare) || /^\d+$/.test(bare) || /^0x/i.test(bare)) throw new DomainError("Enter your Okta domain name, not an IP address");
  if (url.port && url.port !== "443") throw new DomainError(`Okta orgs are served on the standard https port; remove ":${url.port}"`);
  const labels = host.split(".");
  if (labels.length < 2 || !labels.every((l) => LABEL.test(l))) throw new DomainError(`"${host}" is not a valid domain name`);
  if (!/^[a-z]{2,63}$|^xn--[a-z0-9-]+$/.test(labels[labels.length - 1]))
    throw new DomainError(`"${host}" does not end in a valid top-level domain`);
  if (host === "localhost" || host.endsWith(".localhost") || host.endsWith(".local") || host.endsWith(".internal"))
    throw new DomainError(`"${host}" is a local name; enter your Okta org's public domain`);
  if (/\.com\.com$/.test(host)) throw new DomainError(`"${host}" ends in .com.com; check for a typo`);

  const suffix = OKTA_SUFFIXES.find((s) => host === s || host.endsWith(`.${s}`));
  let kind: NormalizedDomain["kind"] = "custom";
  if (suffix) {
    let sub = host.slice(0, -(suffix.length + 1));
    if (!sub) throw new DomainError(`Enter your org's own domain, e.g. acme.${suffix}, not ${suffix} itself`);
    if (sub.includes(".")) throw new DomainError(`"${host}" is not an Okta org domain; it should look like yourorg.${suffix}`);
    if (sub.endsWith("-admin")) {
      // The Admin Console host is not an API host; the org is the same name without "-admin".
      sub = sub.slice(0, -"-admin".length);
      changes.push(`Removed "-admin": ${host} is the Admin Console, the API is at ${sub}.${suffix}`);
      if (!LABEL.test(sub)) throw new DomainError(`"${host}" is not a valid Okta domain`);
    }
    host = `${sub}.${suffix}`;
    kind = "okta";
  }
  const origin = `https://${host}`;
  try {
    checkUrl(origin, []);
  } catch (e) {
    if (e instanceof SsrfError) throw new DomainError(`"${host}" cannot be used: ${e.message}`);
    throw e;
  }
  return { origin, host, kind, changes };
}
