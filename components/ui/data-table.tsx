"use client";
// The console's one data table. Columns are definitions (header, cell, server sort key, width,
// alignment) rendered through TanStack Table. The server sorts, filters and pages by keyset cursor,
// so the table is manual in all three: it shows the rows it is given, marks the sorted column with
// aria-sort, and asks its owner to sort or to load the next page. A row with a page of its own opens
// it on click; keyboard users reach the same page through the link in the row.
import { type ColumnDef, flexRender, functionalUpdate, getCoreRowModel, type SortingState, useReactTable } from "@tanstack/react-table";
import { useRouter } from "next/navigation";
import { Fragment, useId } from "react";
import { formatCount } from "@/lib/format";
import { Alert } from "./alert";
import { Button } from "./button";
import { cn } from "./cn";
import { Input, Select } from "./field";
import { ArrowDownIcon, ArrowUpIcon, ChevronsUpDownIcon, SearchIcon } from "./icons";
import { Spinner } from "./spinner";
import { Table, TBody, TD, TH, THead, TR } from "./table";

export interface Column<T> {
  /** The visible column name, unique in its table (it is also the column's id). */
  header: string;
  cell: (row: T) => React.ReactNode;
  /** The server's sort key for this column; makes the header a sort button. */
  sortKey?: string;
  align?: "left" | "right";
  /** Width class of the column (e.g. "w-32"), set on its header. */
  width?: string;
  /** Classes of the column's body cells (truncation, wrapping, text size). */
  className?: string;
  /** Rendered in the header instead of the name (e.g. a "select all" checkbox, labelled by the name). */
  headerCell?: React.ReactNode;
}

/** The server's current sort, and how to ask for another. */
export interface ServerSort {
  sort: string;
  order: "asc" | "desc";
  /** Sort by `key`, or flip the order when the list already is. */
  onSort: (key: string) => void;
}

/** "Showing 50 of 1,234 people" and the button that loads the next keyset page. */
export interface KeysetPaging {
  noun: [one: string, many: string];
  /** Shown as "of N" when known (an unfiltered list). */
  total?: number;
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
  moreLabel?: string;
}

/** What `keysetPaging` reads of a react-query infinite query. */
interface NextPageQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
}

/** The paging of a table fed by an infinite query: more while the query has a next page, a spinner while it loads. */
export function keysetPaging(
  query: NextPageQuery,
  noun: KeysetPaging["noun"],
  more?: Pick<KeysetPaging, "total" | "moreLabel">,
): KeysetPaging {
  return {
    noun,
    hasMore: query.hasNextPage,
    loading: query.isFetchingNextPage,
    onMore: () => void query.fetchNextPage(),
    ...more,
  };
}

// Clicks on these inside a row do their own thing; the row does not navigate.
const INTERACTIVE = "a, button, input, select, textarea, label, summary, [role=button]";

export function DataTable<T>({
  label,
  columns,
  rows,
  rowKey,
  rowHref,
  rowClassName,
  rowDetail,
  sorting,
  loading = false,
  error,
  empty,
  paging,
}: {
  /** The table's accessible name. */
  label: string;
  /** Falsy entries are left out, so a column can be conditional. */
  columns: (Column<T> | false | null | undefined)[];
  rows: T[];
  rowKey: (row: T) => string | number;
  /** The row's own page: a click anywhere on the row opens it. */
  rowHref?: (row: T) => string;
  rowClassName?: (row: T) => string | undefined;
  /** More about a row, in a full-width row under it (e.g. a failed step's error and fix). */
  rowDetail?: (row: T) => React.ReactNode;
  sorting?: ServerSort;
  /** A request is in flight: keep the table (or nothing) on screen rather than `empty`. */
  loading?: boolean;
  error?: Error | null;
  /** Shown instead of the table when there are no rows. */
  empty: React.ReactNode;
  paging?: KeysetPaging;
}) {
  const router = useRouter();
  const cols = columns.filter((c): c is Column<T> => !!c);
  const defs: ColumnDef<T>[] = cols.map((c) => ({
    id: c.header,
    header: c.header,
    // Cells render from the whole row; TanStack only lets a column with an accessor sort.
    accessorFn: (row) => row,
    cell: ({ row }) => c.cell(row.original),
    enableSorting: !!(sorting && c.sortKey),
    meta: c,
  }));
  const sorted = sorting ? cols.find((c) => c.sortKey === sorting.sort) : undefined;
  const sortState: SortingState = sorted && sorting ? [{ id: sorted.header, desc: sorting.order === "desc" }] : [];

  const table = useReactTable({
    data: rows,
    columns: defs,
    getCoreRowModel: getCoreRowModel(),
    getRowId: (row) => String(rowKey(row)),
    manualSorting: true,
    manualFiltering: true,
    manualPagination: true,
    enableMultiSort: false,
    enableSortingRemoval: false,
    state: { sorting: sortState },
    // The table says which column was clicked; the owner decides the order (a first click uses the
    // column's natural order, newest or largest first for dates and counts) and asks the server.
    onSortingChange: (updater) => {
      const next = functionalUpdate(updater, sortState)[0];
      const key = cols.find((c) => c.header === next?.id)?.sortKey;
      if (key && sorting) sorting.onSort(key);
    },
  });

  const open = (href: string, e: React.MouseEvent<HTMLTableRowElement>) => {
    if ((e.target as Element).closest(INTERACTIVE) || window.getSelection()?.toString()) return;
    if (e.metaKey || e.ctrlKey) window.open(href, "_blank", "noopener");
    else router.push(href);
  };

  return (
    <>
      {error && (
        <div className="px-4 pt-4">
          <Alert tone="danger">{error.message}</Alert>
        </div>
      )}
      {rows.length === 0 && !loading ? (
        empty
      ) : (
        <Table label={label}>
          <THead>
            {table.getFlatHeaders().map((h) => {
              const c = h.column.columnDef.meta as Column<T>;
              const dir = h.column.getIsSorted();
              const Arrow = dir === "asc" ? ArrowUpIcon : dir === "desc" ? ArrowDownIcon : ChevronsUpDownIcon;
              return (
                <TH
                  key={h.id}
                  align={c.align}
                  className={c.width}
                  aria-sort={dir === "asc" ? "ascending" : dir === "desc" ? "descending" : undefined}
                >
                  {h.column.getCanSort() ? (
                    <button
                      type="button"
                      onClick={h.column.getToggleSortingHandler()}
                      aria-label={`Sort by ${c.header.toLowerCase()}`}
                      className={cn(
                        "-mx-1 inline-flex items-center gap-1 rounded px-1 uppercase hover:text-slate-800 focus-visible:outline-2 focus-visible:outline-brand-500",
                        dir && "text-slate-800",
                      )}
                    >
                      {flexRender(h.column.columnDef.header, h.getContext())}
                      <Arrow size={12} aria-hidden="true" className={dir ? "text-brand-600" : "text-slate-300"} />
                    </button>
                  ) : (
                    (c.headerCell ?? flexRender(h.column.columnDef.header, h.getContext()))
                  )}
                </TH>
              );
            })}
          </THead>
          <TBody>
            {table.getRowModel().rows.map((row) => {
              const href = rowHref?.(row.original);
              const detail = rowDetail?.(row.original);
              return (
                <Fragment key={row.id}>
                  {/* The row's click is a larger target for the link inside it, which keyboard users reach by Tab. */}
                  <TR
                    className={cn(href && "cursor-pointer", rowClassName?.(row.original))}
                    onClick={href ? (e) => open(href, e) : undefined}
                  >
                    {row.getVisibleCells().map((cell) => {
                      const c = cell.column.columnDef.meta as Column<T>;
                      return (
                        <TD key={cell.id} align={c.align} className={c.className}>
                          {flexRender(cell.column.columnDef.cell, cell.getContext())}
                        </TD>
                      );
                    })}
                  </TR>
                  {detail && (
                    <tr className={rowClassName?.(row.original)}>
                      <td colSpan={cols.length} className="px-4 pb-3 text-sm">
                        {detail}
                      </td>
                    </tr>
                  )}
                </Fragment>
              );
            })}
          </TBody>
        </Table>
      )}
      {paging && (
        <div className="flex items-center justify-between gap-4 border-t border-slate-200 px-4 py-3 text-sm text-slate-500">
          <span>
            Showing {formatCount(rows.length)}
            {paging.total !== undefined && paging.total >= rows.length ? ` of ${formatCount(paging.total)}` : ""}{" "}
            {(paging.total ?? rows.length) === 1 ? paging.noun[0] : paging.noun[1]}
          </span>
          {paging.hasMore && (
            <Button variant="secondary" size="sm" loading={paging.loading} onClick={paging.onMore}>
              {paging.moreLabel ?? "Load more"}
            </Button>
          )}
        </div>
      )}
    </>
  );
}

/** The filter bar above a table: search, selects, "Clear filters" and a spinner while refreshing. */
export function DataTableToolbar({
  label,
  children,
  filtered,
  onClear,
  busy,
}: {
  /** The filter form's accessible name. */
  label: string;
  children: React.ReactNode;
  filtered: boolean;
  onClear: () => void;
  busy: boolean;
}) {
  return (
    <form
      aria-label={label}
      className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3"
      onSubmit={(e) => e.preventDefault()}
    >
      {children}
      {filtered && (
        <Button variant="ghost" onClick={onClear}>
          Clear filters
        </Button>
      )}
      {busy && <Spinner label="Updating results" />}
    </form>
  );
}

/** The toolbar's search box; the list searches as you type (debounced by its owner). */
export function DataTableSearch({
  label,
  placeholder,
  value,
  onChange,
}: {
  label: string;
  placeholder: string;
  value: string;
  onChange: (v: string) => void;
}) {
  const id = useId();
  return (
    <div className="relative min-w-60 flex-1">
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <SearchIcon size={16} className="pointer-events-none absolute top-2.5 left-3 text-slate-400" />
      <Input id={id} type="search" placeholder={placeholder} value={value} onChange={(e) => onChange(e.target.value)} className="pl-9" />
    </div>
  );
}

/** A labelled filter select; `options` are [value, text]. A value from the URL that is not offered stays selectable. */
export function DataTableFilter({
  label,
  value,
  onChange,
  all,
  options,
  className,
}: {
  label: string;
  value: string;
  onChange: (v: string) => void;
  all: string;
  options: [value: string, text: string][];
  className?: string;
}) {
  const id = useId();
  const known = !value || options.some(([v]) => v === value);
  return (
    <>
      <label htmlFor={id} className="sr-only">
        {label}
      </label>
      <Select id={id} value={value} onChange={(e) => onChange(e.target.value)} className={cn("w-44", className)}>
        <option value="">{all}</option>
        {!known && <option value={value}>{value}</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </Select>
    </>
  );
}
