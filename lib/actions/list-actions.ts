// Requests of the workspace, newest first, filtered by status (one or several), integration, kind or
// the caller's own, in keyset pages (created_at, id).
import { and, desc, eq, inArray, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { actionRequests as r } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import type { ActionPage, ListActionsQuery } from "./contracts";
import { toViews } from "./to-view";

// created_at in microseconds (a JS Date would lose them) and the id.
const cursorKey = z.tuple([z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/), z.uuid()]);
const encodeCursor = (k: z.infer<typeof cursorKey>) => Buffer.from(JSON.stringify(k)).toString("base64url");
function decodeCursor(cursor: string): z.infer<typeof cursorKey> {
  try {
    const k = cursorKey.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (k.success && !Number.isNaN(Date.parse(k.data[0])) && Number(k.data[0].slice(0, 4)) >= 1970) return k.data;
  } catch {}
  throw new AppError("VALIDATION", "Invalid query: cursor: not a cursor returned by this API", {
    fields: [{ field: "cursor", message: "Not a cursor returned by this API" }],
  });
}

export async function listActions({ ctx, input }: { ctx: WorkspaceCtx; input: ListActionsQuery }): Promise<ActionPage> {
  const where: SQL[] = [eq(r.workspaceId, ctx.workspaceId)];
  if (input.status) where.push(inArray(r.status, input.status));
  if (input.integrationId) where.push(eq(r.integrationId, input.integrationId));
  if (input.kind) where.push(eq(r.kind, input.kind));
  if (input.mine === "true") where.push(ctx.actor ? eq(r.requestedBy, ctx.actor.userId) : sql`false`);
  if (input.cursor) {
    const [createdAt, id] = decodeCursor(input.cursor);
    where.push(sql`(${r.createdAt}, ${r.id}) < (${createdAt}::timestamptz, ${id}::uuid)`);
  }
  const rows = await ctx.db
    .select({ row: r, cursorAt: sql<string>`to_char(${r.createdAt} at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')` })
    .from(r)
    .where(and(...where))
    .orderBy(desc(r.createdAt), desc(r.id))
    .limit(input.limit + 1);
  const page = rows.slice(0, input.limit);
  const last = page.at(-1);
  return {
    items: await toViews(
      ctx.db,
      page.map((x) => x.row),
    ),
    nextCursor: rows.length > input.limit && last ? encodeCursor([last.cursorAt, last.row.id]) : null,
  };
}
