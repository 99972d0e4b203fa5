// An audit_log row as the API shows it (AuditItem).
import type { AuditRow } from "@/db/schema";
import type { AuditItem } from "./contracts";

export function toAuditItem(r: AuditRow): AuditItem {
  return {
    seq: r.seq,
    at: r.at,
    actor: { userId: r.actorUserId, label: r.actorLabel },
    action: r.action,
    kind: r.kind,
    requestId: r.requestId,
    integrationId: r.integrationId,
    target: (r.target ?? null) as Record<string, unknown> | null,
    detail: (r.detail ?? null) as Record<string, unknown> | null,
    prevHash: r.prevHash,
    hash: r.hash,
  };
}
