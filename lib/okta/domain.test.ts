import { describe, expect, it } from "vitest";
import { normalizeOktaDomain } from "./domain";

const allow = ["127.0.0.1:8787", "localhost:8787"];
const n = (s: string) => normalizeOktaDomain(s, allow);

describe("normalizeOktaDomain: accepted", () => {
  it.each<[string, string, string, RegExp[]]>([
    ["acme.okta.com", "https://acme.okta.com", "okta", []],
    ["https://acme.okta.com/", "https://acme.okta.com", "okta", []],
    ["  https://acme.okta.com  ", "https://acme.okta.com", "okta", []],
    ["https://acme.okta.com/app/UserHome", "https://acme.okta.com", "okta", [/Removed "\/app\/UserHome"/]],
    ["https://acme-admin.okta.com/admin/dashboard", "https://acme.okta.com", "okta", [/-admin/, /dashboard/]],
    ["ACME.OKTA.COM", "https://acme.okta.com", "okta", [/lower case/]],
    ["http://acme.okta.com", "https://acme.okta.com", "okta", [/https/]],
    ["acme.okta.com:443", "https://acme.okta.com", "okta", []],
    ["acme.okta.com.", "https://acme.okta.com", "okta", []],
    ["https://acme.okta.com/oauth2/default?x=1#y", "https://acme.okta.com", "okta", [/oauth2\/default\?x=1#y/]],
    ["dev-123456.okta.com/api/v1", "https://dev-123456.okta.com", "okta", [/api\/v1/]],
    ["integrator-1234567.okta.com", "https://integrator-1234567.okta.com", "okta", []],
    ["acme.oktapreview.com", "https://acme.oktapreview.com", "okta", []],
    ["acme-admin.oktapreview.com", "https://acme.oktapreview.com", "okta", [/-admin/]],
    ["acme.okta-emea.com", "https://acme.okta-emea.com", "okta", []],
    ["agency.okta-gov.com", "https://agency.okta-gov.com", "okta", []],
    ["agency-admin.okta-gov.com", "https://agency.okta-gov.com", "okta", [/-admin/]],
    ["unit.okta.mil", "https://unit.okta.mil", "okta", []],
    ["unit.okta-miltest.com", "https://unit.okta-miltest.com", "okta", []],
    ["agency.trex-gov.com", "https://agency.trex-gov.com", "okta", []],
    ["login.example.com", "https://login.example.com", "custom", []],
    ["https://id.acme.co.uk/", "https://id.acme.co.uk", "custom", []],
    ["http://127.0.0.1:8787", "http://127.0.0.1:8787", "allowlisted", []],
    ["127.0.0.1:8787", "http://127.0.0.1:8787", "allowlisted", []],
    ["http://localhost:8787/app/UserHome", "http://localhost:8787", "allowlisted", [/app\/UserHome/]],
  ])("%s -> %s", (input, origin, kind, changes) => {
    const r = n(input);
    expect(r.origin).toBe(origin);
    expect(r.kind).toBe(kind);
    for (const c of changes) expect(r.changes.join(" | ")).toMatch(c);
    if (!changes.length) expect(r.changes).toEqual([]);
  });
});

describe("normalizeOktaDomain: rejected", () => {
  it.each<[string, RegExp]>([
    ["", /Enter your Okta domain/],
    ["   ", /Enter your Okta domain/],
    ["{yourOktaDomain}", /placeholder/],
    ["https://{yourOktaDomain}/", /placeholder/],
    ["acme okta com", /no spaces/],
    ["acme", /not a valid domain name/],
    ["okta.com", /your org's own domain/],
    ["a.b.okta.com", /not an Okta org domain/],
    ["acme.okta.com.com", /\.com\.com/],
    ["ftp://acme.okta.com", /https/],
    ["javascript:alert(1)", /web address/],
    ["acme.okta.com:8443", /standard https port/],
    ["admin@acme.okta.com", /user name or @/],
    ["https://user:pass@acme.okta.com", /user name or @/],
    ["https://acme.okta.com@evil.example", /user name or @/],
    ["127.0.0.1", /not an IP address/],
    ["http://127.0.0.1", /not an IP address/],
    ["https://2130706433/", /not an IP address/],
    ["https://0x7f000001/", /not an IP address/],
    ["https://[::1]/", /not an IP address/],
    ["https://[::ffff:127.0.0.1]/", /not an IP address/],
    ["169.254.169.254", /not an IP address/],
    ["localhost", /not a valid domain name|local name/],
    ["http://localhost:3000", /local name|standard https port/],
    ["printer.local", /local name/],
    ["metadata.google.internal", /local name/],
    ["acme.okta.123", /not a valid/],
    ["acme.okta.c0m", /top-level domain/],
    ["-acme.okta.com", /not a valid/],
    ["acme_corp.okta.com", /not a valid domain name/],
    [`${"a".repeat(400)}.okta.com`, /too long/],
    ["127.0.0.1:9999", /not an IP address/],
  ])("%j is refused", (input, message) => {
    expect(() => n(input)).toThrow(message);
  });
});
