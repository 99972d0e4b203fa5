import { describe, expect, it } from "vitest";
import { oktaAdminOrigin, oktaAdminUrls } from "./okta-admin-url";

describe("oktaAdminOrigin", () => {
  it.each([
    ["https://acme.okta.com", "https://acme-admin.okta.com"],
    ["https://acme.okta.com/", "https://acme-admin.okta.com"],
    ["https://dev-123456.oktapreview.com", "https://dev-123456-admin.oktapreview.com"],
    ["https://acme.okta-emea.com", "https://acme-admin.okta-emea.com"],
    ["https://acme-admin.okta.com", "https://acme-admin.okta.com"],
    ["http://127.0.0.1:8787", "http://127.0.0.1:8787"],
    ["https://login.acme.com", "https://login.acme.com"],
  ])("%s -> %s", (domain, origin) => {
    expect(oktaAdminOrigin(domain)).toBe(origin);
  });

  it("builds person, group and app links", () => {
    expect(oktaAdminUrls.user("https://acme.okta.com", "00u1")).toBe("https://acme-admin.okta.com/admin/user/profile/view/00u1");
    expect(oktaAdminUrls.user("http://127.0.0.1:8787", "00u1")).toBe("http://127.0.0.1:8787/admin/user/profile/view/00u1");
    expect(oktaAdminUrls.group("https://acme.okta.com", "00g1")).toBe("https://acme-admin.okta.com/admin/group/00g1");
    expect(oktaAdminUrls.app("https://acme.okta.com", "slack", "0oa1")).toBe("https://acme-admin.okta.com/admin/app/slack/instance/0oa1/");
  });
});
