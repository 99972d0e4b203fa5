import { and, eq, isNull } from "drizzle-orm";
import { apiKeys } from "@/db/schema";
import type { Ctx } from "@/lib/context";
import { notFound } from "@/lib/errors";

/** Revokes a key at once (kept, marked revoked, for the record). Revoking twice is a no-op. */
export async function revokeApiKey({ ctx, input }: { ctx: Ctx; input: { keyId: string } }): Promise<{ revokedAt: Date }> {
  const { db, workspaceId } = ctx;
  const { keyId } = input;
  const [row] = await db
    .update(apiKeys)
    .set({ revokedAt: new Date() })
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.workspaceId, workspaceId), isNull(apiKeys.revokedAt)))
    .returning({ revokedAt: apiKeys.revokedAt });
  if (row?.revokedAt) return { revokedAt: row.revokedAt };
  const [existing] = await db
    .select({ revokedAt: apiKeys.revokedAt })
    .from(apiKeys)
    .where(and(eq(apiKeys.id, keyId), eq(apiKeys.workspaceId, workspaceId)))
    .limit(1);
  if (!existing?.revokedAt) throw notFound("API key");
  return { revokedAt: existing.revokedAt };
}
