"use client";
import Link from "next/link";
import { AppStatus, appStatusLabel, count, signOnModeLabel } from "@/components/directory/labels";
import { useDirectoryList } from "@/components/directory/use-directory-list";
import { ButtonLink, Card, EmptyState, SearchIcon } from "@/components/ui";
import { DataTable, DataTableFilter, DataTableSearch, DataTableToolbar, keysetPaging } from "@/components/ui/data-table";
import type { Filters } from "@/components/ui/use-server-list";
import { type AppPageData, appPage, type FacetsData } from "@/lib/directory/responses";
import { links } from "@/lib/links";

type App = AppPageData["items"][number];

export function AppsClient({
  initialFilters,
  initialPage,
  facets,
}: {
  initialFilters: Filters;
  initialPage: AppPageData;
  facets: FacetsData;
}) {
  const list = useDirectoryList<App>({ kind: "apps", initialFilters, initialPage, schema: appPage, defaultSort: "label" });
  const { filters, set, items, query } = list;
  const manyOrgs = facets.integrations.length > 1;
  return (
    <Card>
      <DataTableToolbar
        label="Filter apps"
        filtered={list.filtered}
        onClear={list.clear}
        busy={query.isFetching && !query.isFetchingNextPage}
      >
        <DataTableSearch label="Search apps" placeholder="Search by app name" value={list.search} onChange={list.setSearch} />
        <DataTableFilter
          label="Status"
          all="All statuses"
          value={filters.status}
          onChange={(status) => set({ status })}
          options={facets.appStatuses.map((s) => [s.value, `${appStatusLabel(s.value)} (${count(s.count)})`])}
        />
        <DataTableFilter
          label="Sign-on mode"
          all="All sign-on modes"
          className="w-52"
          value={filters.signOnMode}
          onChange={(signOnMode) => set({ signOnMode })}
          options={facets.signOnModes.map((m) => [m.value, `${signOnModeLabel(m.value)} (${count(m.count)})`])}
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
      <DataTable<App>
        label="Apps"
        rows={items}
        rowKey={(a) => `${a.integrationId}/${a.id}`}
        rowHref={(a) => links.app(a.integrationId, a.id)}
        sorting={list.sorting}
        loading={query.isFetching}
        error={query.error}
        columns={[
          {
            header: "App",
            sortKey: "label",
            className: "max-w-md",
            cell: (a) => (
              <>
                <Link
                  href={links.app(a.integrationId, a.id)}
                  className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
                >
                  {a.label}
                </Link>
                <div className="truncate font-mono text-xs text-slate-500">{a.name}</div>
              </>
            ),
          },
          { header: "Status", sortKey: "status", cell: (a) => <AppStatus status={a.status} /> },
          {
            header: "Sign-on mode",
            sortKey: "signOnMode",
            className: "whitespace-nowrap text-slate-700",
            cell: (a) => signOnModeLabel(a.signOnMode),
          },
          { header: "People", sortKey: "users", align: "right", className: "tabular-nums", cell: (a) => count(a.userCount) },
          { header: "Groups", align: "right", className: "tabular-nums", cell: (a) => count(a.groupCount) },
          manyOrgs && { header: "Okta org", className: "max-w-40 truncate text-slate-600", cell: (a) => a.integrationName },
        ]}
        empty={
          <EmptyState
            icon={<SearchIcon size={20} />}
            title="No apps match"
            description="Search for part of the app's name, pick another status or sign-on mode, or clear the filters."
          />
        }
        paging={keysetPaging(query, ["app", "apps"], { total: list.filtered ? undefined : facets.totals.apps })}
      />
    </Card>
  );
}
