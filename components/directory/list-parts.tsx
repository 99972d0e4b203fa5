"use client";
// Pieces every directory list shares: the search box, filter selects, sortable headers and the footer.
import { Button, cn, Input, SearchIcon, Select, Spinner, TH } from "@/components/ui";
import type { Order } from "@/lib/directory/contracts";
import { count } from "./labels";

export function SearchBox({
  value,
  onChange,
  placeholder,
  label,
}: {
  value: string;
  onChange: (v: string) => void;
  placeholder: string;
  label: string;
}) {
  return (
    <label className="relative min-w-60 flex-1">
      <span className="sr-only">{label}</span>
      <SearchIcon size={16} className="pointer-events-none absolute top-2.5 left-3 text-slate-400" />
      <Input type="search" placeholder={placeholder} value={value} onChange={(e) => onChange(e.target.value)} className="pl-9" />
    </label>
  );
}

/** A labelled filter select; `options` are [value, text]. A value from the URL that is not offered stays selectable. */
export function FilterSelect({
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
  options: [string, string][];
  className?: string;
}) {
  const known = !value || options.some(([v]) => v === value);
  return (
    <label>
      <span className="sr-only">{label}</span>
      <Select value={value} onChange={(e) => onChange(e.target.value)} className={cn("w-44", className)}>
        <option value="">{all}</option>
        {!known && <option value={value}>{value}</option>}
        {options.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </Select>
    </label>
  );
}

/** The filter bar above a list: search, selects, "Clear filters" and a spinner while refreshing. */
export function Toolbar({
  children,
  filtered,
  onClear,
  busy,
}: {
  children: React.ReactNode;
  filtered: boolean;
  onClear: () => void;
  busy: boolean;
}) {
  return (
    <form
      role="search"
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

/** A column header that sorts the list; shows the current direction. */
export function SortTH({
  label,
  sortKey,
  sort,
  order,
  onSort,
  align,
  className,
}: {
  label: string;
  sortKey: string;
  sort: string;
  order: Order;
  onSort: (key: string) => void;
  align?: "left" | "right";
  className?: string;
}) {
  const active = sort === sortKey;
  return (
    <TH align={align} className={className}>
      <button
        type="button"
        onClick={() => onSort(sortKey)}
        aria-label={`Sort by ${label.toLowerCase()}${active ? (order === "asc" ? ", ascending" : ", descending") : ""}`}
        className={cn("inline-flex items-center gap-1 uppercase hover:text-slate-800", active && "text-slate-800")}
      >
        {label}
        <span aria-hidden="true" className={cn("text-[10px]", active ? "text-brand-600" : "text-slate-300")}>
          {active ? (order === "asc" ? "▲" : "▼") : "▲"}
        </span>
      </button>
    </TH>
  );
}

/** "Showing 50 of 1,234 people" and "Load more". */
export function ListFooter({
  shown,
  total,
  noun,
  hasMore,
  loading,
  onMore,
}: {
  shown: number;
  total?: number;
  noun: [string, string];
  hasMore: boolean;
  loading: boolean;
  onMore: () => void;
}) {
  return (
    <div className="flex items-center justify-between gap-4 border-t border-slate-200 px-4 py-3 text-sm text-slate-500">
      <span>
        Showing {count(shown)}
        {total !== undefined && total >= shown ? ` of ${count(total)}` : ""} {(total ?? shown) === 1 ? noun[0] : noun[1]}
      </span>
      {hasMore && (
        <Button variant="secondary" size="sm" loading={loading} onClick={onMore}>
          Load more
        </Button>
      )}
    </div>
  );
}
