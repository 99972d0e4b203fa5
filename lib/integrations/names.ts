import { and, eq, ne, sql } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db";
import { integrations } from "@/db/schema";
import { AppError } from "@/lib/errors";

export const nameTaken = (name: string) =>
  new AppError("CONFLICT", `An integration named "${name}" already exists in this workspace; choose another name`, {
    fields: [{ field: "name", message: "already used by another integration" }],
  });

/** Names are unique among a workspace's connected integrations (case-insensitive), as the unique index says. */
export async function assertNameFree(workspaceId: string, name: string, exceptId?: string, db: DbOrTx = getDb()) {
  const [row] = await db
    .select({ id: integrations.id })
    .from(integrations)
    .where(
      and(
        eq(integrations.workspaceId, workspaceId),
        eq(integrations.state, "connected"),
        sql`lower(${integrations.name}) = lower(${name})`,
        exceptId ? ne(integrations.id, exceptId) : undefined,
      ),
    )
    .limit(1);
  if (row) throw nameTaken(name);
}

export const isUniqueViolation = (e: unknown) =>
  (e as { cause?: { code?: string } })?.cause?.code === "23505" || (e as { code?: string })?.code === "23505";
