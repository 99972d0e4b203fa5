// The confirm dialog's parameters as the request sends them (toParams), checked by the catalogue's own
// schemas: every kind's defaults are a valid request, a cleared profile field is sent as null (Okta
// clears it), a new person's login defaults to their email and empty optional fields are left out.
import { describe, expect, it } from "vitest";
import { ACTION_KINDS } from "@/db/enums";
import { parseActionParams } from "@/lib/actions/kinds";
import { defaultParams, fieldLabel, hasParams, toParams } from "./param-fields";

describe("toParams", () => {
  it("the defaults of every kind without fields to fill are a valid request", () => {
    for (const kind of ACTION_KINDS.filter((k) => k !== "user.create" && k !== "user.update_profile")) {
      const parsed = parseActionParams(kind, toParams(kind, defaultParams(kind)));
      expect(parsed.success, kind).toBe(true);
    }
  });

  it("emails by default where Okta can, and says so when unticked", () => {
    expect(toParams("user.reset_password", defaultParams("user.reset_password"))).toEqual({ sendEmail: true });
    expect(toParams("user.activate", { sendEmail: false })).toEqual({ sendEmail: false });
    expect(hasParams("user.suspend")).toBe(false);
    expect(hasParams("user.activate")).toBe(true);
  });

  it("Edit profile sends only the chosen fields, an emptied one as null", () => {
    const p = toParams("user.update_profile", { profile: { title: " Lead ", mobilePhone: "" } });
    expect(p).toEqual({ profile: { title: "Lead", mobilePhone: null } });
    expect(parseActionParams("user.update_profile", p).success).toBe(true);
    // Nothing chosen is refused by the catalogue's own schema, with its words.
    const none = parseActionParams("user.update_profile", toParams("user.update_profile", { profile: {} }));
    expect(none.success).toBe(false);
    expect(none.error?.issues[0].message).toBe("choose at least one field to change");
  });

  it("a new person: the login is the email when left empty, empty optional fields are left out, staged unless asked", () => {
    const values = defaultParams("user.create");
    values.profile = { ...values.profile, firstName: "Noor", lastName: "Haddad", email: "noor@example.com" };
    const p = toParams("user.create", values);
    expect(p).toEqual({
      profile: { firstName: "Noor", lastName: "Haddad", email: "noor@example.com", login: "noor@example.com" },
      groupIds: [],
      activate: false,
    });
    expect(parseActionParams("user.create", p).success).toBe(true);
    expect(toParams("user.create", { ...values, activate: "now" }).activate).toBe(true);
    // A missing first name is the catalogue's error on the field the form shows.
    const bad = parseActionParams("user.create", toParams("user.create", { ...values, profile: { ...values.profile, firstName: " " } }));
    expect(bad.error?.issues.map((i) => i.path.join("."))).toEqual(["profile.firstName"]);
  });

  it("an app assignment's optional user name and a group's priority are sent only when given", () => {
    expect(toParams("app.assign_user", { userName: "" })).toEqual({});
    expect(toParams("app.assign_user", { userName: " jdoe " })).toEqual({ userName: "jdoe" });
    expect(toParams("app.assign_group", { priority: "" })).toEqual({});
    expect(toParams("app.assign_group", { priority: "2" })).toEqual({ priority: 2 });
    expect(parseActionParams("app.assign_group", toParams("app.assign_group", { priority: "x" })).success).toBe(false);
  });

  it("names profile fields in words", () => {
    expect(fieldLabel("firstName")).toBe("First name");
    expect(fieldLabel("costCenter")).toBe("Cost center");
  });
});
