// Auth.js turns any error thrown in authorize() into a redirect to the sign-in page, so its answer
// cannot be a 429, nor carry the ticket of a second step. The credentials route runs Auth.js inside
// captureSignInRefusal(), and the sign-in form's action inside captureSignInNotes(); authorize() notes
// here what the caller needs: a throttle refusal (answered 429 with Retry-After instead of Auth.js's
// redirect), or the ticket for the TOTP step after a right password.
import { AsyncLocalStorage } from "node:async_hooks";
import type { AppError } from "@/lib/errors";

export interface SignInNotes {
  refusal?: AppError;
  /** The password was right and a TOTP code is needed: the ticket that stands for the first step. */
  challenge?: string;
}

const store = new AsyncLocalStorage<SignInNotes>();

/** Runs `fn` collecting into `notes` (which the caller keeps, even when `fn` throws, as signIn does to redirect). */
export function captureSignInNotes<T>(notes: SignInNotes, fn: () => Promise<T>): Promise<T> {
  return store.run(notes, fn);
}

export async function captureSignInRefusal<T>(fn: () => Promise<T>): Promise<{ result: T; refusal: AppError | undefined }> {
  const slot: SignInNotes = {};
  const result = await store.run(slot, fn);
  return { result, refusal: slot.refusal };
}

/** Called by signIn() as it refuses; outside a capture it does nothing. */
export function noteSignInRefusal(err: AppError) {
  const slot = store.getStore();
  if (slot) slot.refusal = err;
}

export function noteSignInChallenge(ticket: string) {
  const slot = store.getStore();
  if (slot) slot.challenge = ticket;
}
