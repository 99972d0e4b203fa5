import type { Metadata } from "next";
import { connection } from "next/server";
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
  return (
    <html lang="en">
      <body>
        <Providers>{children}</Providers>
      </body>
    </html>
  );
}
