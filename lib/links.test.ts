import { describe, expect, it } from "vitest";
import { links } from "./links";

describe("links", () => {
  it("builds each page's path, leaving empty filters out", () => {
    const id = "2efa127b-4628-4168-bae7-8045ce8a2ff0";
    expect(links.overview(id)).toBe(`/integrations/okta/${id}`);
    expect(links.overview(id, { connected: true })).toBe(`/integrations/okta/${id}?connected=1`);
    expect(links.run(id, "r1")).toBe(`/integrations/okta/${id}/runs/r1`);
    expect(links.troubleshoot(id)).toBe(`/integrations/okta/${id}/troubleshoot`);
    expect(links.troubleshoot(id, "all")).toBe(`/integrations/okta/${id}/troubleshoot?symptom=all`);
    expect(links.people()).toBe("/directory/people");
    expect(links.people({ integrationId: id, status: "SUSPENDED" })).toBe(`/directory/people?status=SUSPENDED&integrationId=${id}`);
    expect(links.groups({ type: "", integrationId: id })).toBe(`/directory/groups?integrationId=${id}`);
    expect(links.signIns("FAILURE")).toBe("/activity?eventType=user.session.start&outcome=FAILURE");
    expect(links.activity({ target: "00u1", actor: "" })).toBe("/activity?target=00u1");
    expect(links.activity({ actor: "00u1", from: "2026-03-01T00:00:00.000Z" })).toBe(
      "/activity?actor=00u1&from=2026-03-01T00%3A00%3A00.000Z",
    );
    expect(links.activityEvent("dc9fd3c0-598c", id)).toBe(`/activity/dc9fd3c0-598c?integrationId=${id}`);
    expect(links.consoleSettings("api-keys")).toBe("/settings/api-keys");
  });

  it("encodes ids and query values", () => {
    expect(links.person("i d", "00u/1")).toBe("/directory/people/i%20d/00u%2F1");
    expect(links.people({ q: "a&b c" })).toBe("/directory/people?q=a%26b+c");
  });
});
