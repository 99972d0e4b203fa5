"use client";
import { BulkBar, selectColumn, useSelection } from "@/components/actions/bulk-actions";
import { NewPersonButton } from "@/components/actions/new-person";
import { UserStatus } from "@/components/directory/labels";
import { AdminRoleFilter, AdminRoles, LastSignInFilter, MoreFilters } from "@/components/directory/people-filters";
import { PersonCell } from "@/components/directory/person-cell";
import { useDirectoryList } from "@/components/directory/use-directory-list";
import { canRequestActions, useConsoleUser } from "@/components/shell/console-user";
import {
  Button,
  Card,
  ChevronDownIcon,
  DownloadIcon,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuTrigger,
  EmptyState,
  SearchIcon,
  Time,
} from "@/components/ui";
import { DataTable, DataTableFilter, DataTableSearch, DataTableToolbar, keysetPaging } from "@/components/ui/data-table";
import type { Filters } from "@/components/ui/use-server-list";
import { type FacetsData, type UserPageData, userPage } from "@/lib/directory/responses";
import { formatCount } from "@/lib/format";
import { links } from "@/lib/links";
import { userStatusLabel } from "@/lib/okta/user-status";

type Person = UserPageData["items"][number];

export function PeopleClient({
  initialFilters,
  initialPage,
  facets,
}: {
  initialFilters: Filters;
  initialPage: UserPageData;
  facets: FacetsData;
}) {
  const list = useDirectoryList<Person>({ kind: "users", initialFilters, initialPage, schema: userPage, defaultSort: "name" });
  const { filters, set, items, query } = list;
  const manyOrgs = facets.integrations.length > 1;
  const selection = useSelection();
  const selectable = canRequestActions(useConsoleUser());
  return (
    <Card>
      <DataTableToolbar
        label="Filter people"
        filtered={list.filtered}
        onClear={list.clear}
        busy={query.isFetching && !query.isFetchingNextPage}
      >
        <DataTableSearch label="Search people" placeholder="Search by name, email or login" value={list.search} onChange={list.setSearch} />
        <DataTableFilter
          label="Status"
          all="All statuses"
          className="w-full sm:w-44"
          value={filters.status}
          onChange={(status) => set({ status })}
          options={facets.userStatuses.map((s) => [s.value, `${userStatusLabel(s.value)} (${formatCount(s.count)})`])}
        />
        <DataTableFilter
          label="Department"
          all="All departments"
          className="w-full sm:w-44"
          value={filters.department}
          onChange={(department) => set({ department })}
          options={facets.departments.map((d) => [d.value, d.value])}
        />
        <AdminRoleFilter value={filters.adminRole} set={set} facets={facets} />
        <LastSignInFilter filters={filters} set={set} />
        <MoreFilters filters={filters} set={set} facets={facets} />
        {(manyOrgs || filters.integrationId) && (
          <DataTableFilter
            label="Okta org"
            all="All Okta orgs"
            value={filters.integrationId}
            onChange={(integrationId) => set({ integrationId })}
            options={facets.integrations.map((i) => [i.id, i.name])}
          />
        )}
        <DropdownMenu>
          <DropdownMenuTrigger asChild>
            <Button variant="secondary">
              <DownloadIcon size={16} />
              Export CSV
              <ChevronDownIcon size={14} />
            </Button>
          </DropdownMenuTrigger>
          <DropdownMenuContent align="end">
            <DropdownMenuItem asChild>
              <a href={list.exportHref} download>
                People as listed
              </a>
            </DropdownMenuItem>
            <DropdownMenuItem asChild>
              <a href={`${list.exportHref}${list.exportHref.includes("?") ? "&" : "?"}columns=groups,apps,roles,manager`} download>
                With groups, apps, admin roles and manager
              </a>
            </DropdownMenuItem>
          </DropdownMenuContent>
        </DropdownMenu>
        <NewPersonButton integrations={facets.integrations} />
      </DataTableToolbar>
      <BulkBar selection={selection} />
      <DataTable<Person>
        label="People"
        rows={items}
        rowKey={(p) => `${p.integrationId}/${p.id}`}
        rowHref={(p) => links.person(p.integrationId, p.id)}
        sorting={list.sorting}
        loading={query.isFetching}
        error={query.error}
        columns={[
          selectable &&
            selectColumn(
              selection,
              items,
              (p) => ({ integrationId: p.integrationId, userId: p.id, login: p.login }),
              (p) => p.login,
            ),
          { header: "Person", sortKey: "name", className: "max-w-80", cell: (p) => <PersonCell person={p} /> },
          { header: "Status", sortKey: "status", cell: (p) => <UserStatus status={p.status} /> },
          {
            header: "Department",
            sortKey: "department",
            className: "max-w-64",
            cell: (p) => (
              <>
                <div className="truncate text-slate-800">{p.department ?? <span className="text-slate-500">—</span>}</div>
                {p.title && <div className="truncate text-xs text-slate-500">{p.title}</div>}
              </>
            ),
          },
          !!filters.adminRole && { header: "Admin roles", className: "min-w-56", cell: (p) => <AdminRoles roles={p.adminRoles} /> },
          {
            header: "Last sign-in",
            sortKey: "lastLogin",
            className: "whitespace-nowrap",
            cell: (p) => <Time value={p.lastLogin} format="relative" fallback="Never signed in" className="text-slate-700" />,
          },
          manyOrgs && { header: "Okta org", className: "max-w-40 truncate text-slate-600", cell: (p) => p.integrationName },
        ]}
        empty={
          <EmptyState
            icon={<SearchIcon size={20} />}
            title="No people match"
            description="Check the spelling, search for part of a name, email or login, or clear the filters."
          />
        }
        paging={keysetPaging(query, ["person", "people"], { total: list.filtered ? undefined : facets.totals.users })}
      />
    </Card>
  );
}
