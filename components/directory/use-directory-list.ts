"use client";
// A directory list page (people, groups or apps): its filters live in the URL, the server sorts by
// the column asked for, and the CSV export takes the same filters.
import type { ZodType } from "zod";
import type { ServerSort } from "@/components/ui/data-table";
import { type Filters, type KeysetPage, toSearch, useServerList } from "@/components/ui/use-server-list";
import { defaultOrder, type Order } from "@/lib/directory/contracts";

type Kind = "users" | "groups" | "apps";

export const directoryKeys = {
  list: (kind: Kind, filters: Filters) => ["directory", kind, "list", filters] as const,
  detail: (kind: Kind, integrationId: string, id: string) => ["directory", kind, integrationId, id] as const,
  people: (kind: "groups" | "apps", integrationId: string, id: string, filters: Filters) =>
    ["directory", kind, integrationId, id, "people", filters] as const,
};

export function useDirectoryList<T>(opts: {
  kind: Kind;
  initialFilters: Filters;
  initialPage: KeysetPage<T>;
  schema: ZodType<KeysetPage<T>>;
  defaultSort: string;
}) {
  const list = useServerList<T>({
    queryKey: (f) => directoryKeys.list(opts.kind, f),
    path: `/api/directory/${opts.kind}`,
    schema: opts.schema,
    initialFilters: opts.initialFilters,
    initialPage: opts.initialPage,
    inUrl: true,
  });
  const sort = list.filters.sort || opts.defaultSort;
  const order: Order = (list.filters.order as Order) || defaultOrder(sort);
  const sorting: ServerSort = {
    sort,
    order,
    // A new column starts in its natural order (no `order` in the URL); the same column flips.
    onSort: (key) => list.set(sort === key ? { sort: key, order: order === "asc" ? "desc" : "asc" } : { sort: key, order: "" }),
  };
  return { ...list, sorting, exportHref: `/api/directory/${opts.kind}.csv${toSearch(list.filters)}` };
}
