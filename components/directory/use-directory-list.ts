"use client";
// State of a directory list page: filters (kept in the URL so a view can be shared or linked to),
// a debounced search, and the keyset pages from the API through react-query.
import { useInfiniteQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import type { ZodType } from "zod";
import { api } from "@/lib/api/client";
import { defaultOrder, type Order } from "@/lib/directory/contracts";

export type Filters = Record<string, string>;
type Kind = "users" | "groups" | "apps";

export const directoryKeys = {
  all: ["directory"] as const,
  list: (kind: Kind, filters: Filters) => ["directory", kind, "list", filters] as const,
  detail: (kind: Kind, integrationId: string, id: string) => ["directory", kind, integrationId, id] as const,
  people: (kind: "groups" | "apps", integrationId: string, id: string, filters: Filters) =>
    ["directory", kind, integrationId, id, "people", filters] as const,
};

/** `?a=1&b=2` of the non-empty filters (and the cursor). */
export function toSearch(filters: Filters, cursor?: string | null) {
  const p = new URLSearchParams();
  for (const [k, v] of Object.entries(filters)) if (v) p.set(k, v);
  if (cursor) p.set("cursor", cursor);
  const s = p.toString();
  return s ? `?${s}` : "";
}

export function useDebounced<T>(value: T, ms: number) {
  const [v, setV] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setV(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return v;
}

/** Cursor pages of `url` for `filters`, seeded with the page the server rendered. */
export function usePages<T>(opts: {
  key: readonly unknown[];
  url: (cursor: string | null) => string;
  schema: ZodType<{ items: T[]; nextCursor: string | null }>;
  initial?: { items: T[]; nextCursor: string | null };
}) {
  const query = useInfiniteQuery({
    queryKey: opts.key,
    queryFn: ({ pageParam, signal }) => api(opts.url(pageParam), { schema: opts.schema, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.nextCursor,
    initialData: opts.initial ? { pages: [opts.initial], pageParams: [null] } : undefined,
    placeholderData: (prev) => prev,
  });
  return { query, items: query.data?.pages.flatMap((p) => p.items) ?? [] };
}

export function useDirectoryList<T>(opts: {
  kind: Kind;
  initialFilters: Filters;
  initialPage: { items: T[]; nextCursor: string | null };
  schema: ZodType<{ items: T[]; nextCursor: string | null }>;
  defaultSort: string;
}) {
  const [filters, setFilters] = useState<Filters>(opts.initialFilters);
  const [search, setSearch] = useState(opts.initialFilters.q ?? "");
  const q = useDebounced(search.trim(), 300);
  const effective: Filters = { ...filters, q };
  const isInitial = JSON.stringify(effective) === JSON.stringify({ ...opts.initialFilters, q: opts.initialFilters.q ?? "" });

  useEffect(() => {
    window.history.replaceState(null, "", `${window.location.pathname}${toSearch(effective)}`);
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [JSON.stringify(effective)]);

  const { query, items } = usePages<T>({
    key: directoryKeys.list(opts.kind, effective),
    url: (cursor) => `/api/directory/${opts.kind}${toSearch(effective, cursor)}`,
    schema: opts.schema,
    initial: isInitial ? opts.initialPage : undefined,
  });

  const sort = filters.sort || opts.defaultSort;
  const order: Order = (filters.order as Order) || defaultOrder(sort);
  const { sort: _s, order: _o, ...narrowing } = effective;
  return {
    filters: effective,
    search,
    setSearch,
    set: (key: string, value: string) => setFilters((f) => ({ ...f, [key]: value })),
    clear: () => {
      setFilters((f) => Object.fromEntries(Object.keys(f).map((k) => [k, k === "sort" || k === "order" ? f[k] : ""])));
      setSearch("");
    },
    /** Click on a column: sort by it, or flip the order when it already is. */
    sortBy: (key: string) =>
      setFilters((f) => (sort === key ? { ...f, sort: key, order: order === "asc" ? "desc" : "asc" } : { ...f, sort: key, order: "" })),
    sort,
    order,
    filtered: Object.values(narrowing).some(Boolean),
    exportHref: `/api/directory/${opts.kind}.csv${toSearch(effective)}`,
    query,
    items,
  };
}
