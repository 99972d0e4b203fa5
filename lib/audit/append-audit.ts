// Appends entries to a workspace's audit log, extending its hash chain (hash.ts). Appends of one
// workspace are serialised by a transaction-scoped advisory lock taken before the last link is read, so
// two concurrent appends never link to the same entry (the unique (workspace_id, prev_hash) index
// refuses a fork even if something bypassed the lock). Runs inside the caller's transaction when given
// one (the entries commit or roll back with what they describe); the lock is held until that commits.
import { sql } from "drizzle-orm";
import type { DbOrTx } from "@/db";
import { type ActionKind, type AuditAction, auditLog } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import { cleanValue } from "@/lib/sync/clean-values";
import { entryHash, GENESIS } from "./hash";

/** The lock's first key: a namespace of this project's advisory locks, the second is the workspace. */
const AUDIT_LOCK = 724015;

export interface AuditEntryInput {
  action: AuditAction;
  actorUserId: string | null;
  actorLabel: string;
  kind?: ActionKind | null;
  requestId?: string | null;
  integrationId?: string | null;
  target?: Record<string, unknown> | null;
  detail?: Record<string, unknown> | null;
}

/** Who acts, as an audit entry records it: the signed-in user (an API key acts as its owner) or the system. */
export function auditActor(ctx: WorkspaceCtx): { actorUserId: string | null; actorLabel: string } {
  if (!ctx.actor) return { actorUserId: null, actorLabel: "system" };
  const via = ctx.actor.via === "api_key" ? " (API key)" : "";
  return { actorUserId: ctx.actor.userId, actorLabel: `${ctx.actor.email}${via}` };
}

/** JSON as Postgres stores it: undefined dropped, dates as ISO text, NUL and lone surrogates cleaned. */
const storable = (v: Record<string, unknown> | null | undefined) => (v == null ? null : JSON.parse(JSON.stringify(cleanValue(v))));

export async function appendAudit(db: DbOrTx, workspaceId: string, entries: AuditEntryInput[]) {
  if (!entries.length) return [];
  return db.transaction(async (tx) => {
    await tx.execute(sql`select pg_advisory_xact_lock(${AUDIT_LOCK}, hashtext(${workspaceId}))`);
    const [last] = await tx.execute<{ hash: string }>(
      sql`select hash from audit_log where workspace_id = ${workspaceId} order by seq desc limit 1`,
    );
    let prevHash = last?.hash ?? GENESIS;
    // Numbered now, while the lock is held, so a workspace's entries are in chain order by seq.
    const seqs = (
      await tx.execute<{ seq: string }>(
        sql`select nextval(pg_get_serial_sequence('audit_log', 'seq')) as seq from generate_series(1, ${entries.length})`,
      )
    )
      .map((r) => Number(r.seq))
      .sort((a, b) => a - b);
    // One time for the batch, in milliseconds (what a JS Date and the hash keep).
    const at = new Date();
    const rows = entries.map((e, i) => {
      const fields = {
        seq: seqs[i],
        workspaceId,
        at,
        actorUserId: e.actorUserId,
        actorLabel: e.actorLabel,
        action: e.action,
        kind: e.kind ?? null,
        requestId: e.requestId ?? null,
        integrationId: e.integrationId ?? null,
        target: storable(e.target),
        detail: storable(e.detail),
      };
      const hash = entryHash(prevHash, fields);
      const row = { ...fields, prevHash, hash };
      prevHash = hash;
      return row;
    });
    return tx.insert(auditLog).values(rows).returning();
  });
}
