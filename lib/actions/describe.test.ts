// Every kind has a description that names what it acts on, and the lists say what the synced copy
// holds (capped, with the total).
import { describe, expect, it } from "vitest";
import { ACTION_KINDS } from "@/db/enums";
import { describeTarget } from "./describe";
import { ACTION_KIND_INFO } from "./kinds";

const apps = Array.from({ length: 60 }, (_, i) => ({ id: `0oa${i}`, name: `App ${i}`, scope: i % 2 ? "GROUP" : "USER" }));
const input = {
  who: "jane@example.com",
  group: "Engineering",
  app: "Slack",
  state: {
    user: {
      id: "00u1",
      status: "ACTIVE",
      login: "jane@example.com",
      email: null,
      name: "Jane",
      transitioningToStatus: null,
      profile: { title: "Engineer" },
    },
  },
  facts: { apps, groups: [{ id: "00g1", name: "Engineering" }], appsThroughGroup: [{ id: "0oa1", name: "Jira" }], memberCount: 12 },
  params: { profile: { login: "new@example.com", firstName: "New", lastName: "Person", title: "Lead" }, sendEmail: false },
};

describe("describeTarget", () => {
  it.each(ACTION_KINDS)("%s names what it acts on", (kind) => {
    const d = describeTarget(kind, input);
    const target = ACTION_KIND_INFO[kind].target;
    if (target === "new_user") expect(d.effect).toContain("new@example.com");
    if (target === "user" || target === "group_member" || target === "app_user") expect(d.effect).toContain("jane@example.com");
    if (target === "group_member" || target === "app_group") expect(d.effect).toContain("Engineering");
    if (target === "app_user" || target === "app_group") expect(d.effect).toContain("Slack");
    expect(d.effect.endsWith(".")).toBe(true);
  });

  it("deactivation counts and lists the app assignments that end, capped at 50 with the total", () => {
    const d = describeTarget("user.deactivate", input);
    expect(d.effect).toMatch(/^Deactivate jane@example.com: ends 60 app assignments \(listed\)/);
    expect(d.lists[0]).toMatchObject({ title: "App assignments that end", total: 60 });
    expect(d.lists[0].items).toHaveLength(50);
    expect(d.lists[0].items[1]).toBe("App 1 (through a group)");
  });

  it("a profile edit lists each field from its current value to the new one", () => {
    const d = describeTarget("user.update_profile", { ...input, params: { profile: { title: "Lead", department: null } } });
    expect(d.lists[0].items).toEqual(["title: Engineer → Lead", "department: (empty) → (empty)"]);
  });

  it("without email, the one-time link is said to be shown once", () => {
    expect(describeTarget("user.reset_password", input).effect).toContain("shown once");
    expect(describeTarget("user.reset_password", { ...input, params: { sendEmail: true } }).effect).toContain("Okta emails");
  });
});
