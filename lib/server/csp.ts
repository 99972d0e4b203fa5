// The Content-Security-Policy of the console's pages. Scripts run only with the per-request nonce
// (Next reads it from the request's CSP header and puts it on its own scripts; 'strict-dynamic' lets
// those load the chunks they need). React's style attributes need 'unsafe-inline' for styles, which
// cannot run code. Dev mode adds 'unsafe-eval', which React uses there to rebuild server stacks.

/** A fresh nonce for one response: 128 random bits, base64. */
export function newNonce(): string {
  return Buffer.from(crypto.getRandomValues(new Uint8Array(16))).toString("base64");
}

export function pageCsp(nonce: string, dev = process.env.NODE_ENV === "development"): string {
  return [
    "default-src 'self'",
    `script-src 'self' 'nonce-${nonce}' 'strict-dynamic'${dev ? " 'unsafe-eval'" : ""}`,
    "style-src 'self' 'unsafe-inline'",
    "img-src 'self' data: blob:",
    "font-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join("; ");
}
