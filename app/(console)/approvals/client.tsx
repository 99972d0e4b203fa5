"use client";
// The Approvals page: requests waiting for approval first (refreshing themselves), then every request
// of the workspace with its status, filtered by status, kind or the caller's own, a keyset page at a
// time.
import { useQuery } from "@tanstack/react-query";
import { REQUEST_STATUS } from "@/components/actions/labels";
import { PENDING_POLL_MS } from "@/components/actions/queries";
import { RequestsTable } from "@/components/actions/requests-table";
import { ApprovalsIcon, Card, CardHeader, Checkbox, ListEmpty } from "@/components/ui";
import { DataTableFilter, DataTableToolbar, keysetPaging } from "@/components/ui/data-table";
import { useServerList } from "@/components/ui/use-server-list";
import { ACTION_KINDS, ACTION_STATUSES } from "@/db/enums";
import { type ActionPage, type ActionRequestView, actionPage } from "@/lib/actions/contracts";
import { ACTION_KIND_INFO } from "@/lib/actions/kinds";
import { api } from "@/lib/api/client";
import { plural } from "@/lib/format";

export function ApprovalsClient({
  initialFilters,
  initialPage,
  pending: initialPending,
}: {
  initialFilters: Record<string, string>;
  initialPage: ActionPage;
  pending: ActionPage;
}) {
  const pending = useQuery({
    queryKey: ["actions", "list", { status: "pending_approval", limit: "100" }],
    queryFn: ({ signal }) => api("/api/actions?status=pending_approval&limit=100", { schema: actionPage, signal }),
    initialData: initialPending,
    refetchInterval: PENDING_POLL_MS,
  });
  const list = useServerList<ActionRequestView>({
    queryKey: (f) => ["actions", "list", f],
    path: "/api/actions",
    schema: actionPage,
    initialFilters,
    initialPage,
    inUrl: true,
  });
  const { filters, set, items, query } = list;
  const waiting = pending.data.items;
  return (
    <div className="space-y-6">
      <Card data-testid="pending-requests">
        <CardHeader
          title="Waiting for approval"
          description={
            waiting.length
              ? `${plural(waiting.length, "request")}, the one that expires soonest first. A request not decided in time expires.`
              : undefined
          }
        />
        <RequestsTable
          label="Requests waiting for approval"
          rows={[...waiting].sort((a, b) => (a.expiresAt?.getTime() ?? 0) - (b.expiresAt?.getTime() ?? 0))}
          loading={false}
          error={pending.error}
          empty={<p className="px-5 pb-5 text-sm text-slate-500">Nothing waits for approval.</p>}
        />
      </Card>

      <Card data-testid="all-requests">
        <CardHeader title="All requests" description="Newest first." />
        <DataTableToolbar
          label="Filter requests"
          filtered={list.filtered}
          onClear={list.clear}
          busy={query.isFetching && !query.isFetchingNextPage}
        >
          <DataTableFilter
            label="Status"
            all="Any status"
            className="w-full sm:w-52"
            value={filters.status}
            onChange={(status) => set({ status })}
            options={ACTION_STATUSES.map((s) => [s, REQUEST_STATUS[s].label])}
          />
          <DataTableFilter
            label="Action"
            all="Any action"
            className="w-full sm:w-56"
            value={filters.kind}
            onChange={(kind) => set({ kind })}
            options={ACTION_KINDS.map((k) => [k, ACTION_KIND_INFO[k].label])}
          />
          <div className="flex items-center gap-2">
            <Checkbox id="mine-only" checked={filters.mine === "true"} onCheckedChange={(v) => set({ mine: v === true ? "true" : "" })} />
            <label className="text-sm text-slate-700" htmlFor="mine-only">
              Only my requests
            </label>
          </div>
        </DataTableToolbar>
        <RequestsTable
          label="All requests"
          rows={items}
          loading={query.isFetching}
          error={query.error}
          empty={
            <ListEmpty
              filtered={list.filtered}
              noMatch={{ title: "No requests match", description: "Try another status or action, or clear the filters." }}
              none={{
                icon: <ApprovalsIcon size={20} />,
                title: "No actions requested yet",
                description:
                  "Suspend a person, reset a password or change a group from a person's, group's or app's page in the Directory; each request shows here.",
              }}
            />
          }
          paging={keysetPaging(query, ["request", "requests"])}
        />
      </Card>
    </div>
  );
}
