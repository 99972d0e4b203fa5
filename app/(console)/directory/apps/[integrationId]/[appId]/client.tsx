"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { HistoryCard } from "@/components/actions/history-card";
import { SubjectActions } from "@/components/actions/subject-actions";
import { Facts, OktaLink, Quiet } from "@/components/directory/detail-parts";
import { AppStatus, count, GroupType, signOnModeLabel } from "@/components/directory/labels";
import { PeopleOf } from "@/components/directory/people-of";
import { directoryKeys } from "@/components/directory/use-directory-list";
import { Alert, Card, CardHeader, PageHeader, StatCard, Time } from "@/components/ui";
import { DataTable } from "@/components/ui/data-table";
import { api } from "@/lib/api/client";
import { type AppDetailData, type AppUserPageData, appDetail } from "@/lib/directory/responses";
import { links } from "@/lib/links";

export function AppClient({
  initial,
  people,
  filters,
}: {
  initial: AppDetailData;
  people: AppUserPageData;
  filters: Record<string, string>;
}) {
  const integrationId = initial.integration.id;
  const { data, error } = useQuery({
    queryKey: directoryKeys.detail("apps", integrationId, initial.app.id),
    queryFn: ({ signal }) =>
      api(`/api/directory/apps/${encodeURIComponent(integrationId)}/${encodeURIComponent(initial.app.id)}`, { schema: appDetail, signal }),
    initialData: initial,
  });
  const { app, counts, groups } = data;
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Directory", href: links.directory() }, { label: "Apps", href: links.apps() }, { label: app.label }]}
        title={
          <span className="flex flex-wrap items-center gap-2">
            {app.label} <AppStatus status={app.status} />
          </span>
        }
        description={`${signOnModeLabel(app.signOnMode)} · ${app.name}`}
        actions={
          <>
            <SubjectActions integrationId={integrationId} subject={{ type: "app", id: app.id, name: app.label }} />
            <OktaLink href={data.adminUrl} />
          </>
        }
      />
      {error && (
        <Alert tone="warning" className="mb-4">
          Showing what was loaded earlier: {error.message}
        </Alert>
      )}
      {app.status !== "ACTIVE" && (
        <Alert tone="warning" className="mb-6" title="This app is not active">
          People below are still assigned, but Okta does not let them sign in to it until it is activated again.
        </Alert>
      )}
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatCard label="People with access" value={count(counts.users)} />
        <StatCard label="Assigned directly" value={count(counts.direct)} />
        <StatCard label="Through groups" value={count(counts.viaGroup)} />
        <StatCard label="Groups assigned" value={count(groups.length)} />
      </dl>

      <div className="mt-6 grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader title="Groups assigned" description="Every member of these groups gets the app" />
          <DataTable<AppDetailData["groups"][number]>
            label="Groups assigned"
            rows={groups}
            rowKey={(g) => g.id}
            rowHref={(g) => links.group(integrationId, g.id)}
            columns={[
              {
                header: "Group",
                className: "max-w-72",
                cell: (g) => (
                  <Link
                    href={links.group(integrationId, g.id)}
                    className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
                  >
                    {g.name}
                  </Link>
                ),
              },
              { header: "Type", cell: (g) => <GroupType type={g.type} /> },
              { header: "Members", align: "right", className: "tabular-nums", cell: (g) => count(g.memberCount) },
              { header: "Priority", align: "right", className: "tabular-nums", cell: (g) => g.priority ?? "—" },
            ]}
            empty={<Quiet>No groups are assigned; only people assigned directly have access.</Quiet>}
          />
        </Card>
        <Card>
          <CardHeader title="Details" />
          <div className="px-5 py-4">
            <Facts
              columns={1}
              items={[
                ["Okta org", data.integration.name],
                [
                  "App name",
                  <span key="App name" className="font-mono text-xs">
                    {app.name}
                  </span>,
                ],
                ["Created", <Time key="Created" value={app.created} />],
                ["Updated", <Time key="Updated" value={app.lastUpdated} />],
                [
                  "Okta app id",
                  <span key="Okta app id" className="font-mono text-xs">
                    {app.id}
                  </span>,
                ],
              ]}
            />
          </div>
        </Card>
      </div>

      <PeopleOf
        kind="apps"
        integrationId={integrationId}
        id={app.id}
        total={counts.users}
        title="Who has access"
        initial={people}
        initialFilters={filters}
        bulk={[{ kind: "app.unassign_user", label: `Unassign ${app.label}`, target: (s) => ({ appId: app.id, userId: s.userId }) }]}
      />
      <HistoryCard integrationId={integrationId} targetId={app.id} name={app.label} />
    </>
  );
}
