import { and, desc, eq } from "drizzle-orm";
import { integrationEvents, users } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { notFound } from "@/lib/errors";
import { type IntegrationDetail, integrationEventView } from "./contracts";
import { viewOf } from "./view";

/** One integration with its recent audit and sync events (newest first). */
export async function getIntegration({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: { integrationId: string; eventLimit?: number };
}): Promise<IntegrationDetail> {
  const { integrationId: id, eventLimit = 50 } = input;
  const integration = await viewOf(ctx.workspaceId, id, ctx.db);
  if (!integration) throw notFound("Integration");
  const rows = await ctx.db
    .select({ e: integrationEvents, u: { id: users.id, name: users.name, email: users.email } })
    .from(integrationEvents)
    .leftJoin(users, eq(users.id, integrationEvents.actorUserId))
    .where(and(eq(integrationEvents.integrationId, id), eq(integrationEvents.workspaceId, ctx.workspaceId)))
    .orderBy(desc(integrationEvents.id))
    .limit(eventLimit);
  const events = rows.map(({ e, u }) =>
    integrationEventView.parse({
      id: e.id,
      at: e.at.toISOString(),
      level: e.level,
      kind: e.kind,
      message: e.message,
      details: (e.details as Record<string, unknown> | null) ?? null,
      actor: u?.id ? { id: u.id, name: u.name || u.email, email: u.email } : null,
    }),
  );
  return { integration, events };
}
