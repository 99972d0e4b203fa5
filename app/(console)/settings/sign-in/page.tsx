import type { Metadata } from "next";
import { headers } from "next/headers";
import { Alert } from "@/components/ui";
import { getSignInSettings } from "@/lib/auth/okta-sign-in/get-sign-in-settings";
import { requirePageCtx } from "@/lib/auth/page";
import { getEnv } from "@/lib/env";
import { SettingsHeader } from "../settings-header";
import { SignInSettingsClient } from "./client";

export const metadata: Metadata = { title: "Sign-in · Settings" };

/** The console's address as the admin reaches it (PUBLIC_URL when set): Okta sends people back there. */
async function consoleOrigin(): Promise<string> {
  const publicUrl = getEnv().PUBLIC_URL;
  if (publicUrl) return new URL(publicUrl).origin;
  const h = await headers();
  return `${h.get("x-forwarded-proto") ?? "http"}://${h.get("host") ?? "localhost"}`;
}

export default async function SignInSettingsPage() {
  const ctx = await requirePageCtx();
  const isAdmin = ctx.actor.role === "admin";
  return (
    <>
      <SettingsHeader
        section="Sign-in"
        isAdmin={isAdmin}
        description="How people sign in to this workspace: with Okta, and with a password and a second factor."
      />
      {isAdmin ? (
        <SignInSettingsClient initial={await getSignInSettings({ ctx })} origin={await consoleOrigin()} />
      ) : (
        <Alert tone="info" title="Only admins change how people sign in">
          Ask an admin of your workspace.
        </Alert>
      )}
    </>
  );
}
