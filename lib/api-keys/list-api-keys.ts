import { desc, eq } from "drizzle-orm";
import { apiKeys, users } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { type PublicApiKey, publicApiKey } from "./schemas";

const columns = {
  id: apiKeys.id,
  name: apiKeys.name,
  prefix: apiKeys.prefix,
  readOnly: apiKeys.readOnly,
  createdAt: apiKeys.createdAt,
  lastUsedAt: apiKeys.lastUsedAt,
  expiresAt: apiKeys.expiresAt,
  revokedAt: apiKeys.revokedAt,
  owner: { id: users.id, email: users.email, role: users.role },
};

/** The workspace's keys, newest first, revoked and expired ones included (marked) so the history stays visible. */
export async function listApiKeys({ ctx }: { ctx: WorkspaceCtx }): Promise<PublicApiKey[]> {
  const rows = await ctx.db
    .select(columns)
    .from(apiKeys)
    .innerJoin(users, eq(users.id, apiKeys.userId))
    .where(eq(apiKeys.workspaceId, ctx.workspaceId))
    .orderBy(desc(apiKeys.createdAt));
  return rows.map((r) => publicApiKey.parse(r));
}
