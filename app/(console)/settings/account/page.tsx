import type { Metadata } from "next";
import { requirePageCtx } from "@/lib/auth/page";
import { getTotpStatus } from "@/lib/auth/totp/get-totp-status";
import { SettingsHeader } from "../settings-header";
import { AccountClient } from "./client";

export const metadata: Metadata = { title: "Your account · Settings" };

export default async function AccountPage() {
  const ctx = await requirePageCtx();
  const { actor } = ctx;
  const { passwordSignIn } = await getTotpStatus({ ctx });
  return (
    <>
      <SettingsHeader section="Your account" isAdmin={actor.role === "admin"} description={`Signed in as ${actor.email}.`} />
      <AccountClient hasPassword={passwordSignIn} />
    </>
  );
}
