"use client";
import Link from "next/link";
import { count, GroupType, groupTypeLabel } from "@/components/directory/labels";
import { useDirectoryList } from "@/components/directory/use-directory-list";
import { ButtonLink, Card, EmptyState, SearchIcon, Time } from "@/components/ui";
import { DataTable, DataTableFilter, DataTableSearch, DataTableToolbar, keysetPaging } from "@/components/ui/data-table";
import type { Filters } from "@/components/ui/use-server-list";
import { type FacetsData, type GroupPageData, groupPage } from "@/lib/directory/responses";
import { links } from "@/lib/links";

type Group = GroupPageData["items"][number];

export function GroupsClient({
  initialFilters,
  initialPage,
  facets,
}: {
  initialFilters: Filters;
  initialPage: GroupPageData;
  facets: FacetsData;
}) {
  const list = useDirectoryList<Group>({ kind: "groups", initialFilters, initialPage, schema: groupPage, defaultSort: "name" });
  const { filters, set, items, query } = list;
  const manyOrgs = facets.integrations.length > 1;
  return (
    <Card>
      <DataTableToolbar
        label="Filter groups"
        filtered={list.filtered}
        onClear={list.clear}
        busy={query.isFetching && !query.isFetchingNextPage}
      >
        <DataTableSearch
          label="Search groups"
          placeholder="Search by group name or description"
          value={list.search}
          onChange={list.setSearch}
        />
        <DataTableFilter
          label="Type"
          all="All types"
          value={filters.type}
          onChange={(type) => set({ type })}
          options={facets.groupTypes.map((t) => [t.value, `${groupTypeLabel(t.value)} (${count(t.count)})`])}
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
      <DataTable<Group>
        label="Groups"
        rows={items}
        rowKey={(g) => `${g.integrationId}/${g.id}`}
        rowHref={(g) => links.group(g.integrationId, g.id)}
        sorting={list.sorting}
        loading={query.isFetching}
        error={query.error}
        columns={[
          {
            header: "Group",
            sortKey: "name",
            className: "max-w-md",
            cell: (g) => (
              <>
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
              </>
            ),
          },
          { header: "Type", sortKey: "type", cell: (g) => <GroupType type={g.type} /> },
          { header: "Members", sortKey: "members", align: "right", className: "tabular-nums", cell: (g) => count(g.memberCount) },
          { header: "Apps", align: "right", className: "tabular-nums", cell: (g) => count(g.appCount) },
          {
            header: "Membership changed",
            className: "whitespace-nowrap",
            cell: (g) => <Time value={g.lastMembershipUpdated} format="relative" className="text-slate-700" />,
          },
          manyOrgs && { header: "Okta org", className: "max-w-40 truncate text-slate-600", cell: (g) => g.integrationName },
        ]}
        empty={
          <EmptyState
            icon={<SearchIcon size={20} />}
            title="No groups match"
            description="Search for part of the group's name, pick another type, or clear the filters."
          />
        }
        paging={keysetPaging(query, ["group", "groups"], { total: list.filtered ? undefined : facets.totals.groups })}
      />
    </Card>
  );
}
