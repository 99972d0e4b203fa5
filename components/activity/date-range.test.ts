import { describe, expect, it } from "vitest";
import { dayOfFrom, dayOfTo, fromDay, toDay } from "./date-range";

describe("the Activity date filter", () => {
  it("turns picked days into the API's from (inclusive) and to (exclusive), in UTC", () => {
    expect(fromDay("2026-03-01", "UTC")).toBe("2026-03-01T00:00:00.000Z");
    expect(toDay("2026-03-31", "UTC")).toBe("2026-04-01T00:00:00.000Z");
    expect(toDay("2026-12-31", "UTC")).toBe("2027-01-01T00:00:00.000Z");
    expect(fromDay("", "UTC")).toBe("");
    expect(fromDay("not a day", "UTC")).toBe("");
  });

  it("shows the same days back", () => {
    expect(dayOfFrom("2026-03-01T00:00:00.000Z", "UTC")).toBe("2026-03-01");
    expect(dayOfTo("2026-04-01T00:00:00.000Z", "UTC")).toBe("2026-03-31");
    expect(dayOfTo("", "UTC")).toBe("");
    // An instant written by hand shows the day it falls on.
    expect(dayOfFrom("2026-03-01T23:30:00+02:00", "UTC")).toBe("2026-03-01");
    expect(dayOfFrom("2026-03-01T23:30:00-02:00", "UTC")).toBe("2026-03-02");
  });

  it("uses the runtime's own zone for a day picked there, and round-trips", () => {
    const zone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const from = fromDay("2026-07-15", zone);
    expect(new Date(from).getDate()).toBe(15);
    expect(new Date(from).getHours()).toBe(0);
    expect(dayOfFrom(from, zone)).toBe("2026-07-15");
    expect(dayOfTo(toDay("2026-07-15", zone), zone)).toBe("2026-07-15");
  });
});
