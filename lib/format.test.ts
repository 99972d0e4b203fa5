import { describe, expect, it } from "vitest";
import {
  type DateStyle,
  formatBytes,
  formatCount,
  formatDate,
  formatDateParts,
  formatDuration,
  formatInterval,
  formatRelative,
  formatShare,
  formatUtc,
  plural,
} from "./format";

// A winter and a summer instant, so daylight saving time shows in the zones that have it.
const WINTER = "2026-12-04T20:27:41Z";
const SUMMER = "2026-07-01T23:30:00Z";

describe("formatDate / formatDateParts", () => {
  const cases: [at: string, zone: string, style: DateStyle, text: string, zoneName: string][] = [
    [WINTER, "UTC", "datetime", "4 Dec 2026, 20:27", "UTC"],
    [WINTER, "Europe/Berlin", "datetime", "4 Dec 2026, 21:27", "CET"],
    [SUMMER, "Europe/Berlin", "datetime", "2 Jul 2026, 01:30", "CEST"],
    [WINTER, "America/New_York", "datetime", "4 Dec 2026, 15:27", "GMT-5"],
    [WINTER, "Asia/Kolkata", "time", "01:57:41", "GMT+5:30"],
    [WINTER, "UTC", "time", "20:27:41", "UTC"],
    [SUMMER, "America/Los_Angeles", "date", "1 Jul 2026", ""],
    [SUMMER, "UTC", "day", "1 Jul", ""],
    [SUMMER, "Asia/Tokyo", "day", "2 Jul", ""],
  ];
  for (const [at, timeZone, style, text, zone] of cases) {
    it(`${at} in ${timeZone} (${style}) is "${text}" ${zone}`, () => {
      expect(formatDate(at, { style, timeZone })).toBe(text);
      expect(formatDateParts(at, { style, timeZone })).toEqual({ text, zone });
    });
  }

  it("takes a Date, an ISO string or epoch milliseconds alike", () => {
    const ms = Date.parse(WINTER);
    for (const v of [WINTER, ms, new Date(ms)]) expect(formatDate(v, { timeZone: "UTC" })).toBe("4 Dec 2026, 20:27");
  });

  it("formatUtc gives the exact instant in UTC whatever the zone", () => {
    expect(formatUtc(WINTER)).toBe("4 Dec 2026, 20:27:41 UTC");
    expect(formatUtc(SUMMER)).toBe("1 Jul 2026, 23:30:00 UTC");
  });
});

describe("formatRelative", () => {
  const now = Date.parse(WINTER);
  const s = 1000;
  const min = 60 * s;
  const h = 60 * min;
  const day = 24 * h;
  const cases: [offsetMs: number, text: string][] = [
    [0, "now"],
    [-10 * s, "now"],
    [30 * s, "now"],
    [-50 * s, "1 minute ago"],
    [-5 * min, "5 minutes ago"],
    [5 * min, "in 5 minutes"],
    [-44 * min, "44 minutes ago"],
    [-50 * min, "1 hour ago"],
    [2 * h, "in 2 hours"],
    [-21 * h, "21 hours ago"],
    [-23 * h, "yesterday"],
    [30 * h, "tomorrow"],
    [-3 * day, "3 days ago"],
    [-25 * day, "25 days ago"],
    [-40 * day, "last month"],
    [-100 * day, "3 months ago"],
    [-400 * day, "last year"],
    [-800 * day, "2 years ago"],
  ];
  for (const [offset, text] of cases) {
    it(`${offset} ms from now is "${text}"`, () => {
      expect(formatRelative(new Date(now + offset), now)).toBe(text);
    });
  }
});

describe("numbers", () => {
  const durations: [ms: number | null, text: string][] = [
    [null, "—"],
    [0, "0.0 s"],
    [950, "0.9 s"],
    [12_400, "12 s"],
    [60_000, "1 min"],
    [65_000, "1 min 5 s"],
    [3_600_000, "1 h"],
    [3_720_000, "1 h 2 min"],
  ];
  for (const [ms, text] of durations) it(`formatDuration(${ms}) is "${text}"`, () => expect(formatDuration(ms)).toBe(text));

  const intervals: [minutes: number, text: string][] = [
    [15, "15 min"],
    [90, "1 h 30 min"],
    [120, "2 h"],
    [1440, "1 day"],
    [10_080, "7 days"],
  ];
  for (const [m, text] of intervals) it(`formatInterval(${m}) is "${text}"`, () => expect(formatInterval(m)).toBe(text));

  const bytes: [n: number, text: string][] = [
    [0, "0 B"],
    [512, "512 B"],
    [1023, "1,023 B"],
    [1024, "1 KB"],
    [1536, "1.5 KB"],
    [10 * 1024 * 1024, "10 MB"],
    [3.25 * 1024 ** 3, "3.3 GB"],
    [2 * 1024 ** 5, "2,048 TB"],
  ];
  for (const [n, text] of bytes) it(`formatBytes(${n}) is "${text}"`, () => expect(formatBytes(n)).toBe(text));

  it("formatCount groups thousands; formatShare rounds to a percent", () => {
    expect(formatCount(0)).toBe("0");
    expect(formatCount(1_234_567)).toBe("1,234,567");
    expect(formatShare(0.25)).toBe("25%");
    expect(formatShare(0.333)).toBe("33%");
  });

  it("plural says 'N things' with the right form of the noun, never 'thing(s)'", () => {
    expect(plural(1, "time")).toBe("1 time");
    expect(plural(3, "time")).toBe("3 times");
    expect(plural(0, "request")).toBe("0 requests");
    expect(plural(1200, "group")).toBe("1,200 groups");
    expect(plural(2, "entry", "entries")).toBe("2 entries");
  });
});
