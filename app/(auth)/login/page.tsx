import type { Metadata } from "next";
import { redirect } from "next/navigation";
import { Card } from "@/components/ui";
import { getSessionActor } from "@/lib/auth/actor";
import { safeCallback } from "../actions";
import { LoginForm } from "./login-form";

export const metadata: Metadata = { title: "Sign in" };

// Auth.js's own endpoint (used by scripts) redirects here with ?error=...&code=...
const CODE_MESSAGES: Record<string, string> = {
  credentials: "Wrong email or password.",
  invalid_input: "Enter a valid email address and your password.",
  locked: "Too many failed sign-ins. Try again later.",
};

export default async function LoginPage({ searchParams }: { searchParams: Promise<Record<string, string | string[] | undefined>> }) {
  const sp = await searchParams;
  const one = (k: string) => (typeof sp[k] === "string" ? (sp[k] as string) : undefined);
  const callbackUrl = await safeCallback(one("callbackUrl"));
  if (await getSessionActor()) redirect(callbackUrl);
  const code = one("code");
  const error = one("error");
  const initialError = !error
    ? undefined
    : error === "CredentialsSignin"
      ? (CODE_MESSAGES[code ?? ""] ?? CODE_MESSAGES.credentials)
      : error === "MissingCSRF"
        ? "The sign-in form expired. Please try again."
        : "Sign-in failed. Please try again.";
  return (
    <Card className="px-6 py-7 shadow-sm">
      <h1 className="text-xl font-semibold text-slate-900">Sign in</h1>
      <p className="mt-1 text-sm text-slate-500">Use your console account.</p>
      <LoginForm callbackUrl={callbackUrl} initialError={initialError} signedOut={one("signedOut") === "1"} />
    </Card>
  );
}
