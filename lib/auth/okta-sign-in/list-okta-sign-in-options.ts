// The "Sign in with Okta" buttons of the sign-in page: one per workspace that has it on. The
// workspace's name tells them apart only when there is more than one.
import { eq } from "drizzle-orm";
import { oktaSignInConfigs, workspaces } from "@/db/schema";
import type { PublicCtx } from "@/lib/context";
import { providerIdFor } from "./store";

export interface OktaSignInOption {
  providerId: string;
  label: string;
}

export async function listOktaSignInOptions({ ctx }: { ctx: PublicCtx }): Promise<OktaSignInOption[]> {
  const rows = await ctx.db
    .select({ workspaceId: oktaSignInConfigs.workspaceId, name: workspaces.name })
    .from(oktaSignInConfigs)
    .innerJoin(workspaces, eq(workspaces.id, oktaSignInConfigs.workspaceId))
    .where(eq(oktaSignInConfigs.enabled, true))
    .orderBy(workspaces.name);
  return rows.map((r) => ({
    providerId: providerIdFor(r.workspaceId),
    label: rows.length > 1 ? `Sign in with Okta (${r.name})` : "Sign in with Okta",
  }));
}
