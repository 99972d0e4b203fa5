import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { OktaApiError } from "./errors";
import { checkUrl, isPublicAddress, type Resolve, safeFetch } from "./ssrf";

describe("isPublicAddress", () => {
  it.each([
    ["8.8.8.8", true],
    ["1.1.1.1", true],
    ["2606:4700:4700::1111", true],
    ["127.0.0.1", false],
    ["127.255.255.254", false],
    ["10.0.0.1", false],
    ["172.16.0.1", false],
    ["172.31.255.255", false],
    ["172.32.0.1", true],
    ["192.168.1.1", false],
    ["169.254.169.254", false],
    ["100.64.0.1", false],
    ["100.127.255.255", false],
    ["0.0.0.0", false],
    ["224.0.0.1", false],
    ["255.255.255.255", false],
    ["198.18.0.1", false],
    ["::1", false],
    ["::", false],
    ["fc00::1", false],
    ["fd12:3456::1", false],
    ["fe80::1", false],
    ["ff02::1", false],
    ["::ffff:127.0.0.1", false],
    ["::ffff:7f00:1", false],
    ["::ffff:10.1.2.3", false],
    ["::ffff:8.8.8.8", true],
    ["64:ff9b::a00:1", false],
    ["2002:c0a8:101::1", false],
    ["2002:0808:0808::1", true],
    ["::127.0.0.1", false],
    ["[::1]", false],
    ["not-an-ip", false],
  ])("%s -> %s", (ip, pub) => expect(isPublicAddress(ip)).toBe(pub));
});

describe("checkUrl", () => {
  const allow = ["127.0.0.1:8787"];
  it.each([
    ["http://acme.okta.com/", /only https/],
    ["https://127.0.0.1/", /not a public address/],
    ["https://2130706433/", /not a public address/],
    ["https://0177.0.0.1/", /not a public address/],
    ["https://[::1]/", /not a public address/],
    ["https://[::ffff:169.254.169.254]/", /not a public address/],
    ["https://[fd00::1]/", /not a public address/],
    ["https://user@acme.okta.com/", /user name or password/],
    ["https://localhost/", /local name/],
    ["http://127.0.0.1:8788/", /only https/],
    ["gopher://acme.okta.com/", /only https/],
    ["file:///etc/passwd", /only https/],
  ])("%s is refused", (url, msg) => expect(() => checkUrl(url, allow)).toThrow(msg));

  it("allows an allow-listed host:port over http, only that port", () => {
    expect(checkUrl("http://127.0.0.1:8787/api/v1/users", allow).allowlisted).toBe(true);
    expect(() => checkUrl("http://127.0.0.1:8786/", allow)).toThrow();
    expect(checkUrl("https://acme.okta.com/", allow).allowlisted).toBe(false);
  });
});

describe("safeFetch", () => {
  let server: http.Server;
  let other: http.Server;
  let port = 0;
  let otherPort = 0;
  beforeAll(async () => {
    other = http.createServer((_, res) => res.end("other"));
    await new Promise<void>((r) => other.listen(0, "127.0.0.1", () => r()));
    otherPort = (other.address() as AddressInfo).port;
    server = http.createServer((req, res) => {
      if (req.url === "/same") return res.writeHead(302, { location: "/ok" }).end();
      if (req.url === "/away") return res.writeHead(302, { location: `http://127.0.0.1:${otherPort}/` }).end();
      if (req.url === "/slow") return setTimeout(() => res.end("late"), 2000);
      if (req.url === "/big") return res.end("x".repeat(5000));
      res.setHeader("content-type", "application/json");
      res.end(JSON.stringify({ ok: true, path: req.url }));
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", () => r()));
    port = (server.address() as AddressInfo).port;
  });
  afterAll(() => {
    server.close();
    other.close();
  });
  const allow = () => [`127.0.0.1:${port}`, `127.0.0.1:${otherPort}`];

  const fails = async (p: Promise<unknown>, reason: string) => {
    const e = await p.then(
      () => null,
      (x) => x,
    );
    expect(e).toBeInstanceOf(OktaApiError);
    expect((e as OktaApiError).networkReason).toBe(reason);
    return e as OktaApiError;
  };

  it("calls an allow-listed host and follows a same-origin redirect", async () => {
    const res = await safeFetch({ method: "GET", url: `http://127.0.0.1:${port}/same`, allow: allow() });
    expect(res.status).toBe(200);
    expect(JSON.parse(res.text).path).toBe("/ok");
  });

  it("does not follow a redirect to another host, even an allow-listed one", async () => {
    await fails(safeFetch({ method: "GET", url: `http://127.0.0.1:${port}/away`, allow: allow() }), "redirect");
  });

  it("refuses the same server when it is not allow-listed", async () => {
    await fails(safeFetch({ method: "GET", url: `http://127.0.0.1:${port}/`, allow: [] }), "blocked");
  });

  it("refuses names that resolve to loopback (checked on the resolved address)", async () => {
    // A public-looking name that resolves to loopback, by a resolver of the test's own (not this machine's DNS).
    const resolve: Resolve = (_host, _options, cb) => cb(null, [{ address: "127.0.0.1", family: 4 }]);
    const e = await fails(safeFetch({ method: "GET", url: `https://okta.example.com:${port}/`, allow: [], resolve }), "blocked");
    expect(e.message).toMatch(/resolves to 127\.0\.0\.1/);
  });

  it("times out", async () => {
    await fails(safeFetch({ method: "GET", url: `http://127.0.0.1:${port}/slow`, allow: allow(), timeoutMs: 200 }), "timeout");
  });

  it("caps the answer size", async () => {
    await fails(safeFetch({ method: "GET", url: `http://127.0.0.1:${port}/big`, allow: allow(), maxBytes: 1000 }), "too_large");
  });

  it("reports an unknown host as a DNS failure", async () => {
    await fails(safeFetch({ method: "GET", url: "https://does-not-exist.invalid/", allow: [] }), "dns");
  });
});
