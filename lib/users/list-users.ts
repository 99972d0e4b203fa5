import { asc, eq } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db";
import { users } from "@/db/schema";
import { type PublicUser, toPublicUser } from "./schemas";

/** Everyone in the workspace, admins first, then by email. */
export async function listUsers(workspaceId: string, db: DbOrTx = getDb()): Promise<PublicUser[]> {
  const rows = await db.select().from(users).where(eq(users.workspaceId, workspaceId)).orderBy(asc(users.role), asc(users.email));
  return rows.map(toPublicUser);
}
