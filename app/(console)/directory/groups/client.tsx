"use client";
import Link from "next/link";
import { count, GroupType, groupTypeLabel } from "@/components/directory/labels";
import { FilterSelect, ListFooter, SearchBox, SortTH, Toolbar } from "@/components/directory/list-parts";
import { RelativeTime } from "@/components/directory/relative-time";
import { type Filters, useDirectoryList } from "@/components/directory/use-directory-list";
import { Alert, ButtonLink, Card, EmptyState, SearchIcon, Table, TBody, TD, TH, THead, TR } from "@/components/ui";
import { type FacetsData, type GroupPageData, groupPage } from "@/lib/directory/responses";
import { links } from "@/lib/links";

export function GroupsClient({
  initialFilters,
  initialPage,
  facets,
}: {
  initialFilters: Filters;
  initialPage: GroupPageData;
  facets: FacetsData;
}) {
  const list = useDirectoryList({ kind: "groups", initialFilters, initialPage, schema: groupPage, defaultSort: "name" });
  const { filters, set, items, query } = list;
  const manyOrgs = facets.integrations.length > 1;
  const sortProps = { sort: list.sort, order: list.order, onSort: list.sortBy };
  return (
    <Card>
      <Toolbar filtered={list.filtered} onClear={list.clear} busy={query.isFetching && !query.isFetchingNextPage}>
        <SearchBox label="Search groups" placeholder="Search by group name or description" value={list.search} onChange={list.setSearch} />
        <FilterSelect
          label="Type"
          all="All types"
          value={filters.type}
          onChange={(v) => set("type", v)}
          options={facets.groupTypes.map((t) => [t.value, `${groupTypeLabel(t.value)} (${count(t.count)})`])}
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
          title="No groups match"
          description="Search for part of the group's name, pick another type, or clear the filters."
        />
      ) : (
        <Table label="Groups">
          <THead>
            <SortTH label="Group" sortKey="name" {...sortProps} />
            <SortTH label="Type" sortKey="type" {...sortProps} />
            <SortTH label="Members" sortKey="members" align="right" {...sortProps} />
            <TH align="right">Apps</TH>
            <TH>Membership changed</TH>
            {manyOrgs && <TH>Okta org</TH>}
          </THead>
          <TBody>
            {items.map((g) => (
              <TR key={`${g.integrationId}/${g.id}`}>
                <TD className="max-w-md">
                  <Link
                    href={links.group(g.integrationId, g.id)}
                    className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
                  >
                    {g.name}
                  </Link>
                  {g.description && (
                    <div className="truncate text-xs text-slate-500" title={g.description}>
                      {g.description}
                    </div>
                  )}
                </TD>
                <TD>
                  <GroupType type={g.type} />
                </TD>
                <TD align="right" className="tabular-nums">
                  {count(g.memberCount)}
                </TD>
                <TD align="right" className="tabular-nums">
                  {count(g.appCount)}
                </TD>
                <TD className="whitespace-nowrap">
                  <RelativeTime value={g.lastMembershipUpdated} />
                </TD>
                {manyOrgs && <TD className="max-w-40 truncate text-slate-600">{g.integrationName}</TD>}
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <ListFooter
        shown={items.length}
        total={list.filtered ? undefined : facets.totals.groups}
        noun={["group", "groups"]}
        hasMore={!!query.hasNextPage}
        loading={query.isFetchingNextPage}
        onMore={() => query.fetchNextPage()}
      />
    </Card>
  );
}
