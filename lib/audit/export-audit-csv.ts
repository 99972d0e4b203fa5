// CSV export of the audit log exactly as filtered, newest first, streamed a keyset page at a time
// through the directory's CSV stream (one page in memory, formula-safe cells). Each line carries the
// entry's prev_hash and hash, so an export is also a copy of the chain to verify against later.
import type { WorkspaceCtx } from "@/lib/context";
import { allPages, csvStream } from "@/lib/directory/csv";
import type { AuditFilters, AuditItem } from "./contracts";
import { listAudit } from "./list-audit";

export const AUDIT_CSV_COLUMNS = [
  "seq",
  "at",
  "actor",
  "actor_user_id",
  "action",
  "kind",
  "request_id",
  "integration_id",
  "target_label",
  "target_user_id",
  "target_group_id",
  "target_app_id",
  "status",
  "error_code",
  "error_id",
  "detail",
  "prev_hash",
  "hash",
];

const str = (v: unknown) => (v === undefined || v === null ? "" : String(v));

export function exportAuditCsv({ ctx, input }: { ctx: WorkspaceCtx; input: AuditFilters }) {
  const day = new Date().toISOString().slice(0, 10);
  return {
    filename: `audit-${day}.csv`,
    stream: csvStream(
      AUDIT_CSV_COLUMNS,
      allPages(input, (page) => listAudit({ ctx, input: page })),
      (x: AuditItem) => [
        x.seq,
        x.at,
        x.actor.label,
        x.actor.userId,
        x.action,
        x.kind,
        x.requestId,
        x.integrationId,
        str(x.target?.label),
        str(x.target?.userId),
        str(x.target?.groupId),
        str(x.target?.appId),
        str(x.detail?.status),
        str(x.detail?.errorCode),
        str(x.detail?.errorId),
        x.detail,
        x.prevHash,
        x.hash,
      ],
    ),
  };
}
