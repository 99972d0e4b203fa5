// Okta's one-time verification: a GET with x-okta-verification-challenge, answered with
// {"verification": <value>}. The request must carry the hook's secret like any delivery.
import { eq, sql } from "drizzle-orm";
import { eventHooks } from "@/db/schema";
import type { PublicCtx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { authenticateHookRequest } from "./authenticate-hook-request";

export async function answerHookChallenge({
  ctx,
  input,
}: {
  ctx: PublicCtx;
  input: { integrationId: string; authorization: string | null; challenge: string | null };
}) {
  await authenticateHookRequest({ ctx, input });
  if (!input.challenge) throw new AppError("VALIDATION", "x-okta-verification-challenge: the header is required");
  if (input.challenge.length > 512) throw new AppError("VALIDATION", "x-okta-verification-challenge: too long");
  await ctx.db
    .update(eventHooks)
    .set({ verifiedAt: sql`now()`, updatedAt: sql`now()` })
    .where(eq(eventHooks.integrationId, input.integrationId));
  return { verification: input.challenge };
}
