// What Postgres cannot store is cleaned out of Okta's strings, at any depth, and nothing else changes.
import { describe, expect, it } from "vitest";
import { isStorableTime } from "@/lib/okta/schemas";
import { cleanString, cleanValue, mayNeedCleaning } from "./clean-values";
import { clampBytes, SORT_KEY_MAX_BYTES } from "./tables";

describe("mayNeedCleaning (the page-level check)", () => {
  it.each([
    ["a NUL", { a: "x\u0000y" }, true],
    ["a lone high surrogate", { a: "x\ud800y" }, true],
    ["a lone low surrogate", { a: "\udfffx" }, true],
    ["a NUL in a key", { "a\u0000": 1 }, true],
    ["an emoji (a surrogate pair, written raw)", { a: "😀" }, false],
    ["other control characters (Postgres stores them)", { a: "\u0001\u001f\t\n" }, false],
    ["RTL and combining marks", { a: "שָׁלוֹם e\u0301" }, false],
    ["plain text", { a: "Zoë Ørsted, Kraków" }, false],
  ])("%s: %s", (_what, value, expected) => {
    expect(mayNeedCleaning(JSON.stringify([value]))).toBe(expected);
  });

  it("may say yes for a literal backslash-u text (then cleaning finds nothing to change)", () => {
    const v = { a: "C:\\u0000dir" };
    expect(mayNeedCleaning(JSON.stringify(v))).toBe(true);
    expect(cleanValue(v)).toBe(v);
  });
});

describe("cleanString", () => {
  it.each([
    ["a\u0000b\u0000", "ab"],
    ["\u0000", ""],
    ["x\ud800y", "x\ufffdy"],
    ["x\udc00", "x\ufffd"],
    ["\ud83d\ude00 ok", "\ud83d\ude00 ok"],
    ["\u0000\ud800", "\ufffd"],
    ["plain", "plain"],
  ])("%j -> %j", (input, output) => {
    expect(cleanString(input)).toBe(output);
  });
});

describe("cleanValue", () => {
  it("cleans strings and keys at any depth and keeps everything else, returning new objects only where something changed", () => {
    const untouched = { city: "Kraków", n: 3, list: ["a", "b"] };
    const row = {
      id: "00u1",
      first_name: "Ad\u0000a",
      profile: { nested: { deep: ["ok", "b\u0000ad", { "k\u0000ey": "\ud800" }] }, untouched, flag: true, none: null },
    };
    const clean = cleanValue(row);
    expect(clean).toEqual({
      id: "00u1",
      first_name: "Ada",
      profile: { nested: { deep: ["ok", "bad", { key: "\ufffd" }] }, untouched, flag: true, none: null },
    });
    expect(clean).not.toBe(row);
    expect(clean.profile.untouched).toBe(untouched);
    // The input is not modified.
    expect(row.first_name).toBe("Ad\u0000a");
    const same = { a: "x", b: [1, { c: "d" }] };
    expect(cleanValue(same)).toBe(same);
  });
});

describe("clampBytes (sort-index columns)", () => {
  it("keeps values that fit and cuts longer ones at a character, ending in an ellipsis, within the byte limit", () => {
    expect(clampBytes("Zoë")).toBe("Zoë");
    const fits = "é".repeat(SORT_KEY_MAX_BYTES / 2);
    expect(clampBytes(fits)).toBe(fits);
    const long = "a".repeat(10_000);
    expect(clampBytes(long)).toBe(`${"a".repeat(SORT_KEY_MAX_BYTES - 3)}…`);
    // 4-byte characters are never split.
    const emoji = "😀".repeat(1000);
    const cut = clampBytes(emoji);
    expect(cut).toBe(`${"😀".repeat(Math.floor((SORT_KEY_MAX_BYTES - 3) / 4))}…`);
    expect(Buffer.byteLength(cut)).toBeLessThanOrEqual(SORT_KEY_MAX_BYTES);
    expect(cut.isWellFormed()).toBe(true);
  });
});

describe("isStorableTime", () => {
  it.each([
    ["2024-02-29T00:00:00.000Z", true],
    ["2024-12-31T23:59:59Z", true],
    ["2024-01-01T00:00:00+05:30", true],
    ["2024-01-01T00:00:00-0800", true],
    ["2023-02-29T00:00:00Z", false],
    ["2024-02-30T00:00:00Z", false],
    ["2024-04-31T00:00:00Z", false],
    ["0000-01-01T00:00:00Z", false],
    ["2024-13-01T00:00:00Z", false],
    ["2024-01-01T24:00:00Z", false],
    ["2024-01-01T00:00:00+25:00", false],
    ["2024-01-01", false],
    ["yesterday", false],
  ])("%s -> %s", (v, ok) => {
    expect(isStorableTime(v)).toBe(ok);
  });
});
