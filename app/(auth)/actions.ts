"use server";
import { AuthError, CredentialsSignin } from "next-auth";
import { z } from "zod";
import { signIn } from "@/lib/auth/config";
import { signInInput } from "@/lib/auth/sign-in";

export interface SignInState {
  error?: string;
  fieldErrors?: { email?: string; password?: string };
  email?: string;
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
};

export async function signInAction(_prev: SignInState, form: FormData): Promise<SignInState> {
  const email = String(form.get("email") ?? "").trim();
  const parsed = signInInput.safeParse({ email, password: form.get("password") ?? "" });
  if (!parsed.success) {
    const f = z.flattenError(parsed.error).fieldErrors;
    return { email, fieldErrors: { email: f.email?.[0], password: f.password?.[0] } };
  }
  const redirectTo = await safeCallback(form.get("callbackUrl"));
  try {
    await signIn("credentials", { ...parsed.data, redirectTo });
  } catch (err) {
    // signIn redirects by throwing; only Auth.js errors are ours to explain.
    if (err instanceof CredentialsSignin) {
      const message =
        err.code === "locked" && err.message.startsWith("Too many") ? err.message : (MESSAGES[err.code] ?? MESSAGES.credentials);
      return { email, error: message };
    }
    if (err instanceof AuthError) return { email, error: "Sign-in failed. Please try again." };
    throw err;
  }
  return { email };
}
