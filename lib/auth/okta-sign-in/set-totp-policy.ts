// Whether password sign-ins in the workspace need a TOTP code. Turned on, people without an
// authenticator are asked to set one up at their next request (sessions opened with Okta are not:
// Okta's own sign-in policy applies there).
import { eq } from "drizzle-orm";
import { workspaces } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import type { SignInSettings } from "../contracts";
import { getSignInSettings } from "./get-sign-in-settings";

export async function setTotpPolicy({ ctx, input }: { ctx: Ctx; input: { requireTotp: boolean } }): Promise<SignInSettings> {
  await ctx.db.update(workspaces).set({ requireTotp: input.requireTotp }).where(eq(workspaces.id, ctx.workspaceId));
  return getSignInSettings({ ctx });
}
