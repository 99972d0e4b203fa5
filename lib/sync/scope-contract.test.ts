// The scope's pure rules: normalization, the users search expression and the client-side check.
import { describe, expect, it } from "vitest";
import { describeScope, normalizeScope, syncScopeInput, userMatches, userSearchClause } from "./scope-contract";

describe("sync scope", () => {
  it.each([
    [null, null],
    [{}, null],
    [{ groupIds: [], appIds: [] }, null],
    [{ userStatuses: ["SUSPENDED", "ACTIVE", "ACTIVE"] }, { userStatuses: ["ACTIVE", "SUSPENDED"] }],
    [{ groupIds: ["00gB", "00gA"], userTypes: [] }, { groupIds: ["00gA", "00gB"] }],
    [{ colors: ["red"] }, null],
  ])("normalizes %j to %j", (raw, want) => expect(normalizeScope(raw)).toEqual(want));

  it("writes the users search: statuses or'ed, types by profile attribute or type id, both and'ed", () => {
    expect(userSearchClause(null)).toBeNull();
    expect(userSearchClause({ groupIds: ["00g1"] })).toBeNull();
    expect(userSearchClause({ userStatuses: ["ACTIVE", "LOCKED_OUT"], userTypes: ["Contractor", "oty1162QAr8hJjTaq0g4"] })).toBe(
      '(status eq "ACTIVE" or status eq "LOCKED_OUT") and (profile.userType eq "Contractor" or type.id eq "oty1162QAr8hJjTaq0g4")',
    );
  });

  it.each([
    [{ userStatuses: ["ACTIVE" as const] }, { status: "ACTIVE", userType: null, typeId: null }, true],
    [{ userStatuses: ["ACTIVE" as const] }, { status: "SUSPENDED", userType: null, typeId: null }, false],
    [{ userTypes: ["Contractor"] }, { status: "ACTIVE", userType: "Contractor", typeId: "oty1" }, true],
    [{ userTypes: ["Contractor"] }, { status: "ACTIVE", userType: "Employee", typeId: "oty1" }, false],
    [{ userTypes: ["oty1162QAr8hJjTaq0g4"] }, { status: "ACTIVE", userType: "Employee", typeId: "oty1162QAr8hJjTaq0g4" }, true],
    [{ groupIds: ["00g1"] }, { status: "DEPROVISIONED", userType: null, typeId: null }, true],
  ])("checks %j against %j: %s", (scope, user, want) => expect(userMatches(scope, user)).toBe(want));

  it("refuses quotes and odd ids that would break out of a search expression", () => {
    expect(syncScopeInput.safeParse({ userTypes: ['x" or status pr or "'] }).success).toBe(false);
    expect(syncScopeInput.safeParse({ groupIds: ["00g1/../x"] }).success).toBe(false);
    expect(syncScopeInput.safeParse({ userStatuses: ["active"] }).success).toBe(false);
  });

  it("says the scope in words", () => {
    expect(describeScope(null)).toBe("Everything");
    expect(
      describeScope(
        { groupIds: ["00g1"], userStatuses: ["ACTIVE"], appIds: ["0oa1", "0oa2"] },
        { groups: { "00g1": "Engineering" }, apps: { "0oa1": "Slack" } },
      ),
    ).toBe("members of Engineering; status ACTIVE; apps: 2 apps");
  });
});
