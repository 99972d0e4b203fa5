"use client";
import Link from "next/link";
import { useId, useMemo } from "react";
import { dayOfFrom, dayOfTo, fromDay, toDay } from "@/components/activity/date-range";
import { EventSentence } from "@/components/activity/event-sentence";
import { FilterInput } from "@/components/activity/filter-input";
import { OutcomeBadge, outcomeLabel } from "@/components/activity/outcome-badge";
import { ActivityIcon, ButtonLink, Card, EmptyState, Input, SearchIcon, Time } from "@/components/ui";
import { DataTable, DataTableFilter, DataTableToolbar } from "@/components/ui/data-table";
import { useTimeZone } from "@/components/ui/time";
import { toSearch, useServerList } from "@/components/ui/use-server-list";
import { type ActivityItem, type ActivityPage, activityPage, OUTCOMES } from "@/lib/activity/contracts";
import { eventLabel } from "@/lib/activity/event-types";
import { links } from "@/lib/links";

/** The list's filters, in the order the URL shows them (lib/links.ts writes links the same way). */
export const FILTER_NAMES = ["actor", "target", "eventType", "outcome", "from", "to"] as const;
export type Filters = Record<(typeof FILTER_NAMES)[number], string>;

/** The event-type picker's options: the catalogue's label, and the type where two share a label. */
function typeOptions(types: string[]): [string, string][] {
  const labelled = types.map((t) => [t, eventLabel(t)] as [string, string]);
  const seen = new Map<string, number>();
  for (const [, l] of labelled) seen.set(l, (seen.get(l) ?? 0) + 1);
  return labelled
    .map(([t, l]): [string, string] => [t, (seen.get(l) ?? 0) > 1 ? `${l} (${t})` : l])
    .sort((a, b) => a[1].localeCompare(b[1]));
}

function DayFilter({ label, value, onChange }: { label: string; value: string; onChange: (day: string) => void }) {
  const id = useId();
  return (
    <div className="flex items-center gap-1.5">
      <label htmlFor={id} className="text-sm text-slate-600">
        {label}
      </label>
      <Input id={id} type="date" value={value} onChange={(e) => onChange(e.target.value)} className="w-40" />
    </div>
  );
}

export function ActivityClient({
  initialFilters,
  initialPage,
  eventTypes,
  isAdmin,
}: {
  initialFilters: Filters;
  initialPage: ActivityPage;
  eventTypes: string[];
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
  const zone = useTimeZone();
  const options = useMemo(() => typeOptions(eventTypes), [eventTypes]);
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
        <FilterInput
          label="Actor"
          placeholder="Actor: name, login or Okta id"
          value={filters.actor}
          onChange={(actor) => set({ actor })}
          className="min-w-52 flex-1"
        />
        <FilterInput
          label="Target"
          placeholder="Target: exact name, login or id"
          value={filters.target}
          onChange={(target) => set({ target })}
          className="min-w-52 flex-1"
        />
        <DataTableFilter
          label="Event type"
          all="All event types"
          className="w-56"
          value={filters.eventType}
          onChange={(eventType) => set({ eventType })}
          options={options}
        />
        <DataTableFilter
          label="Outcome"
          all="All outcomes"
          className="w-36"
          value={filters.outcome}
          onChange={(outcome) => set({ outcome })}
          options={OUTCOMES.map((o) => [o, outcomeLabel(o)])}
        />
        <DayFilter label="From" value={dayOfFrom(filters.from, zone)} onChange={(d) => set({ from: fromDay(d, zone) })} />
        <DayFilter label="To" value={dayOfTo(filters.to, zone)} onChange={(d) => set({ to: toDay(d, zone) })} />
        <ButtonLink href={`/api/activity.csv${toSearch(filters)}`} variant="secondary" prefetch={false} download>
          Export CSV
        </ButtonLink>
      </DataTableToolbar>
      <DataTable<ActivityItem>
        label="Activity events"
        rows={items}
        rowKey={(e) => `${e.integrationId}:${e.id}`}
        rowHref={(e) => links.activityEvent(e.id, e.integrationId)}
        loading={query.isFetching}
        error={query.error}
        columns={[
          // Two lines (time, then date) keep the table narrow enough for the sentence.
          { header: "Time", className: "text-xs whitespace-nowrap", cell: (e) => <Time value={e.published} format="stacked" /> },
          {
            header: "Actor",
            className: "max-w-52",
            cell: (e) => (
              <>
                <div className="truncate font-medium text-slate-900" title={e.actor.displayName ?? undefined}>
                  {e.actor.displayName ?? e.actor.login ?? "—"}
                </div>
                {e.actor.login && e.actor.login !== e.actor.displayName && (
                  <div className="truncate text-xs text-slate-500" title={e.actor.login}>
                    {e.actor.login}
                  </div>
                )}
              </>
            ),
          },
          {
            header: "What happened",
            className: "min-w-64 max-w-md",
            cell: (e) => (
              <>
                <Link
                  href={links.activityEvent(e.id, e.integrationId)}
                  className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                  title={e.eventType}
                >
                  {e.action}
                </Link>
                {e.summary && (
                  <div className="line-clamp-2 text-sm text-slate-600">
                    <EventSentence event={e} />
                  </div>
                )}
              </>
            ),
          },
          {
            header: "Outcome",
            cell: (e) => (
              <>
                <OutcomeBadge outcome={e.outcome} reason={e.outcomeReason} />
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
            description="Try another actor, target, event type, outcome or dates, or clear the filters."
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
