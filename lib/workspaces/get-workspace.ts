import { eq } from "drizzle-orm";
import { workspaces } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { notFound } from "@/lib/errors";

export async function getWorkspace({ ctx }: { ctx: WorkspaceCtx }) {
  const [ws] = await ctx.db.select().from(workspaces).where(eq(workspaces.id, ctx.workspaceId)).limit(1);
  if (!ws) throw notFound("Workspace");
  return ws;
}
