"use client";
import { ActivityIcon, Badge, ButtonLink, Card, EmptyState, SearchIcon, Time, type Tone } from "@/components/ui";
import { DataTable, DataTableFilter, DataTableSearch, DataTableToolbar } from "@/components/ui/data-table";
import { useServerList } from "@/components/ui/use-server-list";
import { type ActivityItem, type ActivityPage, activityPage, OUTCOMES } from "@/lib/activity/contracts";
import { formatCount } from "@/lib/format";
import { links } from "@/lib/links";

export type Filters = { outcome: string; eventType: string; q: string };

const OUTCOME_TONE: Record<string, Tone> = {
  SUCCESS: "success",
  ALLOW: "success",
  FAILURE: "danger",
  DENY: "danger",
  CHALLENGE: "warning",
  SKIPPED: "neutral",
  UNKNOWN: "neutral",
};
const label = (s: string) => s.charAt(0) + s.slice(1).toLowerCase();

export function ActivityClient({
  initialFilters,
  initialPage,
  eventTypes,
  isAdmin,
}: {
  initialFilters: Filters;
  initialPage: ActivityPage;
  eventTypes: { eventType: string; count: number }[];
  isAdmin: boolean;
}) {
  const list = useServerList<ActivityItem>({
    queryKey: (f) => ["activity", f],
    path: "/api/activity",
    schema: activityPage,
    initialFilters,
    initialPage,
    inUrl: true,
  });
  const { filters, set, items, query } = list;
  const neverSynced = !list.filtered && list.isInitial && initialPage.items.length === 0 && eventTypes.length === 0;

  if (neverSynced) {
    return (
      <Card>
        <EmptyState
          icon={<ActivityIcon size={20} />}
          title="No activity synced yet"
          description={
            isAdmin
              ? "Connect your Okta org and run a sync. Sign-ins, MFA challenges and account changes from the System Log then appear here."
              : "Once an admin connects Okta and a sync has run, sign-ins and account changes from the System Log appear here."
          }
          action={isAdmin ? <ButtonLink href={links.integrations()}>Go to Integrations</ButtonLink> : undefined}
        />
      </Card>
    );
  }

  return (
    <Card>
      <DataTableToolbar
        label="Filter activity"
        filtered={list.filtered}
        onClear={list.clear}
        busy={query.isFetching && !query.isFetchingNextPage}
      >
        <DataTableSearch label="Search by user" placeholder="Search by user name or login" value={list.search} onChange={list.setSearch} />
        <DataTableFilter
          label="Outcome"
          all="All outcomes"
          className="w-40"
          value={filters.outcome}
          onChange={(outcome) => set({ outcome })}
          options={OUTCOMES.map((o) => [o, label(o)])}
        />
        <DataTableFilter
          label="Event type"
          all="All event types"
          className="w-64"
          value={filters.eventType}
          onChange={(eventType) => set({ eventType })}
          options={eventTypes.map((t) => [t.eventType, `${t.eventType} (${formatCount(t.count)})`])}
        />
      </DataTableToolbar>
      <DataTable<ActivityItem>
        label="Activity events"
        rows={items}
        rowKey={(e) => `${e.integrationId}:${e.id}`}
        loading={query.isFetching}
        error={query.error}
        columns={[
          // Two lines (time, then date) keep the table narrow enough for seven facts per event.
          { header: "Time", className: "text-xs whitespace-nowrap", cell: (e) => <Time value={e.published} format="stacked" /> },
          {
            header: "User",
            className: "max-w-52",
            cell: (e) => (
              <>
                <div className="truncate font-medium text-slate-900" title={e.actor.displayName ?? undefined}>
                  {e.actor.displayName ?? "—"}
                </div>
                {e.actor.login && (
                  <div className="truncate text-xs text-slate-500" title={e.actor.login}>
                    {e.actor.login}
                  </div>
                )}
              </>
            ),
          },
          {
            header: "Event",
            className: "max-w-80",
            cell: (e) => (
              <>
                <div className="truncate text-slate-800" title={e.displayMessage ?? undefined}>
                  {e.displayMessage ?? e.eventType}
                  {e.app.name && <span className="text-slate-500"> · {e.app.name}</span>}
                </div>
                <div className="truncate font-mono text-xs text-slate-500" title={e.eventType}>
                  {e.eventType}
                </div>
              </>
            ),
          },
          {
            header: "Outcome",
            cell: (e) => (
              <>
                {e.outcome ? (
                  <span title={e.outcomeReason ?? undefined}>
                    <Badge tone={OUTCOME_TONE[e.outcome] ?? "neutral"}>{label(e.outcome)}</Badge>
                  </span>
                ) : (
                  <span className="text-slate-500">—</span>
                )}
                {e.outcomeReason && e.outcome !== "SUCCESS" && (
                  <div className="mt-0.5 max-w-40 truncate text-xs text-slate-500">{e.outcomeReason}</div>
                )}
              </>
            ),
          },
          {
            header: "IP and location",
            className: "max-w-44",
            cell: (e) => (
              <>
                <div className="font-mono text-xs text-slate-700">{e.clientIp ?? <span className="text-slate-500">—</span>}</div>
                {e.location && (
                  <div className="truncate text-xs text-slate-500" title={e.location}>
                    {e.location}
                  </div>
                )}
              </>
            ),
          },
        ]}
        empty={
          <EmptyState
            icon={<SearchIcon size={20} />}
            title="No events match these filters"
            description="Try another outcome or event type, or clear the search."
          />
        }
        paging={{
          noun: ["event", "events"],
          hasMore: !!query.hasNextPage,
          loading: query.isFetchingNextPage,
          onMore: () => query.fetchNextPage(),
        }}
      />
    </Card>
  );
}
