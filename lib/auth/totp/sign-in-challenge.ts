// The step between a right password and the TOTP code. The ticket (32 random bytes, stored hashed,
// 5 minutes) stands for "this person's password was right"; with a right code it opens a session.
// Codes are throttled like passwords (lib/auth/throttle-policy.ts): per person, per client address
// (shared with password failures), and the two together.
import { createHash, randomBytes } from "node:crypto";
import { and, eq, gt, lt } from "drizzle-orm";
import { signInChallenges, users } from "@/db/schema";
import type { PublicCtx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { UNKNOWN_CLIENT } from "../client-ip";
import { noteSignInRefusal } from "../sign-in-refusal";
import { purgeStaleThrottles, reserveAttempt, settleSuccess } from "../sign-in-throttle";
import { retryAfterSeconds, retryMessage } from "../throttle-policy";
import { consumeSecondFactor, totpThrottleKeys } from "./factor-store";

export const CHALLENGE_TTL_MS = 5 * 60_000;
const hashTicket = (ticket: string) => createHash("sha256").update(ticket).digest("hex");

export async function createSignInChallenge(db: PublicCtx["db"], userId: string): Promise<string> {
  await db.delete(signInChallenges).where(lt(signInChallenges.expiresAt, new Date()));
  const ticket = randomBytes(32).toString("base64url");
  await db.insert(signInChallenges).values({ tokenHash: hashTicket(ticket), userId, expiresAt: new Date(Date.now() + CHALLENGE_TTL_MS) });
  return ticket;
}

const sleep = (ms: number) => new Promise<void>((r) => setTimeout(r, ms));

/**
 * Checks a second-factor code for a person whose password was just verified (`userId`), throttled.
 * Throws UNAUTHENTICATED for a wrong code, TOO_MANY_REQUESTS when refused.
 */
export async function checkSecondFactor(
  db: PublicCtx["db"],
  input: { userId: string; code: string; ip: string },
  wait: (ms: number) => Promise<void> = sleep,
): Promise<"totp" | "recovery"> {
  const keys = totpThrottleKeys(input.userId, input.ip === UNKNOWN_CLIENT || !input.ip ? null : input.ip);
  const decision = await reserveAttempt(db, keys);
  if (decision.kind === "refuse") {
    const err = new AppError("TOO_MANY_REQUESTS", retryMessage(decision.reason, decision.retryAfterMs), undefined, {
      "retry-after": String(retryAfterSeconds(decision.retryAfterMs)),
    });
    noteSignInRefusal(err);
    throw err;
  }
  if (decision.waitMs > 0) await wait(decision.waitMs);
  const used = await consumeSecondFactor(db, input.userId, input.code);
  if (!used) {
    await purgeStaleThrottles(db);
    throw new AppError("UNAUTHENTICATED", "Wrong code", { reason: "wrong_code" });
  }
  await settleSuccess(db, keys);
  return used;
}

/** The second step of a password sign-in: the ticket from the first and a code. Returns the person. */
export async function completeSignInChallenge({
  ctx,
  input,
  wait,
}: {
  ctx: PublicCtx;
  input: { ticket: string; code: string; ip: string };
  wait?: (ms: number) => Promise<void>;
}) {
  const [row] = await ctx.db
    .select({ id: signInChallenges.id, user: users })
    .from(signInChallenges)
    .innerJoin(users, eq(users.id, signInChallenges.userId))
    .where(and(eq(signInChallenges.tokenHash, hashTicket(input.ticket)), gt(signInChallenges.expiresAt, new Date())))
    .limit(1);
  if (!row)
    throw new AppError("UNAUTHENTICATED", "The sign-in expired. Enter your email and password again.", { reason: "challenge_expired" });
  await checkSecondFactor(ctx.db, { userId: row.user.id, code: input.code, ip: input.ip }, wait);
  // The ticket is spent: a second code cannot reuse it.
  const spent = await ctx.db.delete(signInChallenges).where(eq(signInChallenges.id, row.id)).returning({ id: signInChallenges.id });
  if (!spent.length)
    throw new AppError("UNAUTHENTICATED", "The sign-in expired. Enter your email and password again.", { reason: "challenge_expired" });
  await ctx.db.update(users).set({ lastSignInAt: new Date() }).where(eq(users.id, row.user.id));
  return row.user;
}
