import { describe, expect, it } from "vitest";
import { safeCallback } from "./actions";

describe("safeCallback", () => {
  it.each([
    ["/settings/people", "/settings/people"],
    ["/activity?outcome=FAILURE", "/activity?outcome=FAILURE"],
    ["//evil.example/x", "/integrations"],
    ["/\\evil.example", "/integrations"],
    ["https://evil.example/", "/integrations"],
    ["javascript:alert(1)", "/integrations"],
    ["/login?callbackUrl=/x", "/integrations"],
    ["/logout", "/integrations"],
    ["", "/integrations"],
    [undefined, "/integrations"],
  ])("%s -> %s", async (input, expected) => {
    expect(await safeCallback(input)).toBe(expected);
  });
});
