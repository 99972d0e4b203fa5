"use client";
import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import {
  ActivityIcon,
  Alert,
  Badge,
  Button,
  ButtonLink,
  Card,
  EmptyState,
  Input,
  SearchIcon,
  Select,
  Spinner,
  Table,
  TBody,
  TD,
  TH,
  THead,
  type Tone,
  TR,
} from "@/components/ui";
import { type ActivityItem, type ActivityPage, activityPage, OUTCOMES } from "@/lib/activity/schemas";
import { api } from "@/lib/api/client";
import { links } from "@/lib/links";

export interface Filters {
  outcome: string;
  eventType: string;
  q: string;
}

const activityKey = (f: Filters) => ["activity", f] as const;
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

function useDebounced<T>(value: T, ms: number) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

function toParams(f: Filters, cursor?: string | null) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(f)) if (v) p.set(k, v);
  if (cursor) p.set("cursor", cursor);
  return p;
}

// Two lines (time, then date) keep the table narrow enough for seven facts per event.
const timeFmt = new Intl.DateTimeFormat("en-GB", { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone: "UTC" });
const dateFmt = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });
function Stamp({ value }: { value: Date }) {
  return (
    <time dateTime={value.toISOString()} title={value.toISOString()} className="tabular-nums">
      <span className="block text-slate-800">
        {timeFmt.format(value)} <span className="text-slate-400">UTC</span>
      </span>
      <span className="block text-slate-500">{dateFmt.format(value)}</span>
    </time>
  );
}

function Row({ e }: { e: ActivityItem }) {
  return (
    <TR>
      <TD className="text-xs whitespace-nowrap">
        <Stamp value={e.published} />
      </TD>
      <TD className="max-w-52">
        <div className="truncate font-medium text-slate-900" title={e.actor.displayName ?? undefined}>
          {e.actor.displayName ?? "—"}
        </div>
        {e.actor.login && (
          <div className="truncate text-xs text-slate-500" title={e.actor.login}>
            {e.actor.login}
          </div>
        )}
      </TD>
      <TD className="max-w-80">
        <div className="truncate text-slate-800" title={e.displayMessage ?? undefined}>
          {e.displayMessage ?? e.eventType}
          {e.app.name && <span className="text-slate-500"> · {e.app.name}</span>}
        </div>
        <div className="truncate font-mono text-xs text-slate-500" title={e.eventType}>
          {e.eventType}
        </div>
      </TD>
      <TD>
        {e.outcome ? (
          <span title={e.outcomeReason ?? undefined}>
            <Badge tone={OUTCOME_TONE[e.outcome] ?? "neutral"}>{label(e.outcome)}</Badge>
          </span>
        ) : (
          <span className="text-slate-400">—</span>
        )}
        {e.outcomeReason && e.outcome !== "SUCCESS" && (
          <div className="mt-0.5 max-w-40 truncate text-xs text-slate-500">{e.outcomeReason}</div>
        )}
      </TD>
      <TD className="max-w-44">
        <div className="font-mono text-xs text-slate-700">{e.clientIp ?? <span className="text-slate-400">—</span>}</div>
        {e.location && (
          <div className="truncate text-xs text-slate-500" title={e.location}>
            {e.location}
          </div>
        )}
      </TD>
    </TR>
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
  eventTypes: { eventType: string; count: number }[];
  isAdmin: boolean;
}) {
  const [outcome, setOutcome] = useState(initialFilters.outcome);
  const [eventType, setEventType] = useState(initialFilters.eventType);
  const [search, setSearch] = useState(initialFilters.q);
  const q = useDebounced(search.trim(), 300);
  const filters: Filters = { outcome, eventType, q };
  const isInitial = outcome === initialFilters.outcome && eventType === initialFilters.eventType && q === initialFilters.q;
  const filtered = !!(outcome || eventType || q);

  // Keep the URL in step without a server round trip, so the view can be shared or reloaded.
  useEffect(() => {
    const qs = toParams({ outcome, eventType, q }).toString();
    window.history.replaceState(null, "", qs ? `?${qs}` : window.location.pathname);
  }, [outcome, eventType, q]);

  const query = useInfiniteQuery({
    queryKey: activityKey(filters),
    queryFn: ({ pageParam, signal }) => api(`/api/activity?${toParams(filters, pageParam)}`, { schema: activityPage, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: isInitial ? { pages: [initialPage], pageParams: [null] } : undefined,
    placeholderData: (prev) => prev,
  });
  const items = query.data?.pages.flatMap((p) => p.items) ?? [];
  const neverSynced = !filtered && isInitial && initialPage.items.length === 0 && eventTypes.length === 0;

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
      <form
        role="search"
        className="flex flex-wrap items-end gap-3 border-b border-slate-200 px-4 py-3"
        onSubmit={(e) => e.preventDefault()}
      >
        <label className="relative min-w-56 flex-1">
          <span className="sr-only">Search by user</span>
          <SearchIcon size={16} className="pointer-events-none absolute top-2.5 left-3 text-slate-400" />
          <Input
            type="search"
            placeholder="Search by user name or login"
            value={search}
            onChange={(e) => setSearch(e.target.value)}
            className="pl-9"
          />
        </label>
        <label>
          <span className="sr-only">Outcome</span>
          <Select value={outcome} onChange={(e) => setOutcome(e.target.value)} className="w-40">
            <option value="">All outcomes</option>
            {OUTCOMES.map((o) => (
              <option key={o} value={o}>
                {label(o)}
              </option>
            ))}
          </Select>
        </label>
        <label>
          <span className="sr-only">Event type</span>
          <Select value={eventType} onChange={(e) => setEventType(e.target.value)} className="w-64">
            <option value="">All event types</option>
            {eventType && !eventTypes.some((t) => t.eventType === eventType) && <option value={eventType}>{eventType}</option>}
            {eventTypes.map((t) => (
              <option key={t.eventType} value={t.eventType}>
                {t.eventType} ({t.count.toLocaleString("en-US")})
              </option>
            ))}
          </Select>
        </label>
        {filtered && (
          <Button
            variant="ghost"
            onClick={() => {
              setOutcome("");
              setEventType("");
              setSearch("");
            }}
          >
            Clear filters
          </Button>
        )}
        {query.isFetching && !query.isFetchingNextPage && <Spinner label="Updating results" />}
      </form>
      {query.isError && (
        <div className="px-4 pt-4">
          <Alert tone="danger">{query.error.message}</Alert>
        </div>
      )}
      {items.length === 0 && !query.isFetching ? (
        <EmptyState
          icon={<SearchIcon size={20} />}
          title="No events match these filters"
          description="Try another outcome or event type, or clear the search."
        />
      ) : (
        <Table label="Activity events">
          <THead>
            <TH>Time</TH>
            <TH>User</TH>
            <TH>Event</TH>
            <TH>Outcome</TH>
            <TH>IP and location</TH>
          </THead>
          <TBody>
            {items.map((e) => (
              <Row key={`${e.integrationId}:${e.id}`} e={e} />
            ))}
          </TBody>
        </Table>
      )}
      <div className="flex items-center justify-between border-t border-slate-200 px-4 py-3 text-sm text-slate-500">
        <span>
          Showing {items.length.toLocaleString("en-US")} {items.length === 1 ? "event" : "events"}
        </span>
        {query.hasNextPage && (
          <Button variant="secondary" size="sm" loading={query.isFetchingNextPage} onClick={() => query.fetchNextPage()}>
            Load more
          </Button>
        )}
      </div>
    </Card>
  );
}
