// checkSubjectState: what an Actions menu can judge before the other party and the parameters are
// chosen. It must agree with checkTargetState on everything it judges (the person's status, the group's
// type), and never refuse for what only the full check can know (a profile's values, membership).
import { describe, expect, it } from "vitest";
import { ACTION_KINDS, type ActionKind } from "@/db/enums";
import { checkSubjectState, checkTargetState, type GroupState, type UserState } from "./check-target-state";
import { ACTION_KIND_INFO } from "./kinds";

const user = (status: string, extra: Partial<UserState> = {}): UserState => ({
  id: "00u1",
  status,
  login: "jane@example.com",
  email: "jane@example.com",
  name: "Jane Doe",
  transitioningToStatus: null,
  profile: { login: "jane@example.com", title: "Engineer" },
  ...extra,
});
const group = (type: string): GroupState => ({ id: "00g1", type, name: "Engineering" });
const STATUSES = ["STAGED", "PROVISIONED", "ACTIVE", "RECOVERY", "PASSWORD_EXPIRED", "LOCKED_OUT", "SUSPENDED", "DEPROVISIONED"];
const USER_KINDS = ACTION_KINDS.filter((k) => ACTION_KIND_INFO[k].target === "user");

describe("checkSubjectState", () => {
  it("judges a person's kinds by status exactly as the full check does (update_profile: status only)", () => {
    for (const kind of USER_KINDS.filter((k) => k !== "user.update_profile"))
      for (const s of STATUSES)
        expect(checkSubjectState(kind, { user: user(s) }), `${kind} from ${s}`).toEqual(checkTargetState(kind, { user: user(s) }, {}));
  });

  it("offers Edit profile to anyone not deactivated, whatever the values, and refuses it for a deactivated person", () => {
    expect(checkSubjectState("user.update_profile", { user: user("ACTIVE") })).toEqual({ ok: true });
    expect(checkSubjectState("user.update_profile", { user: user("DEPROVISIONED") })).toMatchObject({
      ok: false,
      code: "state",
      reason: expect.stringContaining("deactivated"),
    });
  });

  it("says a person Okta no longer has, or is still moving, cannot be acted on", () => {
    expect(checkSubjectState("user.suspend", { user: null })).toMatchObject({ ok: false, code: "gone" });
    expect(checkSubjectState("user.suspend", { user: user("ACTIVE", { transitioningToStatus: "SUSPENDED" }) })).toMatchObject({
      ok: false,
      code: "state",
    });
  });

  it("refuses membership changes of APP_GROUP and BUILT_IN groups with the reason, and allows them for OKTA_GROUP", () => {
    for (const kind of ["group.add_member", "group.remove_member"] as ActionKind[]) {
      expect(checkSubjectState(kind, { group: group("OKTA_GROUP") })).toEqual({ ok: true });
      expect(checkSubjectState(kind, { group: group("APP_GROUP") })).toMatchObject({
        ok: false,
        code: "type",
        reason: expect.stringContaining("APP_GROUP"),
      });
      expect(checkSubjectState(kind, { group: group("BUILT_IN") })).toMatchObject({
        ok: false,
        code: "type",
        reason: expect.stringContaining("built-in"),
      });
      expect(checkSubjectState(kind, { group: null })).toMatchObject({ ok: false, code: "gone" });
    }
  });

  it("leaves app assignments to the full check (nothing about the subject alone refuses them)", () => {
    for (const kind of ["app.assign_user", "app.unassign_user", "app.assign_group", "app.unassign_group"] as ActionKind[])
      expect(checkSubjectState(kind, { group: group("APP_GROUP") })).toEqual({ ok: true });
  });
});
