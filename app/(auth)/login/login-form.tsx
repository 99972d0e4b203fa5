"use client";
import { useActionState } from "react";
import { Alert, Button, Field, Input, ShieldIcon } from "@/components/ui";
import { type SignInState, signInAction } from "../actions";

export function LoginForm({ callbackUrl, initialError, signedOut }: { callbackUrl: string; initialError?: string; signedOut: boolean }) {
  const [state, action, pending] = useActionState<SignInState, FormData>(signInAction, { error: initialError });
  const fe = state.fieldErrors ?? {};
  const showSignedOut = signedOut && !state.error && !state.fieldErrors && !pending && !state.ticket;
  if (state.ticket) {
    // The second step: the password was right; a code from the authenticator app (or a recovery code) opens the session.
    return (
      <form action={action} className="mt-6 space-y-4" noValidate aria-label="Two-factor step">
        {state.error && <Alert tone="danger">{state.error}</Alert>}
        <div className="flex items-start gap-3 rounded-md border border-slate-200 bg-slate-50 p-3 text-sm text-slate-700">
          <ShieldIcon size={18} className="mt-0.5 shrink-0 text-brand-600" />
          <p>
            Enter the 6-digit code from your authenticator app for <span className="font-medium text-slate-900">{state.email}</span>. Lost
            your phone? Enter one of your recovery codes instead.
          </p>
        </div>
        <input type="hidden" name="callbackUrl" value={callbackUrl} />
        <input type="hidden" name="ticket" value={state.ticket} />
        <input type="hidden" name="email" value={state.email ?? ""} />
        <Field label="Code" error={fe.code}>
          <Input
            name="code"
            inputMode="text"
            autoComplete="one-time-code"
            autoCapitalize="none"
            spellCheck={false}
            maxLength={24}
            required
            autoFocus
            className="font-mono tracking-widest"
          />
        </Field>
        <Button type="submit" className="w-full" loading={pending}>
          {pending ? "Checking…" : "Verify"}
        </Button>
        <p className="text-center text-xs text-slate-500">
          <a href={`/login?callbackUrl=${encodeURIComponent(callbackUrl)}`} className="text-slate-600 underline hover:text-slate-900">
            Start over
          </a>
        </p>
      </form>
    );
  }
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
