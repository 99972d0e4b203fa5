"use client";
// The people list's hygiene filters: admin role, last sign-in (presets over the API's
// signedInBefore / signedInAfter / neverSignedIn, or a range of days), and the rarer ones (user type,
// location, manager, deactivated people's remaining access) behind "More filters". Each writes the
// API's own query names, which the page keeps in its URL.
import { useId, useState } from "react";
import { Badge, Button, Input, Popover, PopoverContent, PopoverTrigger, Select } from "@/components/ui";
import { DataTableFilter } from "@/components/ui/data-table";
import type { Filters } from "@/components/ui/use-server-list";
import { daysAgo, isoDay } from "@/lib/directory/contracts";
import type { FacetsData, UserListRow } from "@/lib/directory/responses";
import { formatCount } from "@/lib/format";

type SetFilters = (patch: Filters) => void;

export function AdminRoleFilter({ value, set, facets }: { value: string; set: SetFilters; facets: FacetsData }) {
  const holders = facets.adminRoles;
  return (
    <DataTableFilter
      label="Admin role"
      all="Any or no admin role"
      className="w-full sm:w-52"
      value={value}
      onChange={(adminRole) => set({ adminRole })}
      options={[["any", "Has an admin role"], ...holders.map((r): [string, string] => [r.value, `${r.label} (${formatCount(r.count)})`])]}
    />
  );
}

const PRESETS = [
  ["in7", "Signed in within 7 days"],
  ["in30", "Signed in within 30 days"],
  ["not30", "No sign-in for 30 days"],
  ["not60", "No sign-in for 60 days"],
  ["not90", "No sign-in for 90 days"],
  ["never", "Never signed in"],
  ["range", "Between dates…"],
] as const;
type Preset = (typeof PRESETS)[number][0];

function presetFilters(p: Preset | ""): Filters {
  const none = { signedInBefore: "", signedInAfter: "", neverSignedIn: "" };
  if (p === "" || p === "range") return none;
  if (p === "never") return { ...none, neverSignedIn: "true" };
  const days = Number(p.slice(p.startsWith("in") ? 2 : 3));
  return p.startsWith("in") ? { ...none, signedInAfter: isoDay(daysAgo(days)) } : { ...none, signedInBefore: isoDay(daysAgo(days)) };
}

/** Which preset the filters are (a link from the overview writes the same days), or "range" for anything else. */
function presetOf(f: Filters): Preset | "" {
  const now: Filters = {
    signedInBefore: f.signedInBefore ?? "",
    signedInAfter: f.signedInAfter ?? "",
    neverSignedIn: f.neverSignedIn ?? "",
  };
  if (!now.signedInBefore && !now.signedInAfter && !now.neverSignedIn) return "";
  const same = (a: Filters) => Object.entries(a).every(([k, v]) => now[k] === v);
  return PRESETS.find(([p]) => p !== "range" && same(presetFilters(p)))?.[0] ?? "range";
}

/** Last sign-in: a preset, or a range of days (from, inclusive; before, exclusive). */
export function LastSignInFilter({ filters, set }: { filters: Filters; set: SetFilters }) {
  const [ranging, setRanging] = useState(false);
  const preset = ranging ? "range" : presetOf(filters);
  const id = useId();
  return (
    <>
      <label htmlFor={id} className="sr-only">
        Last sign-in
      </label>
      <Select
        id={id}
        value={preset}
        className="w-full sm:w-52"
        onChange={(e) => {
          const p = e.target.value as Preset | "";
          setRanging(p === "range");
          set(p === "range" ? { neverSignedIn: "" } : presetFilters(p));
        }}
      >
        <option value="">Any last sign-in</option>
        {PRESETS.map(([v, text]) => (
          <option key={v} value={v}>
            {text}
          </option>
        ))}
      </Select>
      {preset === "range" && (
        <span className="flex flex-wrap items-center gap-2 text-sm text-slate-600">
          <label htmlFor={`${id}-from`} className="flex items-center gap-1.5">
            From
            <Input
              id={`${id}-from`}
              type="date"
              className="w-40"
              value={filters.signedInAfter ?? ""}
              onChange={(e) => set({ signedInAfter: e.target.value })}
            />
          </label>
          <label htmlFor={`${id}-before`} className="flex items-center gap-1.5">
            before
            <Input
              id={`${id}-before`}
              type="date"
              className="w-40"
              value={filters.signedInBefore ?? ""}
              onChange={(e) => set({ signedInBefore: e.target.value })}
            />
          </label>
        </span>
      )}
    </>
  );
}

const MORE = ["userType", "location", "managerId", "inOktaGroups", "hasApps"] as const;

/** User type, location, manager, and what deactivated people still hold. */
export function MoreFilters({ filters, set, facets }: { filters: Filters; set: SetFilters; facets: FacetsData }) {
  const active = MORE.filter((k) => filters[k]).length;
  const yesNo = (k: "inOktaGroups" | "hasApps", label: string, yes: string, no: string) => (
    <FilterRow label={label}>
      {(id) => (
        <Select id={id} value={filters[k] ?? ""} onChange={(e) => set({ [k]: e.target.value })}>
          <option value="">Either</option>
          <option value="true">{yes}</option>
          <option value="false">{no}</option>
        </Select>
      )}
    </FilterRow>
  );
  const select = (k: "userType" | "location" | "managerId", label: string, all: string, options: [string, string][]) => (
    <FilterRow label={label}>
      {(id) => (
        <Select id={id} value={filters[k] ?? ""} onChange={(e) => set({ [k]: e.target.value })}>
          <option value="">{all}</option>
          {filters[k] && !options.some(([v]) => v === filters[k]) && <option value={filters[k]}>{filters[k]}</option>}
          {options.map(([v, text]) => (
            <option key={v} value={v}>
              {text}
            </option>
          ))}
        </Select>
      )}
    </FilterRow>
  );
  return (
    <Popover>
      <PopoverTrigger asChild>
        <Button variant="secondary">
          More filters
          {active > 0 && (
            <Badge tone="brand" className="ml-0.5">
              {active}
            </Badge>
          )}
        </Button>
      </PopoverTrigger>
      <PopoverContent className="w-80 max-w-[calc(100vw-2rem)] space-y-3 p-4" aria-label="More filters">
        {select(
          "userType",
          "User type",
          "Any user type",
          facets.userTypes.map((t) => [t.value, `${t.value} (${formatCount(t.count)})`]),
        )}
        {select(
          "location",
          "Location",
          "Any location",
          facets.locations.map((l) => [l.value, `${l.value} (${formatCount(l.count)})`]),
        )}
        {select(
          "managerId",
          "Manager",
          "Any manager",
          facets.managers.map((m) => [m.value, `${m.label} (${formatCount(m.count)})`]),
        )}
        {yesNo("inOktaGroups", "In Okta groups", "Still in an Okta group", "In no Okta group")}
        {yesNo("hasApps", "App assignments", "Still assigned an app", "Assigned no app")}
        <p className="text-xs text-slate-500">Combine with Status to find deactivated people who still hold access.</p>
      </PopoverContent>
    </Popover>
  );
}

function FilterRow({ label, children }: { label: string; children: (id: string) => React.ReactNode }) {
  const id = useId();
  return (
    <div>
      <label htmlFor={id} className="mb-1 block text-sm font-medium text-slate-700">
        {label}
      </label>
      {children(id)}
    </div>
  );
}

/** A person's admin roles: each role, and the group it comes through. */
export function AdminRoles({ roles }: { roles: UserListRow["adminRoles"] }) {
  if (roles.length === 0) return <span className="text-slate-500">—</span>;
  return (
    <ul className="space-y-1">
      {roles.map((r) => (
        <li key={`${r.roleType}/${r.customRoleId ?? ""}/${r.via?.id ?? ""}`} className="flex flex-wrap items-center gap-1.5 text-sm">
          <Badge tone={r.roleType === "SUPER_ADMIN" ? "danger" : "brand"}>{r.label ?? r.roleType}</Badge>
          <span className="text-xs text-slate-600">{r.via ? `via ${r.via.name}` : "direct"}</span>
        </li>
      ))}
    </ul>
  );
}
