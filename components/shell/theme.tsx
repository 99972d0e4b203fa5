"use client";
// The viewer's theme choice for the page's client components (the user menu's switch). The server
// rendered html with the cookie's choice; changing it updates html's class at once and the cookie
// for the next page load, so nothing waits on a round trip and the next render agrees.
import { createContext, useCallback, useContext, useMemo, useState } from "react";
import { THEME_COOKIE, THEME_COOKIE_MAX_AGE, THEMES, type Theme, themeClass } from "@/lib/theme";

const ThemeContext = createContext<{ theme: Theme; setTheme: (t: Theme) => void } | null>(null);

export function ThemeProvider({ initial, children }: { initial: Theme; children: React.ReactNode }) {
  const [theme, setState] = useState(initial);
  const setTheme = useCallback((next: Theme) => {
    setState(next);
    const html = document.documentElement;
    html.classList.remove(...THEMES);
    const cls = themeClass(next);
    if (cls) html.classList.add(cls);
    // biome-ignore lint/suspicious/noDocumentCookie: a plain preference cookie, read by the server's root layout
    document.cookie = `${THEME_COOKIE}=${next}; Path=/; Max-Age=${THEME_COOKIE_MAX_AGE}; SameSite=Lax`;
  }, []);
  const value = useMemo(() => ({ theme, setTheme }), [theme, setTheme]);
  return <ThemeContext.Provider value={value}>{children}</ThemeContext.Provider>;
}

export function useTheme() {
  const ctx = useContext(ThemeContext);
  if (!ctx) throw new Error("useTheme needs a ThemeProvider (app/providers.tsx)");
  return ctx;
}
