import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui";
import { getSessionActor } from "@/lib/auth/actor";
import { links } from "@/lib/links";
import { SetUpTwoFactor } from "./client";

export const metadata: Metadata = { title: "Set up two-factor authentication" };

// Where a person lands after a password sign-in in a workspace that requires TOTP, until they have
// an authenticator; the console's pages and API refuse everything else until then.
export default async function SetUpTwoFactorPage() {
  const actor = await getSessionActor();
  if (!actor) redirect(links.login());
  if (actor.mustChangePassword) redirect(links.changePassword());
  if (!actor.mustEnrolTotp) redirect(links.consoleSettings("account"));
  return (
    <Card className="px-6 py-7 shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">Set up two-factor authentication</h1>
      <p className="mt-1 text-sm text-slate-600">
        Your workspace requires a code from an authenticator app after the password. Set one up for{" "}
        <span className="font-medium text-slate-900">{actor.email}</span> to continue.
      </p>
      <div className="mt-6">
        <SetUpTwoFactor />
      </div>
    </Card>
  );
}
