"use client";
// A multi-select combobox: the chosen items as removable chips, and a button that opens a search
// box over a list (cmdk in a Radix popover). The caller owns the options: it searches on the server
// as the query changes and pages with `onLoadMore`, so no list is capped or filtered in the browser.
// Keyboard: Enter/Space/Down on the button opens it, typing searches, arrows move, Enter toggles
// the highlighted item (the list stays open to choose more), Escape closes and returns focus.
import { Command } from "cmdk";
import { useState } from "react";
import { cn } from "./cn";
import { CheckIcon, ChevronsUpDownIcon, XIcon } from "./icons";
import { Popover, PopoverContent, PopoverTrigger } from "./popover";
import { Spinner } from "./spinner";

const MORE = "__more";

export interface ComboboxOption {
  value: string;
  label: string;
  /** Shown muted at the right, e.g. "12 members". */
  hint?: string;
}

export function MultiCombobox({
  label,
  chosen,
  onChange,
  labelOf,
  options,
  search,
  onSearchChange,
  loading,
  error,
  hasMore,
  onLoadMore,
  disabled,
  invalid,
  describedBy,
  emptyText = "None chosen: no restriction.",
  testId,
}: {
  label: string;
  chosen: string[];
  onChange: (values: string[]) => void;
  /** The label of a chosen value (it may not be among the current search's options). */
  labelOf: (value: string) => string;
  options: ComboboxOption[];
  search: string;
  onSearchChange: (q: string) => void;
  loading?: boolean;
  error?: string | null;
  hasMore?: boolean;
  onLoadMore?: () => void;
  disabled?: boolean;
  invalid?: boolean;
  describedBy?: string;
  emptyText?: string;
  testId?: string;
}) {
  const [open, setOpen] = useState(false);
  // The highlighted option; when a new search's results no longer hold it, the first one is, so
  // Enter always has something to choose.
  const [active, setActive] = useState("");
  const highlighted = options.some((o) => o.value === active) || active === MORE ? active : (options[0]?.value ?? "");
  const toggle = (v: string) => onChange(chosen.includes(v) ? chosen.filter((x) => x !== v) : [...chosen, v].sort());
  return (
    <fieldset className="space-y-2" data-testid={testId}>
      <legend className="text-sm font-medium text-slate-700">{label}</legend>
      <ul className="flex min-h-7 flex-wrap gap-1.5" aria-label={`Chosen ${label.toLowerCase()}`} aria-live="polite">
        {chosen.length === 0 ? (
          <li className="text-xs text-slate-500">{emptyText}</li>
        ) : (
          chosen.map((v) => (
            <li key={v}>
              <button
                type="button"
                disabled={disabled}
                onClick={() => toggle(v)}
                aria-label={`Remove ${labelOf(v)}`}
                className="inline-flex items-center gap-1 rounded-md bg-brand-50 px-2 py-0.5 text-xs font-medium text-brand-700 ring-1 ring-brand-100 ring-inset hover:bg-brand-100 focus-visible:outline-2 focus-visible:outline-brand-500"
              >
                {labelOf(v)} <XIcon size={12} />
              </button>
            </li>
          ))
        )}
      </ul>
      <Popover open={open} onOpenChange={setOpen}>
        <PopoverTrigger
          disabled={disabled}
          aria-describedby={describedBy}
          aria-invalid={invalid || undefined}
          className={cn(
            "flex h-9 w-full items-center justify-between gap-2 rounded-md border bg-white px-3 text-left text-sm text-slate-500 shadow-xs focus:outline-2 focus:-outline-offset-1 focus:outline-brand-500 disabled:bg-slate-50",
            invalid ? "border-red-400" : "border-slate-300",
          )}
        >
          <span>
            Choose {label.toLowerCase()}
            {chosen.length > 0 && ` (${chosen.length} chosen)`}
          </span>
          <ChevronsUpDownIcon size={16} className="text-slate-400" />
        </PopoverTrigger>
        <PopoverContent className="w-[var(--radix-popover-trigger-width)] min-w-72 p-0">
          <Command shouldFilter={false} label={label} loop value={highlighted} onValueChange={setActive}>
            <div className="flex items-center border-b border-slate-200 px-3">
              <Command.Input
                value={search}
                onValueChange={onSearchChange}
                placeholder={`Search ${label.toLowerCase()}`}
                className="h-9 w-full bg-transparent text-sm text-slate-900 outline-none placeholder:text-slate-400"
              />
              {loading && <Spinner />}
            </div>
            <Command.List className="max-h-64 overflow-y-auto py-1" aria-multiselectable="true">
              {error ? (
                <div className="px-3 py-2 text-sm text-red-700">{error}</div>
              ) : (
                !loading && <Command.Empty className="px-3 py-2 text-sm text-slate-500">No match.</Command.Empty>
              )}
              {options.map((o) => {
                const on = chosen.includes(o.value);
                return (
                  <Command.Item
                    key={o.value}
                    value={o.value}
                    onSelect={() => toggle(o.value)}
                    aria-checked={on}
                    className="flex cursor-default items-center gap-2 px-3 py-1.5 text-sm text-slate-900 select-none data-[selected=true]:bg-slate-100"
                  >
                    <span
                      className={cn(
                        "flex size-4 shrink-0 items-center justify-center rounded border",
                        on ? "border-brand-600 bg-brand-600 text-white" : "border-slate-400 bg-white",
                      )}
                    >
                      {on && <CheckIcon size={12} strokeWidth={3} />}
                    </span>
                    <span className="min-w-0 flex-1 truncate">{o.label}</span>
                    {o.hint && <span className="shrink-0 text-xs text-slate-600 tabular-nums">{o.hint}</span>}
                  </Command.Item>
                );
              })}
              {hasMore && onLoadMore && (
                <Command.Item
                  value={MORE}
                  onSelect={onLoadMore}
                  disabled={loading}
                  className="px-3 py-1.5 text-sm text-brand-700 data-[selected=true]:bg-slate-100"
                >
                  Show more
                </Command.Item>
              )}
            </Command.List>
          </Command>
        </PopoverContent>
      </Popover>
    </fieldset>
  );
}
