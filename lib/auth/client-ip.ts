// The address of the client making a request, for per-client limits and the session list.
// The last X-Forwarded-For entry is the one our own reverse proxy appended; earlier entries come from
// the client and are trivially forged. (Next fills the header with the socket address when it is absent.)
export function clientIp(headers: Headers) {
  return headers.get("x-forwarded-for")?.split(",").at(-1)?.trim() || headers.get("x-real-ip") || "local";
}
