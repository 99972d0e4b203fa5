// Connected integrations of a workspace that sync one Okta org (by Okta's org id): connecting an org
// twice imports its people twice, so connect warns and the integration page says so, naming the other.
import { and, eq, ne } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db";
import { integrations } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { findIntegration } from "./find-integration";

export async function sameOrg(workspaceId: string, oktaOrgId: string, except: string | null, db: DbOrTx = getDb()) {
  return db
    .select({ id: integrations.id, name: integrations.name, domain: integrations.domain })
    .from(integrations)
    .where(
      and(
        eq(integrations.workspaceId, workspaceId),
        eq(integrations.oktaOrgId, oktaOrgId),
        eq(integrations.state, "connected"),
        except ? ne(integrations.id, except) : undefined,
      ),
    )
    .orderBy(integrations.createdAt);
}

/** The other connected integrations of the same Okta org as this one. */
export async function findSameOrg({ ctx, input }: { ctx: WorkspaceCtx; input: { integrationId: string } }) {
  const i = await findIntegration(ctx.workspaceId, input.integrationId, ctx.db);
  return i.oktaOrgId && i.state === "connected" ? sameOrg(ctx.workspaceId, i.oktaOrgId, i.id, ctx.db) : [];
}
