"use server";
import { redirect } from "next/navigation";
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth/config";
import { secondFactorCode } from "@/lib/auth/contracts";
import { workspaceOfProvider } from "@/lib/auth/okta-sign-in/store";
import { signInInput } from "@/lib/auth/sign-in";
import { captureSignInNotes, type SignInNotes } from "@/lib/auth/sign-in-refusal";

export interface SignInState {
  error?: string;
  fieldErrors?: { email?: string; password?: string; code?: string };
  email?: string;
  /** After a right password, when a TOTP code is needed: the ticket that stands for the first step. */
  ticket?: string;
}

/** Only same-site paths, so the form cannot be used to bounce people to another site. */
export async function safeCallback(value: unknown): Promise<string> {
  const s = typeof value === "string" ? value : "";
  return /^\/(?!\/)[^\s\\]*$/.test(s) && !s.startsWith("/login") && !s.startsWith("/logout") ? s : "/integrations";
}

const MESSAGES: Record<string, string> = {
  credentials: "Wrong email or password.",
  invalid_input: "Enter a valid email address and your password.",
  locked: "Too many failed sign-ins. Try again later.",
  totp_wrong: "That code is not right. Enter the code your authenticator app shows now, or a recovery code.",
  totp_expired: "The sign-in took too long. Enter your email and password again.",
};

/** Runs Auth.js's credentials sign-in, turning its refusal into the form's next state. */
async function credentialsSignIn(fields: Record<string, string>, email: string, ticket?: string): Promise<SignInState> {
  const notes: SignInNotes = {};
  try {
    await captureSignInNotes(notes, () => signIn("credentials", fields));
  } catch (err) {
    // signIn redirects by throwing; only Auth.js errors are ours to explain.
    if (err instanceof CredentialsSignin) {
      if (err.code === "totp_required" && notes.challenge) return { email, ticket: notes.challenge };
      if (err.code === "totp_expired") return { email, error: MESSAGES.totp_expired };
      const message =
        err.code === "locked" && err.message.startsWith("Too many") ? err.message : (MESSAGES[err.code] ?? MESSAGES.credentials);
      return ticket ? { email, ticket, error: message } : { email, error: message };
    }
    if (err instanceof AuthError) return { email, error: "Sign-in failed. Please try again." };
    throw err;
  }
  return { email };
}

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").trim();
  const redirectTo = await safeCallback(form.get("callbackUrl"));
  const ticket = form.get("ticket");
  if (typeof ticket === "string" && ticket) {
    // The second step: the code after a right password.
    const code = secondFactorCode.safeParse(String(form.get("code") ?? ""));
    if (!code.success) return { email, ticket, fieldErrors: { code: code.error.issues[0].message } };
    return credentialsSignIn({ ticket, code: code.data, redirectTo }, email, ticket);
  }
  const parsed = signInInput.safeParse({ email, password: form.get("password") ?? "" });
  if (!parsed.success) {
    const f = z.flattenError(parsed.error).fieldErrors;
    return { email, fieldErrors: { email: f.email?.[0], password: f.password?.[0] } };
  }
  return credentialsSignIn({ ...parsed.data, redirectTo }, email);
}

/** "Sign in with Okta": Auth.js sends the browser to the workspace's Okta org (PKCE, state, nonce). */
export async function oktaSignInAction(form: FormData): Promise<void> {
  const providerId = String(form.get("providerId") ?? "");
  const redirectTo = await safeCallback(form.get("callbackUrl"));
  if (!workspaceOfProvider(providerId)) redirect("/login?error=OktaSignIn&code=okta_unavailable");
  await signIn(providerId, { redirectTo });
}
