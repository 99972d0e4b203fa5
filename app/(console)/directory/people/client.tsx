"use client";
import { UserStatus, userStatusLabel } from "@/components/directory/labels";
import { FilterSelect, ListFooter, SearchBox, SortTH, Toolbar } from "@/components/directory/list-parts";
import { PersonCell } from "@/components/directory/person-cell";
import { RelativeTime } from "@/components/directory/relative-time";
import { type Filters, useDirectoryList } from "@/components/directory/use-directory-list";
import { Alert, ButtonLink, Card, EmptyState, SearchIcon, Table, TBody, TD, TH, THead, TR } from "@/components/ui";
import { type FacetsData, type UserPageData, userPage } from "@/lib/directory/responses";

export function PeopleClient({
  initialFilters,
  initialPage,
  facets,
}: {
  initialFilters: Filters;
  initialPage: UserPageData;
  facets: FacetsData;
}) {
  const list = useDirectoryList({ kind: "users", initialFilters, initialPage, schema: userPage, defaultSort: "name" });
  const { filters, set, items, query } = list;
  const manyOrgs = facets.integrations.length > 1;
  const sortProps = { sort: list.sort, order: list.order, onSort: list.sortBy };
  return (
    <Card>
      <Toolbar filtered={list.filtered} onClear={list.clear} busy={query.isFetching && !query.isFetchingNextPage}>
        <SearchBox label="Search people" placeholder="Search by name, email or login" value={list.search} onChange={list.setSearch} />
        <FilterSelect
          label="Status"
          all="All statuses"
          value={filters.status}
          onChange={(v) => set("status", v)}
          options={facets.userStatuses.map((s) => [s.value, `${userStatusLabel(s.value)} (${s.count.toLocaleString("en-US")})`])}
        />
        <FilterSelect
          label="Department"
          all="All departments"
          value={filters.department}
          onChange={(v) => set("department", v)}
          options={facets.departments.map((d) => [d.value, d.value])}
        />
        {(manyOrgs || filters.integrationId) && (
          <FilterSelect
            label="Okta org"
            all="All Okta orgs"
            value={filters.integrationId}
            onChange={(v) => set("integrationId", v)}
            options={facets.integrations.map((i) => [i.id, i.name])}
          />
        )}
        <ButtonLink href={list.exportHref} variant="secondary" prefetch={false} download>
          Export CSV
        </ButtonLink>
      </Toolbar>
      {query.isError && (
        <div className="px-4 pt-4">
          <Alert tone="danger">{query.error.message}</Alert>
        </div>
      )}
      {items.length === 0 && !query.isFetching ? (
        <EmptyState
          icon={<SearchIcon size={20} />}
          title="No people match"
          description="Check the spelling, search for part of a name, email or login, or clear the filters."
        />
      ) : (
        <Table label="People">
          <THead>
            <SortTH label="Person" sortKey="name" {...sortProps} />
            <SortTH label="Status" sortKey="status" {...sortProps} />
            <SortTH label="Department" sortKey="department" {...sortProps} />
            <SortTH label="Last sign-in" sortKey="lastLogin" {...sortProps} />
            {manyOrgs && <TH>Okta org</TH>}
          </THead>
          <TBody>
            {items.map((p) => (
              <TR key={`${p.integrationId}/${p.id}`}>
                <TD className="max-w-80">
                  <PersonCell person={p} />
                </TD>
                <TD>
                  <UserStatus status={p.status} />
                </TD>
                <TD className="max-w-64">
                  <div className="truncate text-slate-800">{p.department ?? <span className="text-slate-400">—</span>}</div>
                  {p.title && <div className="truncate text-xs text-slate-500">{p.title}</div>}
                </TD>
                <TD className="whitespace-nowrap">
                  <RelativeTime value={p.lastLogin} never="Never signed in" />
                </TD>
                {manyOrgs && <TD className="max-w-40 truncate text-slate-600">{p.integrationName}</TD>}
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <ListFooter
        shown={items.length}
        total={list.filtered ? undefined : facets.totals.users}
        noun={["person", "people"]}
        hasMore={!!query.hasNextPage}
        loading={query.isFetchingNextPage}
        onMore={() => query.fetchNextPage()}
      />
    </Card>
  );
}
