// Every Okta user status has the Admin Console's label, and the console's pages all read it from here.
import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { USER_STATUSES } from "@/lib/directory/contracts";
import { OKTA_USER_STATUSES } from "@/lib/sync/scope-contract";
import { USER_STATUS_LABEL, userStatusLabel } from "./user-status";

describe("userStatusLabel", () => {
  it("names each status as the Okta Admin Console does", () => {
    expect(Object.fromEntries(OKTA_USER_STATUSES.map((s) => [s, userStatusLabel(s)]))).toEqual({
      STAGED: "Staged",
      PROVISIONED: "Pending user action",
      ACTIVE: "Active",
      RECOVERY: "Password reset",
      PASSWORD_EXPIRED: "Password expired",
      LOCKED_OUT: "Locked out",
      SUSPENDED: "Suspended",
      DEPROVISIONED: "Deactivated",
    });
    expect(Object.keys(USER_STATUS_LABEL).sort()).toEqual([...USER_STATUSES].sort());
  });

  it("reads a status it does not know as words", () => {
    expect(userStatusLabel("SOME_NEW_STATUS")).toBe("Some new status");
  });

  it("is the only place that spells a user status for the screen", () => {
    // A page that turns a status into words on its own (e.g. "Deprovisioned" on one page and
    // "Deactivated" on another) is what this map exists to prevent.
    const root = path.resolve(__dirname, "../..");
    const offenders: string[] = [];
    const walk = (dir: string) => {
      for (const e of fs.readdirSync(path.join(root, dir), { withFileTypes: true })) {
        const rel = `${dir}/${e.name}`;
        if (e.isDirectory()) walk(rel);
        else if (/\.tsx?$/.test(e.name) && !/\.test\.tsx?$/.test(e.name)) {
          const src = fs.readFileSync(path.join(root, rel), "utf8");
          if (/["'>](Deprovisioned|Provisioned|Recovery)["'<]/.test(src)) offenders.push(rel);
        }
      }
    };
    for (const dir of ["app", "components"]) walk(dir);
    expect(offenders).toEqual([]);
  });
});
