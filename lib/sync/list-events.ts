// An integration's event log, newest first, filtered by level and kind (and run); keyset on id.
import { and, desc, eq, lt } from "drizzle-orm";
import { type EventLevel, integrationEvents } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import type { EventKind } from "@/lib/integrations/event-kinds";
import { findIntegration } from "@/lib/integrations/find-integration";
import { type IntegrationEventItem, integrationEventSchema } from "./contracts";
import { decodeCursor, encodeCursor, idCursor } from "./cursor";

export async function listEvents({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: {
    integrationId: string;
    level?: EventLevel;
    kind?: EventKind;
    runId?: string;
    cursor?: string;
    limit: number;
  };
}): Promise<{ items: IntegrationEventItem[]; nextCursor: string | null }> {
  await findIntegration(ctx.workspaceId, input.integrationId, ctx.db);
  const after = decodeCursor(input.cursor, idCursor);
  const rows = await ctx.db
    .select()
    .from(integrationEvents)
    .where(
      and(
        eq(integrationEvents.integrationId, input.integrationId),
        input.level ? eq(integrationEvents.level, input.level) : undefined,
        input.kind ? eq(integrationEvents.kind, input.kind) : undefined,
        input.runId ? eq(integrationEvents.runId, input.runId) : undefined,
        after ? lt(integrationEvents.id, after[0]) : undefined,
      ),
    )
    .orderBy(desc(integrationEvents.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page[page.length - 1];
  return {
    items: page.map((e) => integrationEventSchema.parse(e)),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.id]) : null,
  };
}
