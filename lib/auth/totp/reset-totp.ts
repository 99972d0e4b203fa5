// An admin resets someone's two-factor (a lost phone, no recovery codes left): their authenticator and
// recovery codes are deleted; they sign in with their password alone, and set one up again where the
// workspace requires it.
import { and, eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { AppError, notFound } from "@/lib/errors";
import { removeFactor } from "./remove-factor";

export async function resetTotp({ ctx, input }: { ctx: Ctx; input: { userId: string } }): Promise<{ reset: true }> {
  const [target] = await ctx.db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, input.userId), eq(users.workspaceId, ctx.workspaceId)))
    .limit(1);
  if (!target) throw notFound("User");
  if (!(await removeFactor(ctx.db, target.id))) throw new AppError("CONFLICT", "This person has no two-factor authentication to reset.");
  return { reset: true };
}
