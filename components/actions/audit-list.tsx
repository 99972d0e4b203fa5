"use client";
// Audit entries as a table: when, who, what (the audit action and the action kind), about what, the
// gist of the entry (the reason, a comment, Okta's status and error identifiers, a skip's reason), the
// request it belongs to, and the whole entry (with its hashes) on demand. Used by the Audit page and the
// History of a person, group and app.
import Link from "next/link";
import { Time } from "@/components/ui";
import { type Column, DataTable, type KeysetPaging } from "@/components/ui/data-table";
import { ACTION_KIND_INFO } from "@/lib/actions/kinds";
import type { AuditItem } from "@/lib/audit/contracts";
import { links } from "@/lib/links";
import { AuditAction } from "./labels";

const str = (v: unknown) => (typeof v === "string" && v ? v : null);

/** The gist of an entry's detail, in a line. */
export function auditGist(e: AuditItem): string | null {
  const d = e.detail ?? {};
  switch (e.action) {
    case "request.created":
      return [str(d.summary), str(d.reason) && `Reason: ${d.reason}`].filter(Boolean).join(" — ") || null;
    case "request.approved":
    case "request.denied":
      return str(d.comment);
    case "request.previewed":
    case "request.queued":
      return str(d.summary) ?? str(d.why);
    case "action.attempt":
      return [str(d.method), str(d.path)].filter(Boolean).join(" ") || null;
    case "action.okta_response":
    case "action.failed":
    case "action.succeeded": {
      const status = d.oktaStatus ?? d.status;
      const parts = [
        typeof status === "number" ? `HTTP ${status}` : null,
        str(d.errorCode),
        str(d.errorSummary),
        str(d.errorId) && `errorId ${d.errorId}`,
      ];
      return parts.filter(Boolean).join(" · ") || null;
    }
    case "action.skipped":
      return str(d.reason) ?? str(d.errorSummary);
    case "request.expired":
      return "Nobody decided in time.";
    case "approval_policy.changed": {
      const policies = (d.policies ?? {}) as Record<string, { from?: string; to?: string }>;
      const parts = Object.entries(policies).map(([k, c]) => `${k}: ${c.from} → ${c.to}`);
      const hours = d.expiryHours as { from?: number | null; to?: number | null } | undefined;
      if (hours) parts.push(`expiry: ${hours.from ?? "default"} → ${hours.to ?? "default"} h`);
      return parts.join("; ") || null;
    }
    default:
      return null;
  }
}

/** What the entry is about, when it names it (decisions are about the request as a whole). */
const targetLabel = (e: AuditItem) => {
  const t = e.target ?? {};
  if (typeof t.label === "string" && t.label) return t.label;
  if (typeof t.count === "number") return `${t.count} targets`;
  return str(t.userId) ?? str(t.groupId) ?? str(t.appId);
};

export function AuditList({
  label,
  items,
  loading,
  error,
  paging,
  empty,
  linkRequests = true,
}: {
  label: string;
  items: AuditItem[];
  loading: boolean;
  error: Error | null;
  paging?: KeysetPaging;
  empty: React.ReactNode;
  /** Link each entry to its request (not on the request's own page). */
  linkRequests?: boolean;
}) {
  const columns: Column<AuditItem>[] = [
    { header: "When", className: "whitespace-nowrap align-top", cell: (e) => <Time value={e.at} /> },
    {
      header: "Who",
      className: "max-w-48 truncate align-top text-slate-700",
      cell: (e) => <span title={e.actor.label}>{e.actor.label}</span>,
    },
    {
      header: "What",
      className: "align-top",
      cell: (e) => (
        <div className="space-y-1">
          <AuditAction action={e.action} />
          {e.kind && (
            <div className="text-xs text-slate-600">{ACTION_KIND_INFO[e.kind as keyof typeof ACTION_KIND_INFO]?.label ?? e.kind}</div>
          )}
        </div>
      ),
    },
    {
      header: "Details",
      className: "min-w-64 max-w-md align-top",
      cell: (e) => {
        const gist = auditGist(e);
        const about = targetLabel(e);
        return (
          <div className="min-w-0 text-sm">
            {about && (
              <div className="truncate font-medium text-slate-900" title={about}>
                {about}
              </div>
            )}
            {gist && <div className="line-clamp-2 text-slate-600">{gist}</div>}
            <div className="mt-0.5 flex flex-wrap gap-x-3 text-xs">
              {e.requestId && linkRequests && (
                <Link href={links.approval(e.requestId)} className="font-medium text-brand-700 hover:underline">
                  Request
                </Link>
              )}
              <details className="text-slate-500">
                <summary className="cursor-pointer hover:text-slate-700">Entry #{e.seq}</summary>
                <pre className="mt-1 max-h-64 max-w-md overflow-auto rounded bg-slate-900 p-2 text-[11px] leading-relaxed text-slate-100 dark:bg-slate-50 dark:text-slate-800">
                  {JSON.stringify({ target: e.target, detail: e.detail, prevHash: e.prevHash, hash: e.hash }, null, 2)}
                </pre>
              </details>
            </div>
          </div>
        );
      },
    },
  ];
  return (
    <DataTable<AuditItem>
      label={label}
      rows={items}
      rowKey={(e) => e.seq}
      loading={loading}
      error={error}
      columns={columns}
      empty={empty}
      paging={paging}
    />
  );
}
