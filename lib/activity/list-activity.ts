// Synced System Log events of a workspace, newest first, filtered (lib/activity/filters.ts) and paged
// by keyset.
import { and, desc, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { oktaLogEvents as e } from "@/db/schema";
import { isoDateTime, storableText } from "@/lib/api/safe-input";
import type { WorkspaceCtx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import type { ActivityFilters, ActivityPage } from "./contracts";
import { activityConditions } from "./filters";
import { itemColumns, toItem } from "./to-item";

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

export async function listActivity({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: ActivityFilters & { cursor?: string; limit: number; conditions?: SQL[] };
}): Promise<ActivityPage> {
  const { cursor, limit, conditions, ...filters } = input;
  // A caller paging through everything (the CSV export) resolves the filters once and passes them in.
  const where = [...(conditions ?? (await activityConditions(ctx, filters)))];
  if (cursor) {
    const [published, integrationId, uuid] = decodeCursor(cursor);
    where.push(sql`(${e.published}, ${e.integrationId}, ${e.uuid}) < (${published}::timestamptz, ${integrationId}::uuid, ${uuid})`);
  }
  const rows = await ctx.db
    .select({
      ...itemColumns,
      cursorPublished: sql<string>`to_char(${e.published} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`,
    })
    .from(e)
    .where(and(...where))
    .orderBy(desc(e.published), desc(e.integrationId), desc(e.uuid))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return {
    items: page.map(toItem),
    nextCursor: rows.length > limit && last ? encodeCursor([last.cursorPublished, last.integrationId, last.uuid]) : null,
  };
}
