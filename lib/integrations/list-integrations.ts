import { eq } from "drizzle-orm";
import { integrations } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { selectViews } from "./view";

/** Every integration of the caller's workspace, connected first. */
export async function listIntegrations({ ctx }: { ctx: WorkspaceCtx }) {
  return { items: await selectViews(eq(integrations.workspaceId, ctx.workspaceId), ctx.db) };
}
