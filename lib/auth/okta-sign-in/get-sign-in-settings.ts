// The workspace's sign-in settings as the Settings page shows them: sign-in with Okta (without its
// secret) and whether password sign-ins need a TOTP code.
import { eq } from "drizzle-orm";
import { workspaces } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import { type SignInSettings, signInSettings } from "../contracts";
import { findOktaConfig, redirectPathFor } from "./store";

export async function getSignInSettings({ ctx }: { ctx: Ctx }): Promise<SignInSettings> {
  const [ws] = await ctx.db.select({ requireTotp: workspaces.requireTotp }).from(workspaces).where(eq(workspaces.id, ctx.workspaceId));
  if (!ws) throw notFound("Workspace");
  const row = await findOktaConfig(ctx.db, ctx.workspaceId);
  const redirectPath = redirectPathFor(ctx.workspaceId);
  return signInSettings.parse({
    requireTotp: ws.requireTotp,
    redirectPath,
    okta: row && {
      oktaDomain: row.issuer,
      clientId: row.clientId,
      hasClientSecret: true,
      adminGroups: row.adminGroups,
      operatorGroups: row.operatorGroups,
      viewerGroups: row.viewerGroups,
      enabled: row.enabled,
      updatedAt: row.updatedAt,
      redirectPath,
    },
  });
}
