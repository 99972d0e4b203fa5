// Whether Okta can call a hook endpoint: Okta's cloud delivers over the internet, to https only, so a
// URL on plain http, or on this machine, a private network or a name without a domain, cannot work.
// The by-hand steps and the hook panel say so, naming PUBLIC_URL. Pure: client components import it.

const PRIVATE_V4 = [/^127\./, /^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./, /^169\.254\./, /^0\./];

/** Null when Okta can reach the URL; otherwise why not, in a sentence. */
export function endpointProblem(url: string): string | null {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return `${url} is not a URL.`;
  }
  const host = u.hostname.replace(/^\[|\]$/g, "").toLowerCase();
  const where = `${u.protocol}//${u.host}`;
  const fix =
    "Okta calls the endpoint from the internet over https: set PUBLIC_URL to the console's public https address (for example behind a reverse proxy), restart it, and set the hook up again.";
  if (
    host === "localhost" ||
    host.endsWith(".localhost") ||
    host.endsWith(".local") ||
    host.endsWith(".internal") ||
    host === "::1" ||
    /^f[cd][0-9a-f]{2}:/.test(host) ||
    /^fe80:/.test(host) ||
    PRIVATE_V4.some((re) => re.test(host)) ||
    (!host.includes(".") && !host.includes(":"))
  )
    return `${where} is not reachable from the internet, so Okta cannot deliver to it. ${fix}`;
  if (u.protocol !== "https:") return `${where} is plain http; Okta only delivers over https. ${fix}`;
  return null;
}
