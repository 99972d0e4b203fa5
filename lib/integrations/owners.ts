import { and, eq } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db";
import { users } from "@/db/schema";
import { AppError } from "@/lib/errors";

/** The owner must be a console user of the same workspace. */
export async function assertOwner(workspaceId: string, ownerId: string, db: DbOrTx = getDb()) {
  const [u] = await db
    .select({ id: users.id })
    .from(users)
    .where(and(eq(users.id, ownerId), eq(users.workspaceId, workspaceId)))
    .limit(1);
  if (!u)
    throw new AppError("VALIDATION", "Invalid body: ownerId: no such user in this workspace", {
      fields: [{ field: "ownerId", message: "no such user in this workspace" }],
    });
}
