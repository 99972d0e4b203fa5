// The workspace's audit log, newest first, filtered by actor, target, kind, audit action, outcome,
// request, integration and time, in keyset pages on seq.
import { and, desc, eq, gte, lt, type SQL, sql } from "drizzle-orm";
import { z } from "zod";
import { auditLog as a } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { AppError } from "@/lib/errors";
import { AUDIT_OUTCOMES, type AuditFilters, type AuditPage } from "./contracts";
import { toAuditItem } from "./to-item";

const cursorKey = z.tuple([z.number().int().min(1).max(Number.MAX_SAFE_INTEGER)]);
const encodeCursor = (seq: number) => Buffer.from(JSON.stringify([seq])).toString("base64url");
function decodeCursor(cursor: string): number {
  try {
    const k = cursorKey.safeParse(JSON.parse(Buffer.from(cursor, "base64url").toString("utf8")));
    if (k.success) return k.data[0];
  } catch {}
  throw new AppError("VALIDATION", "Invalid query: cursor: not a cursor returned by this API", {
    fields: [{ field: "cursor", message: "Not a cursor returned by this API" }],
  });
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);

export function auditConditions(workspaceId: string, f: AuditFilters): SQL[] {
  const where: SQL[] = [eq(a.workspaceId, workspaceId)];
  if (f.actor) where.push(UUID.test(f.actor) ? eq(a.actorUserId, f.actor) : sql`${a.actorLabel} ilike ${`%${likeEscape(f.actor)}%`}`);
  if (f.target) {
    const id = f.target;
    // The entry names the target itself, or belongs to a request (a batch) that holds it.
    where.push(sql`(${a.target} @> ${JSON.stringify({ userId: id })}::jsonb or ${a.target} @> ${JSON.stringify({ groupId: id })}::jsonb
      or ${a.target} @> ${JSON.stringify({ appId: id })}::jsonb
      or ${a.requestId} in (select request_id from action_targets where user_id = ${id} or group_id = ${id} or app_id = ${id}))`);
  }
  if (f.kind) where.push(eq(a.kind, f.kind));
  if (f.action) where.push(eq(a.action, f.action));
  if (f.outcome) where.push(eq(a.action, AUDIT_OUTCOMES[f.outcome]));
  if (f.requestId) where.push(eq(a.requestId, f.requestId));
  if (f.integrationId) where.push(eq(a.integrationId, f.integrationId));
  if (f.from) where.push(gte(a.at, new Date(f.from)));
  if (f.to) where.push(lt(a.at, new Date(f.to)));
  return where;
}

export async function listAudit({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: AuditFilters & { cursor?: string; limit: number };
}): Promise<AuditPage> {
  const { cursor, limit, ...filters } = input;
  const where = auditConditions(ctx.workspaceId, filters);
  if (cursor) where.push(lt(a.seq, decodeCursor(cursor)));
  const rows = await ctx.db
    .select()
    .from(a)
    .where(and(...where))
    .orderBy(desc(a.seq))
    .limit(limit + 1);
  const page = rows.slice(0, limit);
  const last = page.at(-1);
  return { items: page.map(toAuditItem), nextCursor: rows.length > limit && last ? encodeCursor(last.seq) : null };
}
