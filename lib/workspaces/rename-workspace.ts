import { eq } from "drizzle-orm";
import { workspaces } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import type { RenameWorkspaceInput } from "./contracts";

export async function renameWorkspace({ ctx, input }: { ctx: Ctx; input: RenameWorkspaceInput }) {
  const [ws] = await ctx.db.update(workspaces).set({ name: input.name }).where(eq(workspaces.id, ctx.workspaceId)).returning();
  if (!ws) throw notFound("Workspace");
  return { id: ws.id, name: ws.name, createdAt: ws.createdAt };
}
