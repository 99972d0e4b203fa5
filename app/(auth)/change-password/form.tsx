"use client";
import { PasswordForm } from "@/components/account/password-form";
import { links } from "@/lib/links";

export function ChangePasswordForm() {
  // A full navigation, so the console's layout reads the session afresh.
  return <PasswordForm submitLabel="Save and continue" onChanged={() => window.location.assign(links.integrations())} />;
}
