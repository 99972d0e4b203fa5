// Appends to an integration's event log. Messages are written for people; details carry Okta's
// errorCode/errorId and numbers. Callers never pass secrets; the message and details go through the
// same redaction as the server log anyway (lib/redact.ts).
import { type DbOrTx, getDb } from "@/db";
import type { EventLevel } from "@/db/enums";
import { integrationEvents } from "@/db/schema";
import { redact, redactText } from "@/lib/redact";
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

export async function recordEvent(input: EventInput, db: DbOrTx = getDb()) {
  const [row] = await db
    .insert(integrationEvents)
    .values({
      workspaceId: input.workspaceId,
      integrationId: input.integrationId,
      runId: input.runId ?? null,
      level: input.level ?? "info",
      kind: input.kind,
      message: redactText(input.message),
      details: input.details ? (redact(input.details) as Record<string, unknown>) : null,
      actorUserId: input.actorUserId ?? null,
    })
    .returning();
  return row;
}
