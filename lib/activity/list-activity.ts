// Synced System Log events of a workspace, newest first, with keyset pagination.
import { and, desc, eq, ilike, or, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { oktaLogEvents as e } from "@/db/schema";
import { isoDateTime, storableText } from "@/lib/api/safe-input";
import type { WorkspaceCtx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import type { ActivityItem, ActivityPage, ActivityQuery } from "./schemas";

// The cursor carries the sort key of the last row: published (microseconds, which a JS Date would
// lose), integration, uuid.
const timestamp = isoDateTime()
  .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/)
  .refine((s) => new Date(s).toISOString().slice(0, 23) === s.slice(0, 23)); // a real time of day
const cursorKey = z.tuple([timestamp, z.uuid(), storableText().min(1).max(200)]);
const encodeCursor = (k: z.infer<typeof cursorKey>) => Buffer.from(JSON.stringify(k)).toString("base64url");
function decodeCursor(cursor: string): z.infer<typeof cursorKey> {
  try {
    const k = cursorKey.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (k.success) return k.data;
  } catch {}
  throw new AppError("VALIDATION", "Invalid query: cursor: not a cursor returned by this API", {
    fields: [{ field: "cursor", message: "Not a cursor returned by this API" }],
  });
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export async function listActivity({ ctx, input: query }: { ctx: WorkspaceCtx; input: ActivityQuery }): Promise<ActivityPage> {
  const where: SQL[] = [eq(e.workspaceId, ctx.workspaceId)];
  if (query.integrationId) where.push(eq(e.integrationId, query.integrationId));
  if (query.outcome) where.push(eq(e.outcomeResult, query.outcome));
  if (query.eventType) where.push(eq(e.eventType, query.eventType));
  if (query.q) {
    const pattern = `%${likeEscape(query.q)}%`;
    where.push(or(ilike(e.actorAlternateId, pattern), ilike(e.actorDisplayName, pattern))!);
  }
  if (query.cursor) {
    const [published, integrationId, uuid] = decodeCursor(query.cursor);
    where.push(sql`(${e.published}, ${e.integrationId}, ${e.uuid}) < (${published}::timestamptz, ${integrationId}::uuid, ${uuid})`);
  }
  const rows = await ctx.db
    .select({ row: e, cursorPublished: sql<string>`to_char(${e.published} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` })
    .from(e)
    .where(and(...where))
    .orderBy(desc(e.published), desc(e.integrationId), desc(e.uuid))
    .limit(query.limit + 1);
  const page = rows.slice(0, query.limit);
  const last = page.at(-1);
  return {
    items: page.map(({ row }) => toItem(row)),
    nextCursor: rows.length > query.limit && last ? encodeCursor([last.cursorPublished, last.row.integrationId, last.row.uuid]) : null,
  };
}

function toItem(r: typeof e.$inferSelect): ActivityItem {
  return {
    id: r.uuid,
    integrationId: r.integrationId,
    published: r.published,
    eventType: r.eventType,
    displayMessage: r.displayMessage,
    severity: r.severity,
    outcome: r.outcomeResult,
    outcomeReason: r.outcomeReason,
    actor: { id: r.actorId, login: r.actorAlternateId, displayName: r.actorDisplayName, type: r.actorType },
    app: { id: r.targetAppId, name: r.targetAppName },
    clientIp: r.clientIp,
    location: [r.city, r.state, r.country].filter(Boolean).join(", ") || null,
  };
}
