// Opens a console session at sign-in (lib/auth/config.ts), after the password (and TOTP code, where
// enrolled) has been verified, or Okta has signed the person in.
import { and, lt, or, sql } from "drizzle-orm";
import type { SignInMethod } from "@/db/enums";
import { sessions } from "@/db/schema";
import { normalizeAddress } from "@/lib/auth/socket-address";
import type { PublicCtx } from "@/lib/context";
import { SESSION_POLICY } from "./policy";

export async function startSession({
  ctx,
  input,
}: {
  ctx: PublicCtx;
  input: { userId: string; workspaceId: string; clientAddress: string; userAgent: string; method?: SignInMethod };
}): Promise<string> {
  const { db } = ctx;
  // Ended sessions are deleted; expired ones are swept here, so the table holds live sessions only.
  await db
    .delete(sessions)
    .where(
      or(lt(sessions.expiresAt, sql`now()`), lt(sessions.lastSeenAt, sql`now() - make_interval(secs => ${SESSION_POLICY.IDLE_MS / 1000})`)),
    );
  const [row] = await db
    .insert(sessions)
    .values({
      userId: input.userId,
      workspaceId: input.workspaceId,
      expiresAt: sql`now() + make_interval(secs => ${SESSION_POLICY.ABSOLUTE_MS / 1000})`,
      clientAddress: normalizeAddress(input.clientAddress).slice(0, 100),
      userAgent: input.userAgent.slice(0, 400),
      method: input.method ?? "password",
    })
    .returning({ id: sessions.id });
  return row.id;
}

/** Live sessions only: not idle past the limit and not past the absolute end. */
export const sessionIsLive = () =>
  and(sql`${sessions.expiresAt} > now()`, sql`${sessions.lastSeenAt} > now() - make_interval(secs => ${SESSION_POLICY.IDLE_MS / 1000})`);
