// Okta's lifecycle rules as checkTargetState applies them, and the catalogue's calls and flags.
import { describe, expect, it } from "vitest";
import { ACTION_KINDS, type ActionKind } from "@/db/enums";
import { checkTargetState, type TargetState, type UserState } from "./check-target-state";
import { ACTION_KIND_INFO, DEFAULT_APPROVAL, oktaCallFor, parseActionParams, rolesAllow, targetSchemaFor } from "./kinds";

const user = (status: string, extra: Partial<UserState> = {}): UserState => ({
  id: "00u1",
  status,
  login: "jane@example.com",
  email: "jane@example.com",
  name: "Jane Doe",
  transitioningToStatus: null,
  profile: { login: "jane@example.com", title: "Engineer", department: "R&D" },
  ...extra,
});
const check = (kind: ActionKind, state: TargetState, params: unknown = {}) => checkTargetState(kind, state, params);

const ALL = ["STAGED", "PROVISIONED", "ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED", "DEPROVISIONED"];

describe("user lifecycle rules", () => {
  // The statuses each kind accepts; every other status is refused.
  const allowed: Partial<Record<ActionKind, string[]>> = {
    "user.activate": ["STAGED", "DEPROVISIONED"],
    "user.reactivate": ["PROVISIONED", "RECOVERY"],
    "user.suspend": ["ACTIVE"],
    "user.unsuspend": ["SUSPENDED"],
    "user.unlock": ["LOCKED_OUT"],
    "user.deactivate": ALL.filter((s) => s !== "DEPROVISIONED"),
    "user.delete": ["DEPROVISIONED"],
    "user.reset_password": ["ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT", "RECOVERY", "PROVISIONED"],
    "user.expire_password": ["ACTIVE", "PASSWORD_EXPIRED", "LOCKED_OUT", "RECOVERY"],
    "user.reset_factors": ALL.filter((s) => s !== "DEPROVISIONED" && s !== "STAGED"),
    "user.revoke_sessions": ALL.filter((s) => s !== "DEPROVISIONED" && s !== "STAGED"),
  };
  for (const [kind, ok] of Object.entries(allowed) as [ActionKind, string[]][]) {
    it(`${kind} from ${ok.join(", ")} only`, () => {
      for (const s of ALL) expect(check(kind, { user: user(s) }).ok, `${kind} from ${s}`).toBe(ok.includes(s));
    });
  }

  it("says why in plain words", () => {
    expect(check("user.suspend", { user: user("DEPROVISIONED") })).toEqual({
      ok: false,
      code: "state",
      reason: "Suspend needs an ACTIVE person; jane@example.com is DEPROVISIONED.",
    });
    expect(check("user.activate", { user: user("ACTIVE") })).toEqual({
      ok: false,
      code: "state",
      reason: "Activate needs a STAGED or DEPROVISIONED person; jane@example.com is ACTIVE.",
    });
    expect(check("user.delete", { user: user("SUSPENDED") })).toMatchObject({
      code: "state",
      reason: expect.stringContaining("Okta deletes only deactivated people; deactivate them first"),
    });
  });

  it("already in the end state is 'already', not an error", () => {
    expect(check("user.suspend", { user: user("SUSPENDED") })).toMatchObject({ ok: false, code: "already" });
    expect(check("user.unsuspend", { user: user("ACTIVE") })).toMatchObject({ ok: false, code: "already" });
    expect(check("user.deactivate", { user: user("DEPROVISIONED") })).toMatchObject({ ok: false, code: "already" });
    expect(check("user.update_profile", { user: user("ACTIVE") }, { profile: { title: "Engineer" } })).toMatchObject({ code: "already" });
    expect(check("user.update_profile", { user: user("ACTIVE") }, { profile: { title: "Lead" } }).ok).toBe(true);
  });

  it("a person Okta is still moving, or no longer has, is refused", () => {
    expect(check("user.suspend", { user: user("ACTIVE", { transitioningToStatus: "DEPROVISIONED" }) })).toMatchObject({
      code: "state",
      reason: "Okta is still moving jane@example.com to DEPROVISIONED; try again in a minute.",
    });
    expect(check("user.suspend", { user: null })).toMatchObject({ code: "gone" });
  });
});

describe("groups and apps", () => {
  const g = (type: string, name = "Engineering") => ({ id: "00g1", type, name });
  it("only Okta groups' members change; APP_GROUP and BUILT_IN are refused with the reason", () => {
    expect(check("group.add_member", { user: user("ACTIVE"), group: g("OKTA_GROUP"), member: false }).ok).toBe(true);
    expect(check("group.add_member", { user: user("ACTIVE"), group: g("APP_GROUP", "Domain Users"), member: false })).toMatchObject({
      code: "type",
      reason: expect.stringContaining("Domain Users is an APP_GROUP"),
    });
    expect(check("group.remove_member", { user: user("ACTIVE"), group: g("BUILT_IN", "Everyone"), member: true })).toEqual({
      ok: false,
      code: "type",
      reason: "Everyone is Okta's built-in group of everyone; its members cannot be changed.",
    });
    expect(check("group.add_member", { user: user("ACTIVE"), group: g("OKTA_GROUP"), member: true })).toMatchObject({ code: "already" });
    expect(check("group.remove_member", { user: user("ACTIVE"), group: g("OKTA_GROUP"), member: false })).toMatchObject({
      code: "already",
    });
  });

  it("a group-derived app assignment names the groups that grant it", () => {
    const app = { id: "0oa1", label: "Slack", status: "ACTIVE" };
    const appUser = { scope: "GROUP", status: "PROVISIONED", userName: "jane" };
    expect(
      check("app.unassign_user", { user: user("ACTIVE"), app, appUser, grantingGroups: [{ id: "00g1", name: "Engineering" }] }),
    ).toEqual({
      ok: false,
      code: "state",
      reason:
        "jane@example.com has Slack through the group Engineering, not directly: remove them from that group or unassign Slack from it instead.",
    });
    expect(check("app.unassign_user", { user: user("ACTIVE"), app, appUser: { ...appUser, scope: "USER" } }).ok).toBe(true);
    expect(check("app.unassign_user", { user: user("ACTIVE"), app, appUser: null })).toMatchObject({ code: "already" });
    expect(check("app.assign_user", { user: user("DEPROVISIONED"), app, appUser: null })).toMatchObject({ code: "state" });
  });

  it("user.create refuses a login Okta already has and groups that are not Okta groups", () => {
    const params = { profile: { login: "new@example.com" } };
    expect(check("user.create", { loginTaken: null, groups: [], missingGroupIds: [] }, params).ok).toBe(true);
    expect(check("user.create", { loginTaken: { id: "00u9", status: "ACTIVE" }, groups: [], missingGroupIds: [] }, params)).toMatchObject({
      reason: "Okta already has a person with the login new@example.com (ACTIVE); logins are unique.",
    });
    expect(check("user.create", { loginTaken: null, groups: [], missingGroupIds: ["00gX"] }, params)).toMatchObject({ code: "gone" });
    expect(check("user.create", { loginTaken: null, groups: [g("APP_GROUP")], missingGroupIds: [] }, params)).toMatchObject({
      code: "type",
    });
  });
});

describe("the catalogue", () => {
  it("has one entry per kind with Okta's call", () => {
    expect(Object.keys(ACTION_KIND_INFO).sort()).toEqual([...ACTION_KINDS].sort());
    expect(oktaCallFor("user.suspend", { userId: "00u1" }, {})).toMatchObject({
      method: "POST",
      path: "/api/v1/users/00u1/lifecycle/suspend",
      idempotent: false,
    });
    expect(oktaCallFor("user.revoke_sessions", { userId: "00u1" }, {})).toMatchObject({
      method: "DELETE",
      path: "/api/v1/users/00u1/sessions",
      query: { oauthTokens: "true" },
      idempotent: true,
    });
    expect(oktaCallFor("group.add_member", { groupId: "00g1", userId: "00u1" }, {})).toMatchObject({
      method: "PUT",
      path: "/api/v1/groups/00g1/users/00u1",
      idempotent: true,
    });
    const create = parseActionParams("user.create", {
      profile: { firstName: "A", lastName: "B", email: "a@example.com", login: "a@example.com" },
      groupIds: ["00g1"],
    });
    expect(create.success).toBe(true);
    expect(oktaCallFor("user.create", {}, create.data)).toEqual({
      method: "POST",
      path: "/api/v1/users",
      query: { activate: "false" },
      body: { profile: { firstName: "A", lastName: "B", email: "a@example.com", login: "a@example.com" }, groupIds: ["00g1"] },
      idempotent: false,
    });
    expect(oktaCallFor("app.assign_user", { appId: "0oa1", userId: "00u1" }, { userName: "jane" }).body).toEqual({
      id: "00u1",
      scope: "USER",
      credentials: { userName: "jane" },
    });
    expect(oktaCallFor("user.activate", { userId: "a/b" }, { sendEmail: false })).toMatchObject({
      path: "/api/v1/users/a%2Fb/lifecycle/activate",
      query: { sendEmail: "false" },
    });
  });

  it("never treats user.create or DELETE of a user as safe to repeat, and flags the destructive kinds", () => {
    expect(ACTION_KIND_INFO["user.create"].idempotent).toBe(false);
    expect(ACTION_KIND_INFO["user.delete"].idempotent).toBe(false);
    const destructive = ACTION_KINDS.filter((k) => ACTION_KIND_INFO[k].destructive);
    expect(destructive).toEqual(["user.deactivate", "user.delete", "user.reset_factors", "app.unassign_user", "app.unassign_group"]);
  });

  it("defaults: one admin for deactivate, delete and reset factors; none for the rest", () => {
    const oneAdmin = ACTION_KINDS.filter((k) => DEFAULT_APPROVAL[k] === "one_admin");
    expect(oneAdmin).toEqual(["user.deactivate", "user.delete", "user.reset_factors"]);
    expect(ACTION_KINDS.filter((k) => DEFAULT_APPROVAL[k] === "none")).toHaveLength(ACTION_KINDS.length - 3);
  });

  it("target ids and parameters are checked per kind, naming the field", () => {
    expect(targetSchemaFor("group.add_member").safeParse({ userId: "00u1" }).success).toBe(false);
    const extra = targetSchemaFor("user.suspend").safeParse({ userId: "00u1", groupId: "00g1" });
    expect(extra.success).toBe(false);
    expect(extra.error?.issues[0]).toMatchObject({ path: ["groupId"] });
    const bad = parseActionParams("user.update_profile", { profile: {} });
    expect(bad.error?.issues[0].message).toBe("choose at least one field to change");
    expect(parseActionParams("user.update_profile", { profile: { login: "x" } }).success).toBe(false);
    expect(parseActionParams("user.activate", {}).data).toEqual({ sendEmail: true });
  });

  it("admin roles: read-only may do nothing, a help desk admin may reset but not deactivate, unknown roles leave it to Okta", () => {
    expect(ACTION_KINDS.some((k) => rolesAllow(k, ["READ_ONLY_ADMIN"]))).toBe(false);
    expect(rolesAllow("user.reset_password", ["HELP_DESK_ADMIN"])).toBe(true);
    expect(rolesAllow("user.deactivate", ["HELP_DESK_ADMIN"])).toBe(false);
    expect(rolesAllow("app.assign_user", ["APP_ADMIN"])).toBe(true);
    expect(rolesAllow("user.delete", null)).toBe(true);
  });
});
