// The address of the client making a request, for per-client sign-in limits and the session list.
// Without a proxy (TRUSTED_PROXY_HOPS=0, the default) it is the TCP peer (socket-address.ts):
// X-Forwarded-For is whatever the client sent. Behind n proxies that each append the address they
// received from, the n-th entry from the right of X-Forwarded-For was written by our own outermost
// proxy; everything left of it is the client's to forge.
import { isIP } from "node:net";
import { getEnv } from "@/lib/env";
import { normalizeAddress, socketAddress } from "./socket-address";

/** What clientIp() answers when it cannot tell (no stamp: a request that did not come over HTTP). */
export const UNKNOWN_CLIENT = "unknown";

export function clientIp(headers: Headers, trustedProxyHops = getEnv().TRUSTED_PROXY_HOPS): string {
  const peer = socketAddress(headers);
  if (trustedProxyHops > 0) {
    const hops = (headers.get("x-forwarded-for") ?? "")
      .split(",")
      .map((s) => s.trim())
      .filter(Boolean);
    // Fewer entries than proxies: the request did not come through all of them; the peer is all we know.
    if (hops.length >= trustedProxyHops) {
      const entry = normalizeAddress(hops[hops.length - trustedProxyHops]);
      if (isIP(entry)) return entry;
    }
  }
  return peer ?? UNKNOWN_CLIENT;
}
