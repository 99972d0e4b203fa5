"use client";
import { useActionState } from "react";
import { Alert, Button, Field, Input } from "@/components/ui";
import { type SignInState, signInAction } from "../actions";

export function LoginForm({ callbackUrl, initialError, signedOut }: { callbackUrl: string; initialError?: string; signedOut: boolean }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, { error: initialError });
  const fe = state.fieldErrors ?? {};
  const showSignedOut = signedOut && !state.error && !state.fieldErrors && !pending;
  return (
    <form action={action} className="mt-6 space-y-4" noValidate>
      {state.error && <Alert tone="danger">{state.error}</Alert>}
      {showSignedOut && <Alert tone="success">You have been signed out.</Alert>}
      <input type="hidden" name="callbackUrl" value={callbackUrl} />
      <Field label="Email" error={fe.email}>
        <Input name="email" type="email" autoComplete="username" defaultValue={state.email} required autoFocus />
      </Field>
      <Field label="Password" error={fe.password}>
        <Input name="password" type="password" autoComplete="current-password" required />
      </Field>
      <Button type="submit" className="w-full" loading={pending}>
        {pending ? "Signing in…" : "Sign in"}
      </Button>
      <p className="text-center text-xs text-slate-500">No account? Ask an admin of your workspace to add you in Settings → People.</p>
    </form>
  );
}
