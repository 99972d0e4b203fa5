"use client";
import { TotpEnrolment } from "@/components/account/two-factor";
import { links } from "@/lib/links";

export function SetUpTwoFactor() {
  // A full navigation: the server components read the session again, now without the set-up pending.
  return <TotpEnrolment doneLabel="Continue to the console" onDone={() => window.location.assign(links.integrations())} />;
}
