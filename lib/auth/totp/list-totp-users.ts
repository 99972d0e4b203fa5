// Who in the workspace has two-factor on, for the People list.
import { and, eq, isNotNull } from "drizzle-orm";
import { totpFactors } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";

export async function listTotpUsers({ ctx }: { ctx: WorkspaceCtx }): Promise<string[]> {
  const rows = await ctx.db
    .select({ userId: totpFactors.userId })
    .from(totpFactors)
    .where(and(eq(totpFactors.workspaceId, ctx.workspaceId), isNotNull(totpFactors.confirmedAt)));
  return rows.map((r) => r.userId);
}
