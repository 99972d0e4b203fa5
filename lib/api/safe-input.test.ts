import { describe, expect, it } from "vitest";
import { findBadText, isDateInRange, isoDateTime, jsonMayHoldBadText, textProblem } from "./safe-input";

describe("safe input", () => {
  it("names the path of the first string Postgres cannot store", () => {
    expect(findBadText({ a: [1, { b: "ok" }, { c: "x\u0000" }] })).toEqual({ path: ["a", 2, "c"], message: expect.stringMatching(/NUL/) });
    expect(findBadText({ name: "half \ud83d" })).toEqual({ path: ["name"], message: expect.stringMatching(/lone surrogate/) });
    expect(findBadText({ nested: { "k\u0000": 1 } })?.path).toEqual(["nested"]);
    expect(findBadText({ ok: ["é", "😀", "\u202e"], n: 1, b: null })).toBeNull();
    expect(textProblem("😀")).toBeNull();
  });

  it("walks a body nested 100,000 deep without overflowing the stack (a quadratic walk would hit the test timeout)", () => {
    const deep = JSON.parse(`${"[".repeat(100_000)}"\\u0000"${"]".repeat(100_000)}`);
    expect(findBadText(deep)?.path).toEqual([...Array(32).fill(0), "…"]);
  });

  it("passes JSON text over only when no value in it can be refused (the hook delivery's shortcut)", () => {
    // Plain text, and what any escape other than NUL or a surrogate decodes to, needs no walk.
    expect(jsonMayHoldBadText(JSON.stringify({ events: [{ uuid: "e1", displayMessage: "Ünïcödé \u202e 😀", n: 1 }] }))).toBe(false);
    expect(jsonMayHoldBadText('{"a":"tab\\tand \\u00e9"}')).toBe(false);
    // Each way of writing a refused string answers true: escapes in either case of hex digit, and the character itself.
    for (const text of ['{"a":"x\\u0000"}', '{"\\u0000":1}', '{"a":"\\uD800"}', '{"a":"\\udfff"}', '{"a":"\\uDbFf"}', '{"a":"x\ud800"}'])
      expect([text, jsonMayHoldBadText(text), findBadText(JSON.parse(text)) !== null]).toEqual([text, true, true]);
    // Never a miss: random strings of risky code units, written by JSON.stringify (which escapes NUL and
    // lone surrogates) and again with every escape in upper case.
    const units = [0x0, 0x41, 0x5c, 0x75, 0xe9, 0xd800, 0xdbff, 0xdc00, 0xdfff, 0xd83d, 0xde00];
    let seed = 7;
    const next = () => {
      seed = (seed * 1103515245 + 12345) % 2 ** 31;
      return seed;
    };
    let refused = 0;
    for (let i = 0; i < 5000; i++) {
      const value = {
        [String.fromCharCode(...Array.from({ length: 1 + (next() % 3) }, () => units[next() % units.length]))]: String.fromCharCode(
          ...Array.from({ length: next() % 6 }, () => units[next() % units.length]),
        ),
      };
      for (const text of [JSON.stringify(value), JSON.stringify(value).replace(/\\u([0-9a-f]{4})/g, (_, h) => `\\u${h.toUpperCase()}`)])
        if (findBadText(JSON.parse(text))) {
          refused++;
          expect([text, jsonMayHoldBadText(text)]).toEqual([text, true]);
        }
    }
    expect(refused).toBeGreaterThan(5000);
  });

  it.each([
    ["1970-01-01T00:00:00Z", true],
    ["9999-12-31T23:59:59.999Z", true],
    ["2024-05-01 10:00:00.123456+00", true],
    ["2024-02-29", true],
    ["0000-01-01T00:00:00Z", false],
    ["1969-12-31T23:59:59Z", false],
    ["2023-02-29", false],
    ["2024-13-01", false],
    ["+275760-09-13T00:00:00Z", false],
    ["yesterday", false],
  ])("takes %s as a date in range: %s", (s, ok) => {
    expect(isDateInRange(s)).toBe(ok);
    if (!ok) expect(isoDateTime().safeParse(s).success).toBe(false);
  });
});
