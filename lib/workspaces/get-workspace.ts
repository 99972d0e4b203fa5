import { eq } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db";
import { workspaces } from "@/db/schema";
import { notFound } from "@/lib/errors";

export async function getWorkspace(workspaceId: string, db: DbOrTx = getDb()) {
  const [ws] = await db.select().from(workspaces).where(eq(workspaces.id, workspaceId)).limit(1);
  if (!ws) throw notFound("Workspace");
  return ws;
}
