// The TCP peer of the request, as stamped by socket-address-stamp.ts (installed at server start from
// instrumentation.ts). Next 16 gives route handlers, server actions and Auth.js's authorize() only a
// Web Request: no socket, no `ip`. Next fills X-Forwarded-For from the socket only when the client
// sent none (`??=` in next/dist/server/base-server.js), so that header is the client's to choose.
// The stamp carries a per-process secret, so a client sending the header itself is not believed.

export const SOCKET_ADDRESS_HEADER = "x-osc-socket-address";
const TOKEN = Symbol.for("osc.socketAddressToken");

type WithToken = typeof globalThis & { [TOKEN]?: string };

/** The process's stamp secret, set once by the stamp; undefined when it is not installed. */
export function stampToken(): string | undefined {
  return (globalThis as WithToken)[TOKEN];
}

export function setStampToken(token: string) {
  (globalThis as WithToken)[TOKEN] = token;
}

/** "::ffff:127.0.0.1" -> "127.0.0.1"; other addresses as they are. */
export function normalizeAddress(address: string): string {
  const a = address.trim();
  return /^::ffff:\d+\.\d+\.\d+\.\d+$/i.test(a) ? a.slice(7) : a;
}

/** The socket's address if this request carries this process's stamp, else null. */
export function socketAddress(headers: Headers): string | null {
  const token = stampToken();
  const value = headers.get(SOCKET_ADDRESS_HEADER);
  if (!token || !value) return null;
  const space = value.indexOf(" ");
  if (space < 0 || value.slice(0, space) !== token) return null;
  return value.slice(space + 1) || null;
}
