// The one verb that changes an integration's name and owner. PATCH /api/integrations/{id} and the
// settings form both go through it inside their own transaction (ctx.db), and each records one event
// for its whole request from the phrases returned here.
import { eq } from "drizzle-orm";
import { type Integration, integrations, users } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { assertNameFree, isUniqueViolation, nameTaken } from "./names";
import { assertOwner } from "./owners";

export interface NameAndOwner {
  name?: string;
  /** null removes the owner. */
  ownerId?: string | null;
}

export interface NameAndOwnerChange {
  /** What changed, in words for the event log ("renamed "a" to "b"", "owner set to Ann"). */
  said: string[];
  details: Record<string, { from: unknown; to: unknown }>;
}

/** The cheap checks, which a caller also runs before it calls Okta: the name is free, the owner is a person of the workspace. */
export async function checkNameAndOwner(ctx: WorkspaceCtx, row: Integration, input: NameAndOwner) {
  if (input.name !== undefined && input.name.toLowerCase() !== row.name.toLowerCase())
    await assertNameFree(ctx.workspaceId, input.name, row.id, ctx.db);
  if (input.ownerId) await assertOwner(ctx.workspaceId, input.ownerId, ctx.db);
}

export async function changeNameAndOwner({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: NameAndOwner & { integration: Integration };
}): Promise<NameAndOwnerChange> {
  const row = input.integration;
  await checkNameAndOwner(ctx, row, input);
  const set: Partial<typeof integrations.$inferInsert> = {};
  const said: string[] = [];
  const details: NameAndOwnerChange["details"] = {};
  if (input.name !== undefined && input.name !== row.name) {
    set.name = input.name;
    details.name = { from: row.name, to: input.name };
    said.push(`renamed "${row.name}" to "${input.name}"`);
  }
  if (input.ownerId !== undefined && input.ownerId !== row.ownerId) {
    set.ownerId = input.ownerId;
    details.ownerId = { from: row.ownerId, to: input.ownerId };
    const [o] = input.ownerId
      ? await ctx.db.select({ name: users.name, email: users.email }).from(users).where(eq(users.id, input.ownerId))
      : [];
    said.push(o ? `owner set to ${o.name || o.email}` : "owner removed");
  }
  if (said.length) {
    try {
      await ctx.db
        .update(integrations)
        .set({ ...set, updatedAt: new Date() })
        .where(eq(integrations.id, row.id));
    } catch (e) {
      // Another integration took the name between the check and the write.
      if (isUniqueViolation(e)) throw nameTaken(input.name ?? row.name);
      throw e;
    }
  }
  return { said, details };
}
