// Turns sign-in with Okta off for good: the configuration and its sealed secret are deleted. People
// created by it stay (with no password they cannot sign in until an admin sets one); sessions opened
// with Okta keep running until they end or are ended.
import { eq } from "drizzle-orm";
import { oktaSignInConfigs } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { currentXid, purgeDeletedSecrets } from "@/lib/integrations/secrets";

export async function removeOktaSignIn({ ctx }: { ctx: Ctx }): Promise<{ removed: boolean }> {
  const { removed, xid } = await ctx.db.transaction(async (tx) => {
    const rows = await tx.delete(oktaSignInConfigs).where(eq(oktaSignInConfigs.workspaceId, ctx.workspaceId)).returning();
    return { removed: rows.length > 0, xid: await currentXid(tx) };
  });
  // The deleted sealed secret must not linger in the table's pages.
  if (removed) await purgeDeletedSecrets(xid, ["okta_sign_in_configs"]);
  return { removed };
}
