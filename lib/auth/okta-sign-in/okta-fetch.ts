// Auth.js's requests to Okta (discovery, the token exchange) and the console's own (the signing keys)
// go through the SSRF guard like every other call to an admin-typed Okta domain (lib/okta/ssrf.ts).
import { CHECK_TIMEOUT_MS } from "@/lib/okta/discovery";
import { safeFetch } from "@/lib/okta/ssrf";

/** A fetch for Auth.js's `customFetch`: one exchange under the guard, redirects to another origin refused. */
export async function oktaFetch(input: string | URL | Request, init: RequestInit = {}): Promise<Response> {
  const url = input instanceof Request ? input.url : input.toString();
  const headers: Record<string, string> = {};
  new Headers(init.headers ?? (input instanceof Request ? input.headers : undefined)).forEach((v, k) => {
    headers[k] = v;
  });
  const body = init.body === undefined || init.body === null ? undefined : String(init.body);
  const res = await safeFetch({ method: init.method ?? "GET", url, headers, body, timeoutMs: CHECK_TIMEOUT_MS, maxBytes: 1024 * 1024 });
  const status = res.status;
  // A Response cannot carry a body with these statuses.
  const empty = status === 204 || status === 304 || (status >= 100 && status < 200);
  return new Response(empty ? null : res.text, { status, headers: res.headers });
}
