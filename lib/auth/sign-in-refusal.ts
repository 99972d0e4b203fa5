// Auth.js turns any error thrown in authorize() into a redirect to the sign-in page, so its answer
// cannot be a 429. The credentials route runs Auth.js inside captureSignInRefusal(), signIn() notes
// its refusal here, and the route answers 429 with Retry-After instead of Auth.js's redirect.
import { AsyncLocalStorage } from "node:async_hooks";
import type { AppError } from "@/lib/errors";

const store = new AsyncLocalStorage<{ refusal?: AppError }>();

export async function captureSignInRefusal<T>(fn: () => Promise<T>): Promise<{ result: T; refusal: AppError | undefined }> {
  const slot: { refusal?: AppError } = {};
  const result = await store.run(slot, fn);
  return { result, refusal: slot.refusal };
}

/** Called by signIn() as it refuses; outside captureSignInRefusal() it does nothing. */
export function noteSignInRefusal(err: AppError) {
  const slot = store.getStore();
  if (slot) slot.refusal = err;
}
