// The client address behind the per-client sign-in limit, over real HTTP: a Node server stamped the
// way instrumentation.ts stamps Next's, and requests sent from a chosen loopback address with forged
// X-Forwarded-For and forged stamp headers.
import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { envSchema } from "@/lib/env";
import { clientIp, UNKNOWN_CLIENT } from "./client-ip";
import { SOCKET_ADDRESS_HEADER } from "./socket-address";
import { installSocketAddressStamp } from "./socket-address-stamp";

let server: http.Server;
let port: number;

beforeAll(async () => {
  installSocketAddressStamp();
  // As Next builds a route handler's Request: headers from `req.headers`.
  server = http.createServer((req, res) => {
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === "string") headers.set(k, v);
    const hops = Number(new URL(req.url ?? "/", "http://x").searchParams.get("hops"));
    res.end(clientIp(headers, hops));
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

/** A request from `from` (a loopback address of our choosing) with the given headers; the address the server saw. */
function seenAs(from: string, hops: number, headers: Record<string, string>): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.request({ host: "127.0.0.1", port, path: `/?hops=${hops}`, localAddress: from, headers, agent: false }, (res) => {
      let body = "";
      res.on("data", (c) => {
        body += c;
      });
      res.on("end", () => resolve(body));
    });
    req.on("error", reject);
    req.end();
  });
}

const FORGED = {
  "x-forwarded-for": "203.0.113.9, 198.51.100.4",
  [SOCKET_ADDRESS_HEADER]: "guessed-token 192.0.2.1",
  "x-real-ip": "192.0.2.2",
};

describe("clientIp", () => {
  it("without a proxy (0 hops) is the socket's address, whatever X-Forwarded-For or a forged stamp say", async () => {
    expect(await seenAs("127.0.0.7", 0, FORGED)).toBe("127.0.0.7");
    expect(await seenAs("127.0.0.8", 0, {})).toBe("127.0.0.8");
  });

  it.each([
    [1, "198.51.100.4"],
    [2, "203.0.113.9"],
    // More proxies configured than entries: the request did not come through them; the peer is all we know.
    [3, "127.0.0.7"],
  ])("behind %i trusted proxies, the entry that many from the right of X-Forwarded-For", async (hops, expected) => {
    expect(await seenAs("127.0.0.7", hops, FORGED)).toBe(expected);
  });

  it("an entry that is not an address falls back to the socket's", async () => {
    expect(await seenAs("127.0.0.9", 1, { "x-forwarded-for": "203.0.113.9, not-an-ip" })).toBe("127.0.0.9");
  });

  it("is unknown for a request that did not come through this process's stamped server", () => {
    expect(clientIp(new Headers(FORGED), 0)).toBe(UNKNOWN_CLIENT);
    expect(clientIp(new Headers({ [SOCKET_ADDRESS_HEADER]: "127.0.0.1" }), 0)).toBe(UNKNOWN_CLIENT);
  });
});

describe("TRUSTED_PROXY_HOPS", () => {
  it("defaults to 0 and takes a small whole number; anything else stops start-up", () => {
    expect(envSchema.parse({}).TRUSTED_PROXY_HOPS).toBe(0);
    expect(envSchema.parse({ TRUSTED_PROXY_HOPS: "2" }).TRUSTED_PROXY_HOPS).toBe(2);
    for (const bad of ["-1", "1.5", "eleven", "11"]) expect(envSchema.safeParse({ TRUSTED_PROXY_HOPS: bad }).success, bad).toBe(false);
  });
});
