import { describe, expect, it } from "vitest";
import { parseTheme, themeClass } from "./theme";

describe("parseTheme / themeClass", () => {
  it("reads the three choices and falls back to the system's preference for anything else", () => {
    expect(parseTheme("light")).toBe("light");
    expect(parseTheme("dark")).toBe("dark");
    expect(parseTheme("system")).toBe("system");
    for (const odd of [undefined, null, "", "DARK", "dark; path=/", "blue"]) expect(parseTheme(odd)).toBe("system");
  });

  it("pins light or dark with a class on html and leaves System to the media query", () => {
    expect(themeClass("light")).toBe("light");
    expect(themeClass("dark")).toBe("dark");
    expect(themeClass("system")).toBeUndefined();
  });
});
