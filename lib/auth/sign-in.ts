// Verifies an email and password. Repeated failures slow down guessing without ever locking the owner
// out: each attempt is reserved in the throttle rows before its password is checked (so parallel
// attempts cannot slip past), waits the account's delay (capped), and an address that fails too often
// is refused. The rules are in throttle-policy.ts.
import { eq, sql } from "drizzle-orm";
import { z } from "zod";
import { users } from "@/db/schema";
import type { PublicCtx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { UNKNOWN_CLIENT } from "./client-ip";
import { verifyPassword } from "./passwords";
import { noteSignInRefusal } from "./sign-in-refusal";
import { purgeStaleThrottles, reserveAttempt, settleSuccess, throttleKeys } from "./sign-in-throttle";
import { retryAfterSeconds, retryMessage } from "./throttle-policy";

export const signInInput = z.object({
  email: z.email("Enter a valid email address").max(320),
  password: z.string().min(1, "Enter your password").max(1024),
});

// A hash verified when the account does not exist, so timing does not reveal which emails exist.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$k8Yc1Ei0jv5pWZt2iVgk8Vw1F9XIiEl3bNHrGRSS7nY";

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * A public verb: the caller is not known until the password checks out. `ip` is the client's address
 * (lib/auth/client-ip.ts); UNKNOWN_CLIENT skips the per-client limit. `wait` is how the throttle's delay is
 * spent; tests pass one that records it instead of sleeping.
 */
export async function signIn({
  ctx,
  input,
  wait = sleep,
}: {
  ctx: PublicCtx;
  input: { email: string; password: string; ip: string };
  wait?: (ms: number) => Promise<void>;
}) {
  const { db } = ctx;
  const keys = throttleKeys(input.email, input.ip === UNKNOWN_CLIENT || !input.ip ? null : input.ip);
  const decision = await reserveAttempt(db, keys);
  if (decision.kind === "refuse") {
    const err = new AppError("TOO_MANY_REQUESTS", retryMessage(decision.reason, decision.retryAfterMs), undefined, {
      "retry-after": String(retryAfterSeconds(decision.retryAfterMs)),
    });
    noteSignInRefusal(err);
    throw err;
  }
  if (decision.waitMs > 0) await wait(decision.waitMs);

  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, input.email.toLowerCase()))
    .limit(1);
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, input.password);
  if (!user || !ok) {
    // The failure was counted when the attempt was reserved.
    await purgeStaleThrottles(db);
    throw new AppError("UNAUTHENTICATED", "Wrong email or password");
  }
  await settleSuccess(db, keys);
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
  return user;
}
