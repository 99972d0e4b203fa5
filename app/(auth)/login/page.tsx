import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Alert, Button, Card, OktaMark } from "@/components/ui";
import { getSessionActor } from "@/lib/auth/actor";
import { listOktaSignInOptions } from "@/lib/auth/okta-sign-in/list-okta-sign-in-options";
import { publicCtx } from "@/lib/context";
import { oktaSignInAction, safeCallback } from "../actions";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

// Auth.js's own endpoint (used by scripts) redirects here with ?error=...&code=...
const CODE_MESSAGES: Record<string, string> = {
  credentials: "Wrong email or password.",
  invalid_input: "Enter a valid email address and your password.",
  locked: "Too many failed sign-ins. Try again later.",
  totp_required:
    "Your account needs a code from your authenticator app: sign in with this form (scripts send `code` with the email and password).",
  totp_wrong: "That code is not right.",
  totp_expired: "The sign-in took too long. Enter your email and password again.",
};

// Sign-in with Okta: why the console refused (lib/auth/okta-sign-in/sign-in-with-okta.ts).
const OKTA_MESSAGES: Record<string, string> = {
  okta_not_in_group:
    "Okta signed you in, but you are not in a group that may use this console. Ask an admin to add you to one of the Okta groups mapped in Settings → Sign-in.",
  okta_other_account:
    "Your email address belongs to another console account (in another workspace, or linked to another Okta user). Ask an admin of this console.",
  okta_no_email: "Okta did not send your email address. Ask your Okta admin to allow the email scope for the console's app.",
  okta_token:
    "Okta's answer could not be verified (its signature did not match the org's keys). Try again; if it keeps happening, tell an admin.",
  okta_unavailable: "Sign-in with Okta is not set up (or was turned off) for this workspace. Sign in with your password, or ask an admin.",
};

function errorMessage(error: string | undefined, code: string | undefined): string | undefined {
  if (!error) return undefined;
  if (error === "CredentialsSignin") return CODE_MESSAGES[code ?? ""] ?? CODE_MESSAGES.credentials;
  if (error === "OktaSignIn") return OKTA_MESSAGES[code ?? ""] ?? OKTA_MESSAGES.okta_unavailable;
  if (error === "MissingCSRF") return "The sign-in form expired. Please try again.";
  // Okta answered with an error (e.g. "User is not assigned to the client application").
  if (error === "OAuthCallbackError")
    return "Okta did not sign you in. If Okta said you are not assigned to the app, ask your Okta admin to assign you to the console's app.";
  if (error === "AccessDenied") return "You may not sign in to this console.";
  return "Sign-in failed. Please try again.";
}

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
  const callbackUrl = await safeCallback(one("callbackUrl"));
  if (await getSessionActor()) redirect(callbackUrl);
  const initialError = errorMessage(one("error"), one("code"));
  const okta = await listOktaSignInOptions({ ctx: publicCtx() });
  // An error of the Okta sign-in shows above its button; the password form shows its own.
  const oktaError = okta.length > 0 && ["OktaSignIn", "OAuthCallbackError", "AccessDenied"].includes(one("error") ?? "");
  return (
    <Card className="px-6 py-7 shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">Sign in</h1>
      <p className="mt-1 text-sm text-slate-500">
        {okta.length ? "With your company's Okta account, or your console password." : "Use your console account."}
      </p>
      {oktaError && (
        <Alert tone="danger" className="mt-6">
          {initialError}
        </Alert>
      )}
      {okta.length > 0 && (
        <div className="mt-6 space-y-2">
          {okta.map((o) => (
            <form key={o.providerId} action={oktaSignInAction}>
              <input type="hidden" name="providerId" value={o.providerId} />
              <input type="hidden" name="callbackUrl" value={callbackUrl} />
              <Button type="submit" variant="secondary" className="w-full">
                <OktaMark size={16} /> {o.label}
              </Button>
            </form>
          ))}
          <div className="flex items-center gap-3 pt-4 text-xs text-slate-500" aria-hidden="true">
            <span className="h-px flex-1 bg-slate-200" />
            or with a password
            <span className="h-px flex-1 bg-slate-200" />
          </div>
        </div>
      )}
      <LoginForm callbackUrl={callbackUrl} initialError={oktaError ? undefined : initialError} signedOut={one("signedOut") === "1"} />
    </Card>
  );
}
