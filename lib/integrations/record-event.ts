// Appends to an integration's event log. Messages are written for people; details carry Okta's
// errorCode/errorId and numbers. Callers never pass secrets, and `details` is shallow-scrubbed anyway.
import { type DbOrTx, getDb } from "@/db";
import type { EventLevel } from "@/db/enums";
import { integrationEvents } from "@/db/schema";
import type { EventKind } from "./event-kinds";

export interface EventInput {
  workspaceId: string;
  integrationId: string;
  runId?: string | null;
  level?: EventLevel;
  kind: EventKind;
  message: string;
  details?: Record<string, unknown> | null;
  actorUserId?: string | null;
}

const SECRETISH = /secret|password|token|assertion|authorization|private|cookie/i;

function scrub(details: Record<string, unknown> | null | undefined) {
  if (!details) return null;
  return Object.fromEntries(Object.entries(details).filter(([k]) => !SECRETISH.test(k)));
}

export async function recordEvent(input: EventInput, db: DbOrTx = getDb()) {
  const [row] = await db
    .insert(integrationEvents)
    .values({
      workspaceId: input.workspaceId,
      integrationId: input.integrationId,
      runId: input.runId ?? null,
      level: input.level ?? "info",
      kind: input.kind,
      message: input.message,
      details: scrub(input.details),
      actorUserId: input.actorUserId ?? null,
    })
    .returning();
  return row;
}
