import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui";
import { getSessionActor } from "@/lib/auth/actor";
import { links } from "@/lib/links";
import { ChangePasswordForm } from "./form";

export const metadata: Metadata = { title: "Choose a new password" };

// Where a person whose password was generated at set-up lands until they choose their own; the
// console's pages and API refuse everything else until then.
export default async function ChangePasswordPage() {
  const actor = await getSessionActor();
  if (!actor) redirect(links.login());
  if (!actor.mustChangePassword) redirect(links.consoleSettings("account"));
  return (
    <Card className="px-6 py-7 shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">Choose a new password</h1>
      <p className="mt-1 text-sm text-slate-600">
        The password for <span className="font-medium text-slate-900">{actor.email}</span> was generated when the console was set up and
        printed in its output. Replace it with one only you know before you continue.
      </p>
      <div className="mt-6">
        <ChangePasswordForm />
      </div>
    </Card>
  );
}
