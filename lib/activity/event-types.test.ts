// The plain-words catalogue of System Log event types: labels, sentences naming the targets, the
// actor's own account in the third person, and the fallbacks for a type it does not know.
import { describe, expect, it } from "vitest";
import {
  APP_GROUP,
  APP_USER,
  GROUP_DELETED,
  MEMBERSHIP,
  PRIVILEGE,
  USER_CREATED,
  USER_DELETED,
  USER_STATUS,
} from "@/lib/sync/incremental/events";
import { describeEvent, EVENT_CATALOGUE, eventLabel, targetName } from "./event-types";

const jane = { id: "00uJANE", type: "User", alternateId: "jane@acme.com", displayName: "Jane Doe" };
const group = { id: "00gAWS", type: "UserGroup", alternateId: "unknown", displayName: "aws-prod-admins" };
const slack = { id: "0oaSLACK", type: "AppInstance", alternateId: "Slack", displayName: "Slack" };
const admin = { id: "00uADMIN", type: "User", displayName: "Ada Admin" };

describe("describeEvent", () => {
  it("says what an admin did to whom, with each target a part of its own", () => {
    const d = describeEvent({
      eventType: "group.user_membership.add",
      displayMessage: "Add user to group membership",
      actor: admin,
      targets: [jane, group],
    });
    expect(d).toEqual({
      action: "Added to group",
      parts: ["added ", { target: jane }, " to ", { target: group }],
      summary: "added Jane Doe to aws-prod-admins",
      known: true,
    });
    expect(
      describeEvent({
        eventType: "application.user_membership.remove",
        displayMessage: null,
        actor: admin,
        targets: [{ ...jane, type: "AppUser" }, slack],
      }).summary,
    ).toBe("unassigned Slack from Jane Doe");
    expect(
      describeEvent({
        eventType: "user.authentication.sso",
        displayMessage: null,
        actor: jane,
        targets: [slack, { ...jane, type: "AppUser" }],
      }).summary,
    ).toBe("signed in to Slack");
  });

  it("speaks of the actor's own account in the third person", () => {
    const own = describeEvent({ eventType: "user.account.update_password", displayMessage: null, actor: jane, targets: [jane] });
    expect(own.summary).toBe("changed their password");
    const other = describeEvent({ eventType: "user.account.update_password", displayMessage: null, actor: admin, targets: [jane] });
    expect(other.summary).toBe("changed the password of Jane Doe");
    expect(describeEvent({ eventType: "user.account.lock", displayMessage: null, actor: jane, targets: [jane] }).summary).toBe(
      "was locked out after too many sign-in attempts",
    );
  });

  it("names a missing target in general words rather than leaving a gap", () => {
    expect(describeEvent({ eventType: "group.user_membership.add", displayMessage: null, actor: admin, targets: null }).summary).toBe(
      "added a person to a group",
    );
  });

  it("falls back to Okta's displayMessage, then the raw type, for a type it does not know, listing the targets", () => {
    const withMessage = describeEvent({
      eventType: "zone.make_blocklist",
      displayMessage: "Create blocklist zone",
      actor: admin,
      targets: [slack, group, jane],
    });
    expect(withMessage).toMatchObject({ action: "Create blocklist zone", summary: "on Slack, aws-prod-admins and Jane Doe", known: false });
    expect(describeEvent({ eventType: "zone.make_blocklist", displayMessage: null, actor: admin, targets: [] })).toMatchObject({
      action: "zone.make_blocklist",
      summary: "",
      known: false,
    });
    expect(eventLabel("zone.make_blocklist", "Create blocklist zone")).toBe("Create blocklist zone");
    expect(eventLabel("zone.make_blocklist", null)).toBe("zone.make_blocklist");
    expect(eventLabel("group.user_membership.remove")).toBe("Removed from group");
  });

  it("knows every event type the incremental sync applies", () => {
    const applied = [
      ...USER_DELETED,
      ...USER_CREATED,
      ...USER_STATUS,
      ...GROUP_DELETED,
      ...MEMBERSHIP,
      ...APP_USER,
      ...APP_GROUP,
      ...PRIVILEGE,
    ];
    expect(applied.filter((t) => !EVENT_CATALOGUE[t])).toEqual([]);
  });

  it("gives every template a label and only placeholders it can fill", () => {
    for (const [type, entry] of Object.entries(EVENT_CATALOGUE)) {
      expect(entry.label, type).toMatch(/^[A-Z]/);
      for (const s of [entry.sentence, entry.self ?? ""]) {
        for (const m of s.matchAll(/\{(\w+)\}/g))
          expect(["user", "group", "app", "factor", "hook", "target"], `${type}: ${s}`).toContain(m[1]);
      }
    }
  });
});

describe("targetName", () => {
  it("prefers the display name, then a meaningful alternate id, then the id", () => {
    expect(targetName(jane)).toBe("Jane Doe");
    expect(targetName({ ...jane, displayName: null })).toBe("jane@acme.com");
    expect(targetName({ ...group, displayName: null })).toBe("00gAWS");
    expect(targetName({ id: null, type: null, alternateId: null, displayName: null })).toBe("unknown");
  });
});
