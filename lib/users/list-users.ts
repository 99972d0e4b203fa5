import { asc, eq } from "drizzle-orm";
import { users } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { type PublicUser, toPublicUser } from "./schemas";

/** Everyone in the workspace, admins first, then by email. */
export async function listUsers({ ctx }: { ctx: WorkspaceCtx }): Promise<PublicUser[]> {
  const rows = await ctx.db.select().from(users).where(eq(users.workspaceId, ctx.workspaceId)).orderBy(asc(users.role), asc(users.email));
  return rows.map(toPublicUser);
}
