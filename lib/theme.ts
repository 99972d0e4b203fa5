// The console's colour theme: "system" follows the device's light or dark preference, "light" and
// "dark" pin one. Kept in a cookie so the server renders the right one (no flash of the other theme);
// client-safe.

export const THEMES = ["system", "light", "dark"] as const;
export type Theme = (typeof THEMES)[number];

export const THEME_COOKIE = "theme";
/** A year: the choice is a preference, not a session. */
export const THEME_COOKIE_MAX_AGE = 365 * 24 * 3600;

/** The cookie's value as a theme; anything else (unset, tampered with) is "system". */
export function parseTheme(value: string | undefined | null): Theme {
  return (THEMES as readonly string[]).includes(value ?? "") ? (value as Theme) : "system";
}

/** The html element's class for a theme: none for "system" (globals.css follows prefers-color-scheme). */
export const themeClass = (theme: Theme) => (theme === "system" ? undefined : theme);
