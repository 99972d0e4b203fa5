// Whether the caller has an authenticator, how many recovery codes are left, and whether the workspace
// requires one for password sign-ins.
import { and, count, eq, isNull } from "drizzle-orm";
import { totpRecoveryCodes, users, workspaces } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import type { TotpStatus } from "../contracts";
import { hasPassword } from "../passwords";
import { findFactor } from "./factor-store";

export async function getTotpStatus({ ctx }: { ctx: Ctx }): Promise<TotpStatus> {
  const [row] = await ctx.db
    .select({ passwordHash: users.passwordHash, requireTotp: workspaces.requireTotp })
    .from(users)
    .innerJoin(workspaces, eq(workspaces.id, users.workspaceId))
    .where(eq(users.id, ctx.actor.userId));
  if (!row) throw notFound("User");
  const factor = await findFactor(ctx.db, ctx.actor.userId);
  const [{ left }] = await ctx.db
    .select({ left: count() })
    .from(totpRecoveryCodes)
    .where(and(eq(totpRecoveryCodes.userId, ctx.actor.userId), isNull(totpRecoveryCodes.usedAt)));
  const enabled = !!factor?.confirmedAt;
  return {
    enabled,
    enabledAt: factor?.confirmedAt ?? null,
    recoveryCodesLeft: enabled ? left : 0,
    required: row.requireTotp,
    passwordSignIn: hasPassword(row.passwordHash),
  };
}
