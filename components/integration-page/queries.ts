// react-query keys and hooks of the integration page. The server pages seed the same keys (through
// HydrationBoundary), so the first render needs no request and a router.refresh() brings new data in.
import { useInfiniteQuery, useQuery, useQueryClient } from "@tanstack/react-query";
import type { RunChange } from "@/db/enums";
import { api } from "@/lib/api/client";
import type { EventKind } from "@/lib/integrations/event-kinds";
import { type Overview, overviewSchema, runHistorySchema, settingsSchema } from "@/lib/overview/contracts";
import { type CHANGE_RESOURCES, eventListSchema, type RunDetail, runChangeListSchema, runDetailSchema } from "@/lib/sync/contracts";

export interface EventFilters {
  level: "" | "info" | "warn" | "error";
  kind: EventKind | "";
  runId?: string;
}

export interface ChangeFilters {
  resource: (typeof CHANGE_RESOURCES)[number] | "";
  change: RunChange | "";
}

export const integrationKeys = {
  all: (id: string) => ["integration", id] as const,
  overview: (id: string) => ["integration", id, "overview"] as const,
  history: (id: string, limit: number) => ["integration", id, "history", limit] as const,
  run: (id: string, runId: string) => ["integration", id, "run", runId] as const,
  changes: (id: string, runId: string, f: ChangeFilters) =>
    ["integration", id, "changes", runId, { resource: f.resource, change: f.change }] as const,
  events: (id: string, f: EventFilters) => ["integration", id, "events", { level: f.level, kind: f.kind, runId: f.runId ?? "" }] as const,
  settings: (id: string) => ["integration", id, "settings"] as const,
  hygiene: (id: string) => ["integration", id, "hygiene"] as const,
};

export const HISTORY_PAGE = 20;
export const RECENT_RUNS = 5;
export const EVENTS_PAGE = 25;
export const CHANGES_PAGE = 50;

const isActive = (status: string | undefined) => status === "queued" || status === "running";

/** The overview: polled every few seconds while a run is active, else twice a minute. */
export function useOverview(id: string) {
  return useQuery({
    queryKey: integrationKeys.overview(id),
    queryFn: ({ signal }) => api(`/api/integrations/${id}/overview`, { schema: overviewSchema, signal }),
    refetchInterval: (q) => (q.state.data?.health.active ? 3_000 : 30_000),
  });
}

/** One run, polled every second while it is queued or running. When it ends, what depends on it is refreshed. */
export function useRun(id: string, runId: string | null | undefined) {
  const qc = useQueryClient();
  return useQuery({
    queryKey: integrationKeys.run(id, runId ?? ""),
    enabled: !!runId,
    queryFn: async ({ signal }) => {
      const before = qc.getQueryData<RunDetail>(integrationKeys.run(id, runId!));
      const run = await api(`/api/integrations/${id}/syncs/${runId}`, { schema: runDetailSchema, signal });
      if (before && isActive(before.status) && !isActive(run.status))
        void qc.invalidateQueries({ queryKey: integrationKeys.all(id), predicate: (q) => q.queryKey[2] !== "run" });
      return run;
    },
    refetchInterval: (q) => (!q.state.data || isActive(q.state.data.status) ? 1_000 : false),
    staleTime: 0,
  });
}

export type LiveStatus = "queued" | "running" | null;

/**
 * The one answer to "is a run queued or running" for every part of the page (header, status panel,
 * live progress): the active run as the per-second run poll sees it, else as the overview said. A run
 * the poll saw end is no longer active, even before the overview is re-read.
 */
export function useLiveRun(id: string) {
  const { data: overview } = useOverview(id);
  const active = overview?.health.active ?? null;
  const { data: run } = useRun(id, active?.id);
  const status: LiveStatus = !active
    ? null
    : run?.id === active.id
      ? isActive(run.status)
        ? (run.status as LiveStatus)
        : null
      : active.status === "queued"
        ? "queued"
        : "running";
  return { overview, active, run: run?.id === active?.id ? run : undefined, status };
}

export function useRunHistory(id: string, limit: number) {
  return useInfiniteQuery({
    queryKey: integrationKeys.history(id, limit),
    queryFn: ({ pageParam, signal }) =>
      api(`/api/integrations/${id}/overview/runs?limit=${limit}${pageParam ? `&cursor=${encodeURIComponent(pageParam)}` : ""}`, {
        schema: runHistorySchema,
        signal,
      }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    // A running run's row changes; keep the table current while one is active.
    refetchInterval: (q) => (q.state.data?.pages[0]?.items.some((r) => isActive(r.status)) ? 3_000 : false),
  });
}

export function eventsUrl(id: string, f: EventFilters, cursor: string | null, limit = EVENTS_PAGE) {
  const p = new URLSearchParams({ limit: String(limit) });
  if (f.level) p.set("level", f.level);
  if (f.kind) p.set("kind", f.kind);
  if (f.runId) p.set("runId", f.runId);
  if (cursor) p.set("cursor", cursor);
  return `/api/integrations/${id}/events?${p}`;
}

export function useEvents(id: string, f: EventFilters, live: boolean) {
  return useInfiniteQuery({
    queryKey: integrationKeys.events(id, f),
    queryFn: ({ pageParam, signal }) => api(eventsUrl(id, f, pageParam), { schema: eventListSchema, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (prev) => prev,
    refetchInterval: live ? 3_000 : false,
  });
}

export function changesUrl(id: string, runId: string, f: ChangeFilters, cursor: string | null) {
  const p = new URLSearchParams({ limit: String(CHANGES_PAGE) });
  if (f.resource) p.set("resource", f.resource);
  if (f.change) p.set("change", f.change);
  if (cursor) p.set("cursor", cursor);
  return `/api/integrations/${id}/syncs/${runId}/changes?${p}`;
}

/** A run's changes, a page at a time; re-read while the run is still writing them. */
export function useRunChanges(id: string, runId: string, f: ChangeFilters, live: boolean) {
  return useInfiniteQuery({
    queryKey: integrationKeys.changes(id, runId, f),
    queryFn: ({ pageParam, signal }) => api(changesUrl(id, runId, f, pageParam), { schema: runChangeListSchema, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    placeholderData: (prev) => prev,
    refetchInterval: live ? 3_000 : false,
  });
}

export function useSettings(id: string) {
  return useQuery({
    queryKey: integrationKeys.settings(id),
    queryFn: ({ signal }) => api(`/api/integrations/${id}/settings`, { schema: settingsSchema, signal }),
  });
}

export type { Overview };
