"use client";
// Action requests as a table: what (the kind and its target, or a batch's size), who asked and why,
// when, and where it stands (with approvals so far while it waits). A row opens the request's page.
import Link from "next/link";
import { useConsoleUser } from "@/components/shell/console-user";
import { Badge, Time } from "@/components/ui";
import { DataTable, type KeysetPaging } from "@/components/ui/data-table";
import type { ActionRequestView } from "@/lib/actions/contracts";
import { plural } from "@/lib/format";
import { links } from "@/lib/links";
import { RequestStatus } from "./labels";

export function targetSummary(r: Pick<ActionRequestView, "target" | "targetCount">) {
  if (!r.target) return "—";
  return r.targetCount > 1 ? `${r.target.label} and ${plural(r.targetCount - 1, "other")}` : r.target.label;
}

export function RequestsTable({
  label,
  rows,
  loading,
  error,
  empty,
  paging,
}: {
  label: string;
  rows: ActionRequestView[];
  loading: boolean;
  error: Error | null;
  empty: React.ReactNode;
  paging?: KeysetPaging;
}) {
  const me = useConsoleUser();
  return (
    <DataTable<ActionRequestView>
      label={label}
      rows={rows}
      rowKey={(r) => r.id}
      rowHref={(r) => links.approval(r.id)}
      loading={loading}
      error={error}
      empty={empty}
      paging={paging}
      columns={[
        {
          header: "Action",
          className: "min-w-56 max-w-md",
          cell: (r) => (
            <>
              <Link href={links.approval(r.id)} className="font-medium text-slate-900 hover:text-brand-700 hover:underline">
                {r.label}
              </Link>
              <div className="truncate text-sm text-slate-600" title={targetSummary(r)}>
                {targetSummary(r)}
              </div>
            </>
          ),
        },
        {
          header: "Requested by",
          className: "max-w-52",
          cell: (r) => (
            <>
              <div className="flex items-center gap-1.5">
                <span className="truncate text-slate-800" title={r.requestedBy.label}>
                  {r.requestedBy.label}
                </span>
                {r.requestedBy.id === me.id && <Badge tone="brand">You</Badge>}
              </div>
              <div className="line-clamp-1 text-xs text-slate-500" title={r.reason}>
                {r.reason}
              </div>
            </>
          ),
        },
        {
          header: "Requested",
          className: "whitespace-nowrap text-slate-700",
          cell: (r) => <Time value={r.createdAt} format="relative" />,
        },
        {
          header: "Status",
          cell: (r) => (
            <>
              <RequestStatus status={r.status} />
              {r.status === "pending_approval" && (
                <div className="mt-0.5 text-xs text-slate-500">
                  {r.approvals} of {plural(r.requiredApprovals, "approval")}
                </div>
              )}
              {r.targetCount > 1 && r.status !== "pending_approval" && (
                <div className="mt-0.5 text-xs text-slate-500">
                  {r.targetCounts.succeeded} of {r.targetCount} succeeded
                </div>
              )}
            </>
          ),
        },
      ]}
    />
  );
}
