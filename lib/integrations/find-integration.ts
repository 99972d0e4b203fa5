// The integration a sync verb acts on, scoped to the caller's workspace: another workspace's id
// answers NOT_FOUND exactly like a missing one.
import { and, eq } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db";
import { integrations } from "@/db/schema";
import { notFound } from "@/lib/errors";

export async function findIntegration(workspaceId: string, integrationId: string, db: DbOrTx = getDb()) {
  const [row] = await db
    .select()
    .from(integrations)
    .where(and(eq(integrations.id, integrationId), eq(integrations.workspaceId, workspaceId)))
    .limit(1);
  if (!row) throw notFound("Integration");
  return row;
}
