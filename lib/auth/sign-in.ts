// Verifies an email and password, slowing down and then refusing repeated failures per account and
// per client address.
import { eq, inArray, sql } from "drizzle-orm";
import { z } from "zod";
import type { DbOrTx } from "@/db";
import { signInThrottles, users } from "@/db/schema";
import type { PublicCtx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { verifyPassword } from "./passwords";

export const signInInput = z.object({
  email: z.email("Enter a valid email address").max(320),
  password: z.string().min(1, "Enter your password").max(1024),
});

// After FREE_FAILURES failures inside WINDOW, each attempt waits a growing delay; after LOCK_AFTER the
// key is locked for LOCK_FOR.
export const THROTTLE = { FREE_FAILURES: 3, LOCK_AFTER: 10, WINDOW_MS: 15 * 60_000, LOCK_FOR_MS: 15 * 60_000, MAX_DELAY_MS: 2_000 };

// A hash verified when the account does not exist, so timing does not reveal which emails exist.
const DUMMY_HASH = "$argon2id$v=19$m=19456,t=2,p=1$c29tZXNhbHRzb21lc2FsdA$k8Yc1Ei0jv5pWZt2iVgk8Vw1F9XIiEl3bNHrGRSS7nY";

const keysFor = (email: string, ip: string) => [`email:${email.toLowerCase()}`, `ip:${ip}`];

/** A public verb: the caller is not known until the password checks out. */
export async function signIn({ ctx, input }: { ctx: PublicCtx; input: { email: string; password: string; ip: string } }) {
  const { db } = ctx;
  const keys = keysFor(input.email, input.ip);
  const now = Date.now();
  const rows = await db.select().from(signInThrottles).where(inArray(signInThrottles.key, keys));
  const live = rows.filter((r) => now - r.lastFailureAt.getTime() < THROTTLE.WINDOW_MS || (r.lockedUntil && r.lockedUntil.getTime() > now));
  const locked = live.find((r) => r.lockedUntil && r.lockedUntil.getTime() > now);
  if (locked?.lockedUntil) {
    const minutes = Math.ceil((locked.lockedUntil.getTime() - now) / 60_000);
    throw new AppError(
      "TOO_MANY_REQUESTS",
      `Too many failed sign-ins. Try again in ${minutes} minute${minutes === 1 ? "" : "s"}.`,
      undefined,
      {
        "retry-after": String(Math.ceil((locked.lockedUntil.getTime() - now) / 1000)),
      },
    );
  }
  const failures = Math.max(0, ...live.map((r) => r.failures));
  if (failures >= THROTTLE.FREE_FAILURES) {
    const delay = Math.min(THROTTLE.MAX_DELAY_MS, 250 * 2 ** (failures - THROTTLE.FREE_FAILURES));
    await new Promise((r) => setTimeout(r, delay));
  }

  const [user] = await db
    .select()
    .from(users)
    .where(eq(sql`lower(${users.email})`, input.email.toLowerCase()))
    .limit(1);
  const ok = await verifyPassword(user?.passwordHash ?? DUMMY_HASH, input.password);
  if (!user || !ok) {
    await recordFailure(db, keys);
    throw new AppError("UNAUTHENTICATED", "Wrong email or password");
  }
  await db.delete(signInThrottles).where(inArray(signInThrottles.key, keys));
  await db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, user.id));
  return user;
}

async function recordFailure(db: DbOrTx, keys: string[]) {
  // Computed in SQL: postgres.js cannot bind a JS Date inside a raw sql fragment.
  const windowStart = sql`now() - make_interval(secs => ${THROTTLE.WINDOW_MS / 1000})`;
  for (const key of keys) {
    await db
      .insert(signInThrottles)
      .values({ key, failures: 1 })
      .onConflictDoUpdate({
        target: signInThrottles.key,
        set: {
          // A failure after a quiet window starts counting again.
          failures: sql`case when ${signInThrottles.lastFailureAt} < ${windowStart} then 1 else ${signInThrottles.failures} + 1 end`,
          lastFailureAt: sql`now()`,
          lockedUntil: sql`case when ${signInThrottles.lastFailureAt} >= ${windowStart} and ${signInThrottles.failures} + 1 >= ${THROTTLE.LOCK_AFTER}
            then now() + make_interval(secs => ${THROTTLE.LOCK_FOR_MS / 1000}) else ${signInThrottles.lockedUntil} end`,
        },
      });
  }
}
