import { and, desc, eq } from "drizzle-orm";
import { getDb } from "@/db";
import { integrationEvents, users } from "@/db/schema";
import type { Actor } from "@/lib/auth/actor";
import { notFound } from "@/lib/errors";
import { type IntegrationDetail, integrationEventView } from "./contracts";
import { viewOf } from "./view";

/** One integration with its recent audit and sync events (newest first). */
export async function getIntegration({
  actor,
  id,
  eventLimit = 50,
}: {
  actor: Actor;
  id: string;
  eventLimit?: number;
}): Promise<IntegrationDetail> {
  const integration = await viewOf(actor.workspaceId, id);
  if (!integration) throw notFound("Integration");
  const rows = await getDb()
    .select({ e: integrationEvents, u: { id: users.id, name: users.name, email: users.email } })
    .from(integrationEvents)
    .leftJoin(users, eq(users.id, integrationEvents.actorUserId))
    .where(and(eq(integrationEvents.integrationId, id), eq(integrationEvents.workspaceId, actor.workspaceId)))
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
