// Walks the workspace's audit chain in order (seq), a page at a time, recomputing every entry's hash
// from its stored fields and checking it links to the entry before it. Reports the first broken link:
// an entry whose contents were changed (its hash no longer matches), or one whose predecessor was
// changed, removed or inserted (its prev_hash no longer matches). An entry removed from the very end
// leaves no broken link: compare `head` with a copy kept elsewhere (an export, a note) to see that.
import { and, asc, eq, gt } from "drizzle-orm";
import { auditLog } from "@/db/schema";
import type { WorkspaceCtx } from "@/lib/context";
import type { AuditVerifyResult } from "./contracts";
import { entryHash, GENESIS } from "./hash";

const PAGE = 2000;

export async function verifyAuditChain({ ctx }: { ctx: WorkspaceCtx }): Promise<AuditVerifyResult> {
  let prev = GENESIS;
  let prevSeq: number | null = null;
  let entries = 0;
  let after = 0;
  for (;;) {
    const rows = await ctx.db
      .select()
      .from(auditLog)
      .where(and(eq(auditLog.workspaceId, ctx.workspaceId), gt(auditLog.seq, after)))
      .orderBy(asc(auditLog.seq))
      .limit(PAGE);
    for (const r of rows) {
      entries++;
      if (r.prevHash !== prev) {
        const reason =
          prevSeq === null
            ? "the first entry does not start the chain: entries before it were removed, or its prev_hash was changed"
            : `its prev_hash does not match the hash of entry ${prevSeq}: an entry between them was removed or inserted, or a link was changed`;
        return { ok: false, entries, firstBroken: { seq: r.seq, reason }, head: null };
      }
      if (entryHash(r.prevHash, r) !== r.hash)
        return {
          ok: false,
          entries,
          firstBroken: { seq: r.seq, reason: "its hash does not match its contents: the entry was changed after it was written" },
          head: null,
        };
      prev = r.hash;
      prevSeq = r.seq;
    }
    if (rows.length < PAGE) break;
    after = rows[rows.length - 1].seq;
  }
  return { ok: true, entries, head: prevSeq === null ? null : { seq: prevSeq, hash: prev } };
}
