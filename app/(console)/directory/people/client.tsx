"use client";
import { UserStatus, userStatusLabel } from "@/components/directory/labels";
import { PersonCell } from "@/components/directory/person-cell";
import { useDirectoryList } from "@/components/directory/use-directory-list";
import { ButtonLink, Card, EmptyState, SearchIcon, Time } from "@/components/ui";
import { DataTable, DataTableFilter, DataTableSearch, DataTableToolbar } from "@/components/ui/data-table";
import type { Filters } from "@/components/ui/use-server-list";
import { type FacetsData, type UserPageData, userPage } from "@/lib/directory/responses";
import { formatCount } from "@/lib/format";
import { links } from "@/lib/links";

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
          value={filters.status}
          onChange={(status) => set({ status })}
          options={facets.userStatuses.map((s) => [s.value, `${userStatusLabel(s.value)} (${formatCount(s.count)})`])}
        />
        <DataTableFilter
          label="Department"
          all="All departments"
          value={filters.department}
          onChange={(department) => set({ department })}
          options={facets.departments.map((d) => [d.value, d.value])}
        />
        {(manyOrgs || filters.integrationId) && (
          <DataTableFilter
            label="Okta org"
            all="All Okta orgs"
            value={filters.integrationId}
            onChange={(integrationId) => set({ integrationId })}
            options={facets.integrations.map((i) => [i.id, i.name])}
          />
        )}
        <ButtonLink href={list.exportHref} variant="secondary" prefetch={false} download>
          Export CSV
        </ButtonLink>
      </DataTableToolbar>
      <DataTable<Person>
        label="People"
        rows={items}
        rowKey={(p) => `${p.integrationId}/${p.id}`}
        rowHref={(p) => links.person(p.integrationId, p.id)}
        sorting={list.sorting}
        loading={query.isFetching}
        error={query.error}
        columns={[
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
        paging={{
          noun: ["person", "people"],
          total: list.filtered ? undefined : facets.totals.users,
          hasMore: !!query.hasNextPage,
          loading: query.isFetchingNextPage,
          onMore: () => query.fetchNextPage(),
        }}
      />
    </Card>
  );
}
