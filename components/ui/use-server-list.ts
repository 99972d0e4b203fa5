"use client";
// State of a list the server sorts, filters and pages: the filters (mirrored in the URL when the
// list is a page of its own, so a view can be shared or linked to), a debounced search box, and the
// keyset pages from the API through react-query, seeded with the page the server rendered.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { ZodType } from "zod";
import { api } from "@/lib/api/client";

export type Filters = Record<string, string>;
export interface KeysetPage<T> {
  items: T[];
  nextCursor: string | null;
}

/** `?a=1&b=2` of the non-empty filters (and the cursor); empty values mean "not set". */
export function toSearch(filters: Filters, cursor?: string | null) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) p.set(k, v);
  if (cursor) p.set("cursor", cursor);
  const s = p.toString();
  return s ? `?${s}` : "";
}

function useDebounced<T>(value: T, ms: number) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

// Sorting orders the list without narrowing it: "Clear filters" keeps it, and it is not a filter.
const ORDERING = new Set(["sort", "order"]);

export function useServerList<T>(opts: {
  /** The react-query key of the list for these filters. */
  queryKey: (filters: Filters) => readonly unknown[];
  /** The API path; the filters and the cursor go in its query string. */
  path: string;
  schema: ZodType<KeysetPage<T>>;
  /** Every filter the list knows, "" when not set; `q` is the search box. */
  initialFilters: Filters;
  /** The first page for `initialFilters`, rendered by the server. */
  initialPage?: KeysetPage<T>;
  /** Mirror the filters in the page's URL (a list that is a page of its own). */
  inUrl?: boolean;
}) {
  const [filters, setFilters] = useState<Filters>(opts.initialFilters);
  const [search, setSearch] = useState(opts.initialFilters.q ?? "");
  const q = useDebounced(search.trim(), 300);
  const effective: Filters = { ...filters, q };
  const qs = toSearch(effective);
  const isInitial = qs === toSearch(opts.initialFilters);

  const inUrl = !!opts.inUrl;
  useEffect(() => {
    if (inUrl) window.history.replaceState(null, "", `${window.location.pathname}${qs}`);
  }, [inUrl, qs]);

  const query = useInfiniteQuery({
    queryKey: opts.queryKey(effective),
    queryFn: ({ pageParam, signal }) => api(`${opts.path}${toSearch(effective, pageParam)}`, { schema: opts.schema, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: isInitial && opts.initialPage ? { pages: [opts.initialPage], pageParams: [null] } : undefined,
    placeholderData: (prev) => prev,
  });

  return {
    /** The filters in effect, with the debounced search as `q`. */
    filters: effective,
    search,
    setSearch,
    set: (patch: Filters) => setFilters((f) => ({ ...f, ...patch })),
    clear: () => {
      setFilters((f) => Object.fromEntries(Object.entries(f).map(([k, v]) => [k, ORDERING.has(k) ? v : ""])));
      setSearch("");
    },
    filtered: Object.entries(effective).some(([k, v]) => v && !ORDERING.has(k)),
    isInitial,
    query,
    items: query.data?.pages.flatMap((p) => p.items) ?? [],
  };
}
