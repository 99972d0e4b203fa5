"use client";
import Link from "next/link";
import { AppStatus, appStatusLabel, count, signOnModeLabel } from "@/components/directory/labels";
import { FilterSelect, ListFooter, SearchBox, SortTH, Toolbar } from "@/components/directory/list-parts";
import { type Filters, useDirectoryList } from "@/components/directory/use-directory-list";
import { Alert, ButtonLink, Card, EmptyState, SearchIcon, Table, TBody, TD, TH, THead, TR } from "@/components/ui";
import { type AppPageData, appPage, type FacetsData } from "@/lib/directory/responses";
import { links } from "@/lib/links";

export function AppsClient({
  initialFilters,
  initialPage,
  facets,
}: {
  initialFilters: Filters;
  initialPage: AppPageData;
  facets: FacetsData;
}) {
  const list = useDirectoryList({ kind: "apps", initialFilters, initialPage, schema: appPage, defaultSort: "label" });
  const { filters, set, items, query } = list;
  const manyOrgs = facets.integrations.length > 1;
  const sortProps = { sort: list.sort, order: list.order, onSort: list.sortBy };
  return (
    <Card>
      <Toolbar filtered={list.filtered} onClear={list.clear} busy={query.isFetching && !query.isFetchingNextPage}>
        <SearchBox label="Search apps" placeholder="Search by app name" value={list.search} onChange={list.setSearch} />
        <FilterSelect
          label="Status"
          all="All statuses"
          value={filters.status}
          onChange={(v) => set("status", v)}
          options={facets.appStatuses.map((s) => [s.value, `${appStatusLabel(s.value)} (${count(s.count)})`])}
        />
        <FilterSelect
          label="Sign-on mode"
          all="All sign-on modes"
          className="w-52"
          value={filters.signOnMode}
          onChange={(v) => set("signOnMode", v)}
          options={facets.signOnModes.map((m) => [m.value, `${signOnModeLabel(m.value)} (${count(m.count)})`])}
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
          title="No apps match"
          description="Search for part of the app's name, pick another status or sign-on mode, or clear the filters."
        />
      ) : (
        <Table label="Apps">
          <THead>
            <SortTH label="App" sortKey="label" {...sortProps} />
            <SortTH label="Status" sortKey="status" {...sortProps} />
            <SortTH label="Sign-on mode" sortKey="signOnMode" {...sortProps} />
            <SortTH label="People" sortKey="users" align="right" {...sortProps} />
            <TH align="right">Groups</TH>
            {manyOrgs && <TH>Okta org</TH>}
          </THead>
          <TBody>
            {items.map((a) => (
              <TR key={`${a.integrationId}/${a.id}`}>
                <TD className="max-w-md">
                  <Link
                    href={links.app(a.integrationId, a.id)}
                    className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
                  >
                    {a.label}
                  </Link>
                  <div className="truncate font-mono text-xs text-slate-500">{a.name}</div>
                </TD>
                <TD>
                  <AppStatus status={a.status} />
                </TD>
                <TD className="whitespace-nowrap text-slate-700">{signOnModeLabel(a.signOnMode)}</TD>
                <TD align="right" className="tabular-nums">
                  {count(a.userCount)}
                </TD>
                <TD align="right" className="tabular-nums">
                  {count(a.groupCount)}
                </TD>
                {manyOrgs && <TD className="max-w-40 truncate text-slate-600">{a.integrationName}</TD>}
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <ListFooter
        shown={items.length}
        total={list.filtered ? undefined : facets.totals.apps}
        noun={["app", "apps"]}
        hasMore={!!query.hasNextPage}
        loading={query.isFetchingNextPage}
        onMore={() => query.fetchNextPage()}
      />
    </Card>
  );
}
