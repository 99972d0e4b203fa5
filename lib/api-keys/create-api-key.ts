import { and, eq } from "drizzle-orm";
import { apiKeys, users } from "@/db/schema";
import { generateApiKey } from "@/lib/auth/api-keys";
import type { WorkspaceCtx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import { type PublicApiKey, publicApiKey } from "./schemas";

/**
 * Creates a key that acts as `input.userId`: with that person's role, or as a viewer when `readOnly`;
 * until `expiresAt` when given. Only the hash is stored; the key itself is returned this once.
 */
export async function createApiKey({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: { userId: string; name: string; readOnly?: boolean; expiresAt?: string | null };
}): Promise<{ key: string; apiKey: PublicApiKey }> {
  const { workspaceId } = ctx;
  const { userId, name } = input;
  const readOnly = input.readOnly ?? false;
  const expiresAt = input.expiresAt ? new Date(input.expiresAt) : null;
  return ctx.db.transaction(async (tx) => {
    const [owner] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, userId), eq(users.workspaceId, workspaceId)))
      .limit(1);
    if (!owner) throw notFound("User");
    const k = generateApiKey();
    const [row] = await tx
      .insert(apiKeys)
      .values({ workspaceId, userId, name, prefix: k.prefix, keyHash: k.keyHash, readOnly, expiresAt })
      .returning();
    return { key: k.key, apiKey: publicApiKey.parse({ ...row, owner: { id: owner.id, email: owner.email, role: owner.role } }) };
  });
}
