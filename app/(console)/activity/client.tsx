"use client";
import Link from "next/link";
import { useId, useMemo } from "react";
import { dayOfFrom, dayOfTo, fromDay, toDay } from "@/components/activity/date-range";
import { EventSentence } from "@/components/activity/event-sentence";
import { FilterInput } from "@/components/activity/filter-input";
import { OutcomeBadge, outcomeLabel } from "@/components/activity/outcome-badge";
import { ActivityIcon, ButtonLink, Card, Input, ListEmpty, Time } from "@/components/ui";
import { DataTable, DataTableFilter, DataTableToolbar, keysetPaging } from "@/components/ui/data-table";
import { useTimeZone } from "@/components/ui/time";
import { toSearch, useServerList } from "@/components/ui/use-server-list";
import { type ActivityItem, type ActivityPage, type ActivityPageFilters, activityPage, OUTCOMES } from "@/lib/activity/contracts";
import { eventLabel } from "@/lib/activity/event-types";
import { links } from "@/lib/links";

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
  initialFilters: ActivityPageFilters;
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

  // Nothing synced yet takes the whole card; once anything has, an empty table means the filters.
  const empty = (
    <ListEmpty
      filtered={!neverSynced}
      noMatch={{
        title: "No events match these filters",
        description: "Try another actor, target, event type, outcome or dates, or clear the filters.",
      }}
      none={{
        icon: <ActivityIcon size={20} />,
        title: "No activity synced yet",
        description: isAdmin
          ? "Connect your Okta org and run a sync. Sign-ins, MFA challenges and account changes from the System Log then appear here."
          : "Once an admin connects Okta and a sync has run, sign-ins and account changes from the System Log appear here.",
        action: isAdmin ? <ButtonLink href={links.integrations()}>Go to Integrations</ButtonLink> : undefined,
      }}
    />
  );
  if (neverSynced) return <Card>{empty}</Card>;

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
          placeholder="Actor: name, login or id"
          value={filters.actor}
          onChange={(actor) => set({ actor })}
          className="w-full sm:w-auto sm:min-w-52 sm:flex-1"
        />
        <FilterInput
          label="Target"
          placeholder="Target: name, login or id"
          value={filters.target}
          onChange={(target) => set({ target })}
          className="w-full sm:w-auto sm:min-w-52 sm:flex-1"
        />
        <DataTableFilter
          label="Event type"
          all="All event types"
          className="w-full sm:w-56"
          value={filters.eventType}
          onChange={(eventType) => set({ eventType })}
          options={options}
        />
        <DataTableFilter
          label="Outcome"
          all="All outcomes"
          className="w-full sm:w-40"
          value={filters.outcome}
          onChange={(outcome) => set({ outcome })}
          options={OUTCOMES.map((o) => [o, outcomeLabel(o)])}
        />
        <div className="flex flex-wrap items-center gap-3">
          <DayFilter label="From" value={dayOfFrom(filters.from, zone)} onChange={(d) => set({ from: fromDay(d, zone) })} />
          <DayFilter label="To" value={dayOfTo(filters.to, zone)} onChange={(d) => set({ to: toDay(d, zone) })} />
        </div>
        <ButtonLink href={`/api/activity.csv${toSearch(filters)}`} variant="secondary" prefetch={false} download className="sm:ml-auto">
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
          // On a phone the time and the actor move into "What happened", so the sentence is what shows first.
          {
            header: "Time",
            width: "hidden md:table-cell",
            className: "hidden text-xs whitespace-nowrap md:table-cell",
            cell: (e) => <Time value={e.published} format="stacked" />,
          },
          {
            header: "Actor",
            width: "hidden md:table-cell",
            className: "hidden max-w-52 md:table-cell",
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
            className: "min-w-56 max-w-md",
            cell: (e) => (
              <>
                <div className="mb-0.5 truncate text-xs text-slate-500 md:hidden">
                  <Time value={e.published} /> · {e.actor.displayName ?? e.actor.login ?? "—"}
                </div>
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
        empty={empty}
        paging={keysetPaging(query, ["event", "events"])}
      />
    </Card>
  );
}
