import { and, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { apiKeys, users } from "@/db/schema";
import { generateApiKey } from "@/lib/auth/api-keys";
import { notFound } from "@/lib/errors";
import { type CreateApiKeyInput, type PublicApiKey, publicApiKey } from "./schemas";

/**
 * Creates a key that acts as `userId` (with that person's role). Only the hash is stored; the key
 * itself is returned this once.
 */
export async function createApiKey(
  workspaceId: string,
  userId: string,
  data: CreateApiKeyInput,
): Promise<{ key: string; apiKey: PublicApiKey }> {
  return getDb().transaction(async (tx) => {
    const [owner] = await tx
      .select()
      .from(users)
      .where(and(eq(users.id, userId), eq(users.workspaceId, workspaceId)))
      .limit(1);
    if (!owner) throw notFound("User");
    const k = generateApiKey();
    const [row] = await tx
      .insert(apiKeys)
      .values({ workspaceId, userId, name: data.name, prefix: k.prefix, keyHash: k.keyHash })
      .returning();
    return { key: k.key, apiKey: publicApiKey.parse({ ...row, owner: { id: owner.id, email: owner.email, role: owner.role } }) };
  });
}
