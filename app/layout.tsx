import type { Metadata } from "next";
import { cookies } from "next/headers";
import { connection } from "next/server";
import { parseTheme, THEME_COOKIE, themeClass } from "@/lib/theme";
import { Providers } from "./providers";
import "./globals.css";

export const metadata: Metadata = {
  title: { default: "Okta Sync Console", template: "%s · Okta Sync Console" },
  description: "Keep a faithful, current copy of your Okta org's identity data.",
};

export default async function RootLayout({ children }: { children: React.ReactNode }) {
  // Every page renders per request: Next puts the CSP nonce from proxy.ts on its scripts only then
  // (a prerendered page's inline scripts would carry none and be blocked).
  await connection();
  // The theme is on html before the first paint (a class, or none for the system's preference), so
  // no script has to run and no page flashes the other theme (globals.css).
  const theme = parseTheme((await cookies()).get(THEME_COOKIE)?.value);
  return (
    <html lang="en" className={themeClass(theme)}>
      <body>
        <Providers theme={theme}>{children}</Providers>
      </body>
    </html>
  );
}
