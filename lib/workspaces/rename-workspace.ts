import { eq } from "drizzle-orm";
import { z } from "zod";
import { getDb } from "@/db";
import { workspaces } from "@/db/schema";
import { notFound } from "@/lib/errors";

export const renameWorkspaceInput = z.strictObject({
  name: z.string().trim().min(1, "Enter a workspace name").max(80, "Name must be at most 80 characters"),
});

export async function renameWorkspace(workspaceId: string, data: z.output<typeof renameWorkspaceInput>) {
  const [ws] = await getDb().update(workspaces).set({ name: data.name }).where(eq(workspaces.id, workspaceId)).returning();
  if (!ws) throw notFound("Workspace");
  return { id: ws.id, name: ws.name, createdAt: ws.createdAt };
}
