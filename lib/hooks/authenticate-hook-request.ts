// Every request to the hook endpoint proves itself with the integration's secret, compared in
// constant time. Failures are counted (the page shows them) and answered 401 without saying which
// part was wrong; an unknown integration answers the same way, so ids cannot be probed.
import { eq, sql } from "drizzle-orm";
import { eventHooks, integrations } from "@/db/schema";
import type { PublicCtx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { readHookSecret, secretMatches } from "./hook-secret";

/** The integration's workspace once the request has proved itself. */
export async function authenticateHookRequest({
  ctx,
  input,
}: {
  ctx: PublicCtx;
  input: { integrationId: string; authorization: string | null };
}): Promise<{ workspaceId: string }> {
  const { integrationId } = input;
  const [row] = await ctx.db
    .select({ state: integrations.state, workspaceId: integrations.workspaceId })
    .from(integrations)
    .innerJoin(eventHooks, eq(eventHooks.integrationId, integrations.id))
    .where(eq(integrations.id, integrationId));
  const secret = row?.state === "connected" ? await readHookSecret(integrationId, ctx.db) : null;
  if (!row || !secret || !secretMatches(input.authorization, secret)) {
    if (row) {
      await ctx.db
        .update(eventHooks)
        .set({ authFailures: sql`${eventHooks.authFailures} + 1`, lastAuthFailureAt: sql`now()` })
        .where(eq(eventHooks.integrationId, integrationId));
    }
    throw new AppError("UNAUTHENTICATED", "Missing or wrong event hook secret");
  }
  return { workspaceId: row.workspaceId };
}
