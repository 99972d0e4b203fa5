// The "An action fails" rules on facts: roles that allow some, none or all of the actions the scopes allow.
import { describe, expect, it } from "vitest";
import { ACTION_KINDS } from "@/db/enums";
import { adminLinks } from "../admin-links";
import type { CheckContext } from "../check-def";
import { actionRoleRule, actionScopesRule, actionTargetRule } from "./actions";

const ctx: CheckContext = {
  target: "stored",
  symptom: "action_fails",
  method: "private_key_jwt",
  host: "acme.okta.com",
  links: adminLinks("https://acme.okta.com", "private_key_jwt", "0oa1"),
  requestedScopes: ["okta.users.read"],
};

describe("action rules", () => {
  it("an API token has no scopes: its admin's role decides", () => {
    expect(actionScopesRule({ allowActions: true, scopes: [] }, { ...ctx, method: "api_token" }).status).toBe("pass");
  });

  it("a read-only admin role allows none of the actions; a help desk admin some; a super admin all", () => {
    const base = { scopedKinds: [...ACTION_KINDS], rolesNote: null, denied: null };
    expect(actionRoleRule({ ...base, roles: ["READ_ONLY_ADMIN"] }, ctx)).toMatchObject({ status: "fail", cause: "ROLE_DOES_NOT_ALLOW" });
    const some = actionRoleRule({ ...base, roles: ["HELP_DESK_ADMIN"] }, ctx);
    expect(some).toMatchObject({ status: "warn", cause: "ROLE_ALLOWS_SOME" });
    expect(some.summary).toContain("does not allow create person");
    expect(some.summary).not.toContain("reset password,");
    expect(actionRoleRule({ ...base, roles: ["SUPER_ADMIN"] }, ctx).status).toBe("pass");
    expect(actionRoleRule({ ...base, roles: null, rolesNote: "Could not read the admin roles (x)." }, ctx)).toMatchObject({
      status: "warn",
      cause: "CHECK_INCOMPLETE",
    });
  });

  it("no failed action in a week passes; an unknown outcome is a warning that says to check Okta", () => {
    expect(actionTargetRule({ failure: null, now: null }).status).toBe("pass");
    const out = actionTargetRule({
      failure: {
        requestId: "r",
        kind: "user.suspend",
        label: "jane@example.com",
        at: "2026-01-01T00:00:00.000Z",
        oktaStatus: null,
        errorCode: "outcome_unknown",
        errorSummary: "The connection was lost after the call was sent (reset).",
        errorId: null,
      },
      now: { allowed: false, reason: "jane@example.com is already SUSPENDED.", status: "SUSPENDED" },
    });
    expect(out).toMatchObject({ status: "warn", cause: "OUTCOME_UNKNOWN" });
  });
});
