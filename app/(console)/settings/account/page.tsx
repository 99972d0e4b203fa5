import type { Metadata } from "next";
import { requirePageCtx } from "@/lib/auth/page";
import { SettingsHeader } from "../settings-header";
import { AccountClient } from "./client";

export const metadata: Metadata = { title: "Your account · Settings" };

export default async function AccountPage() {
  const { actor } = await requirePageCtx();
  return (
    <>
      <SettingsHeader section="Your account" isAdmin={actor.role === "admin"} description={`Signed in as ${actor.email}.`} />
      <AccountClient />
    </>
  );
}
