import { and, eq } from "drizzle-orm";
import { type DbOrTx, getDb } from "@/db";
import { users } from "@/db/schema";
import { hashPassword } from "@/lib/auth/passwords";
import { notFound } from "@/lib/errors";

/** Replaces a person's password (recovery from the command line); `password` is already validated by passwordSchema. */
export async function setPassword(workspaceId: string, userId: string, password: string, db: DbOrTx = getDb()): Promise<void> {
  const passwordHash = await hashPassword(password);
  const updated = await db
    .update(users)
    .set({ passwordHash })
    .where(and(eq(users.id, userId), eq(users.workspaceId, workspaceId)))
    .returning({ id: users.id });
  if (updated.length === 0) throw notFound("User");
}
