"use client";
// Assigned but unused, per app: for the chosen number of days, how many people assigned to each app
// have not signed in to it (or never have), each number opening the app's "who has access" list with
// the same filter; the rows behind every number export as one CSV.
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useEffect, useState } from "react";
import { AppStatus, count } from "@/components/directory/labels";
import { ButtonLink, Card, DownloadIcon, EmptyState, SearchIcon, Time } from "@/components/ui";
import { DataTable, DataTableFilter, DataTableToolbar } from "@/components/ui/data-table";
import { toSearch } from "@/components/ui/use-server-list";
import { api } from "@/lib/api/client";
import { UNUSED_DAYS_CHOICES, UNUSED_DAYS_DEFAULT } from "@/lib/directory/contracts";
import { type UnusedAccessData, unusedAccess } from "@/lib/directory/responses";
import { links } from "@/lib/links";

type App = UnusedAccessData["apps"][number];

export function UnusedAccessClient({
  initial,
  integrationId: initialIntegration,
  integrations,
}: {
  initial: UnusedAccessData;
  integrationId: string;
  integrations: { id: string; name: string }[];
}) {
  const [days, setDays] = useState(String(initial.days));
  const [integrationId, setIntegrationId] = useState(initialIntegration);
  const filters = { days: days === String(UNUSED_DAYS_DEFAULT) ? "" : days, integrationId };
  const qs = toSearch(filters);
  useEffect(() => window.history.replaceState(null, "", `${window.location.pathname}${qs}`), [qs]);
  const first =
    qs === toSearch({ days: initial.days === UNUSED_DAYS_DEFAULT ? "" : String(initial.days), integrationId: initialIntegration });
  const query = useQuery({
    queryKey: ["directory", "unused-access", filters],
    queryFn: ({ signal }) => api(`/api/directory/unused-access${qs}`, { schema: unusedAccess, signal }),
    initialData: first ? initial : undefined,
    placeholderData: (prev) => prev,
  });
  const data = query.data ?? initial;
  const manyOrgs = integrations.length > 1;
  const totals = data.apps.reduce((t, a) => ({ unused: t.unused + a.unused, never: t.never + a.neverUsed }), { unused: 0, never: 0 });
  const appLink = (a: App, unusedDays?: number) => links.app(a.integrationId, a.id, unusedDays ? { unusedDays: String(unusedDays) } : {});
  return (
    <Card>
      <DataTableToolbar
        label="Filter unused access"
        filtered={!!integrationId}
        onClear={() => setIntegrationId("")}
        busy={query.isFetching}
      >
        <DataTableFilter
          label="Not used in"
          all={`Not used in ${UNUSED_DAYS_DEFAULT} days`}
          className="w-full sm:w-52"
          value={days === String(UNUSED_DAYS_DEFAULT) ? "" : days}
          onChange={(v) => setDays(v || String(UNUSED_DAYS_DEFAULT))}
          options={UNUSED_DAYS_CHOICES.filter((d) => d !== UNUSED_DAYS_DEFAULT).map((d) => [String(d), `Not used in ${d} days`])}
        />
        {(manyOrgs || integrationId) && (
          <DataTableFilter
            label="Okta org"
            all="All Okta orgs"
            className="w-full sm:w-52"
            value={integrationId}
            onChange={setIntegrationId}
            options={integrations.map((i) => [i.id, i.name])}
          />
        )}
        <ButtonLink href={`/api/directory/unused-access.csv${qs}`} variant="secondary" prefetch={false} download className="sm:ml-auto">
          <DownloadIcon size={16} />
          Export every unused assignment
        </ButtonLink>
      </DataTableToolbar>
      <p className="border-b border-slate-200 px-4 py-3 text-sm text-slate-600" data-testid="unused-summary">
        <strong className="font-semibold text-slate-900">{count(totals.unused)}</strong>{" "}
        {totals.unused === 1 ? "assignment has" : "assignments have"} not been used since <Time value={data.since} format="date" /> (
        {count(totals.never)} never). Usage comes from app sign-ins in the synced System Log
        {data.usageKnownSince ? (
          <>
            , which reaches back to <Time value={data.usageKnownSince} format="date" />; earlier use is not known
          </>
        ) : (
          ", which holds no app sign-ins yet"
        )}
        .
      </p>
      <DataTable<App>
        label="Unused access by app"
        rows={data.apps}
        rowKey={(a) => `${a.integrationId}/${a.id}`}
        rowHref={(a) => appLink(a, data.days)}
        loading={query.isFetching}
        error={query.error}
        columns={[
          {
            header: "App",
            className: "max-w-72",
            cell: (a) => (
              <div className="min-w-0">
                <Link
                  href={links.app(a.integrationId, a.id)}
                  className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
                >
                  {a.label}
                </Link>
                {manyOrgs && <div className="truncate text-xs text-slate-500">{a.integrationName}</div>}
              </div>
            ),
          },
          { header: "Status", cell: (a) => <AppStatus status={a.status} /> },
          { header: "Assigned", align: "right", className: "tabular-nums", cell: (a) => count(a.assigned) },
          {
            header: `Not used in ${data.days} days`,
            align: "right",
            className: "tabular-nums",
            cell: (a) => (
              <Link
                href={appLink(a, data.days)}
                className="font-medium text-slate-900 hover:text-brand-700 hover:underline"
                data-testid={`unused-${a.id}`}
              >
                {count(a.unused)}
                <span className="ml-1 font-normal text-slate-500">({a.assigned ? Math.round((a.unused / a.assigned) * 100) : 0}%)</span>
              </Link>
            ),
          },
          { header: "Never used", align: "right", className: "tabular-nums", cell: (a) => count(a.neverUsed) },
          {
            header: "Last sign-in to it",
            className: "whitespace-nowrap",
            cell: (a) => <Time value={a.lastUsedAt} format="relative" fallback="None seen" className="text-slate-700" />,
          },
        ]}
        empty={
          <EmptyState
            icon={<SearchIcon size={20} />}
            title="No app assignments"
            description="No app in these Okta orgs has anyone assigned."
          />
        }
      />
    </Card>
  );
}
