// tallyLogins and tallyAdmins: the hygiene card's numbers from the people per `<status>/<day>`
// (okta_counts' user_logins) and the admin role holders per `<day>` (admin_logins), days since
// 1970-01-01 UTC as okta_login_day writes them. A cut-off is a UTC midnight; "before" is every earlier
// day and never, as the people list says.
import { describe, expect, it } from "vitest";
import { tallyAdmins, tallyLogins } from "./count-hygiene";

const day = (iso: string) => String(Math.floor(Date.parse(`${iso}T00:00:00.000Z`) / 86_400_000));
const cuts = {
  d30: new Date("2026-11-05T00:00:00.000Z"),
  d60: new Date("2026-10-06T00:00:00.000Z"),
  d90: new Date("2026-09-06T00:00:00.000Z"),
};

describe("tallyLogins", () => {
  it("counts active people before each cut-off day, never among them, and the day of the cut-off not", () => {
    const rows = [
      { key: `ACTIVE/${day("2026-11-05")}`, n: 5 }, // on the cut-off day: signed in within 30 days
      { key: `ACTIVE/${day("2026-11-04")}`, n: 7 }, // the day before: dormant 30
      { key: `ACTIVE/${day("2026-10-06")}`, n: 11 }, // dormant 30, not 60
      { key: `ACTIVE/${day("2026-10-05")}`, n: 13 }, // dormant 30 and 60
      { key: `ACTIVE/${day("1969-12-31")}`, n: 17 }, // before 1970: a negative day
      { key: "ACTIVE/", n: 19 }, // never (or -infinity)
      { key: "ACTIVE/inf", n: 23 }, // +infinity: after every cut-off
    ];
    expect(tallyLogins(rows, cuts)).toEqual({
      d30: 7 + 11 + 13 + 17 + 19,
      d60: 13 + 17 + 19,
      d90: 17 + 19,
      never: 19,
      locked: 0,
      expired: 0,
    });
  });

  it("counts locked and expired people whatever their last sign-in, and no other status as dormant", () => {
    const rows = [
      { key: `LOCKED_OUT/${day("2020-01-01")}`, n: 2 },
      { key: "LOCKED_OUT/", n: 3 },
      { key: `PASSWORD_EXPIRED/${day("2026-11-20")}`, n: 4 },
      { key: `SUSPENDED/${day("2020-01-01")}`, n: 100 },
      { key: "DEPROVISIONED/", n: 100 },
      { key: `ACTIVE/${day("2026-11-30")}`, n: 1 },
    ];
    expect(tallyLogins(rows, cuts)).toEqual({ d30: 0, d60: 0, d90: 0, never: 0, locked: 5, expired: 4 });
  });
});

describe("tallyAdmins", () => {
  it("counts every holder, and as not signing in lately those before the cut-off day or never, not +infinity", () => {
    const rows = [
      { key: day("2026-11-05"), n: 2 }, // on the cut-off day: recent
      { key: day("2026-11-04"), n: 3 }, // the day before
      { key: day("1969-12-31"), n: 5 }, // a negative day
      { key: "", n: 7 }, // never
      { key: "inf", n: 11 }, // +infinity
    ];
    expect(tallyAdmins(rows, cuts.d30)).toEqual({ holders: 2 + 3 + 5 + 7 + 11, noRecentSignIn: 3 + 5 + 7 });
  });
});
