"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { HistoryCard } from "@/components/actions/history-card";
import { SubjectActions } from "@/components/actions/subject-actions";
import { Facts, OktaLink, Quiet } from "@/components/directory/detail-parts";
import { AppStatus, count, GroupType, plural, signOnModeLabel } from "@/components/directory/labels";
import { PeopleOf } from "@/components/directory/people-of";
import { directoryKeys } from "@/components/directory/use-directory-list";
import { Alert, Card, CardHeader, PageHeader, ShieldIcon, StatCard, Time } from "@/components/ui";
import { DataTable } from "@/components/ui/data-table";
import { api } from "@/lib/api/client";
import { type GroupDetailData, groupDetail, type MemberPageData } from "@/lib/directory/responses";
import { links } from "@/lib/links";

export function GroupClient({ initial, members }: { initial: GroupDetailData; members: MemberPageData }) {
  const integrationId = initial.integration.id;
  const { data, error } = useQuery({
    queryKey: directoryKeys.detail("groups", integrationId, initial.group.id),
    queryFn: ({ signal }) =>
      api(`/api/directory/groups/${encodeURIComponent(integrationId)}/${encodeURIComponent(initial.group.id)}`, {
        schema: groupDetail,
        signal,
      }),
    initialData: initial,
  });
  const { group, apps, roles, sourceApp } = data;
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Directory", href: links.directory() }, { label: "Groups", href: links.groups() }, { label: group.name }]}
        title={
          <span className="flex flex-wrap items-center gap-2">
            {group.name} <GroupType type={group.type} />
          </span>
        }
        description={group.description ?? undefined}
        actions={
          <>
            <SubjectActions integrationId={integrationId} subject={{ type: "group", id: group.id, name: group.name }} />
            <OktaLink href={data.adminUrl} />
          </>
        }
      />
      {error && (
        <Alert tone="warning" className="mb-4">
          Showing what was loaded earlier: {error.message}
        </Alert>
      )}
      {group.type === "APP_GROUP" && (
        <Alert tone="info" className="mb-6" title="Membership is managed outside Okta">
          This group is imported from {sourceApp ? <strong className="font-medium">{sourceApp.label}</strong> : "a directory or app"}; Okta
          reflects its members but cannot change them.
        </Alert>
      )}
      <dl className="grid grid-cols-2 gap-4 lg:grid-cols-4">
        <StatCard
          label="Members"
          value={count(group.memberCount)}
          hint={
            group.oktaMemberCount !== null && group.oktaMemberCount !== group.memberCount
              ? `Okta reports ${count(group.oktaMemberCount)}`
              : "Synced members"
          }
        />
        <StatCard label="Apps granted" value={count(apps.length)} />
        <StatCard
          label="Membership changed"
          value={
            <span className="text-base font-medium">
              <Time value={group.lastMembershipUpdated} format="relative" className="text-slate-700" />
            </span>
          }
        />
        <StatCard label="Admin roles" value={count(roles.length)} />
      </dl>

      <div className="mt-6 grid grid-cols-1 items-start gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader
            title="Apps this group grants"
            description={apps.length ? `Every member gets ${plural(apps.length, "app")}` : undefined}
          />
          <DataTable<GroupDetailData["apps"][number]>
            label="Apps this group grants"
            rows={apps}
            rowKey={(a) => a.id}
            rowHref={(a) => links.app(integrationId, a.id)}
            columns={[
              {
                header: "App",
                className: "max-w-72",
                cell: (a) => (
                  <Link
                    href={links.app(integrationId, a.id)}
                    className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
                  >
                    {a.label}
                  </Link>
                ),
              },
              { header: "Sign-on mode", className: "whitespace-nowrap", cell: (a) => signOnModeLabel(a.signOnMode) },
              { header: "Status", cell: (a) => <AppStatus status={a.status} /> },
              { header: "Priority", align: "right", className: "tabular-nums", cell: (a) => a.priority ?? "—" },
            ]}
            empty={<Quiet>No apps are assigned to this group.</Quiet>}
          />
        </Card>
        <Card>
          <CardHeader title="Details" />
          <div className="space-y-5 px-5 py-4">
            <Facts
              columns={1}
              items={[
                ["Okta org", data.integration.name],
                ["Created", <Time key="Created" value={group.created} />],
                ["Profile updated", <Time key="Profile updated" value={group.lastUpdated} />],
                [
                  "Okta group id",
                  <span key="Okta group id" className="font-mono text-xs">
                    {group.id}
                  </span>,
                ],
              ]}
            />
            {roles.length > 0 && (
              <div>
                <h3 className="text-xs font-medium tracking-wide text-slate-500 uppercase">Admin roles of every member</h3>
                <ul className="mt-2 space-y-2">
                  {roles.map((r) => (
                    <li key={r.id} className="flex items-center gap-2 text-sm text-slate-800">
                      <ShieldIcon size={15} className="text-amber-600" />
                      {r.label ?? r.roleType}
                    </li>
                  ))}
                </ul>
              </div>
            )}
          </div>
        </Card>
      </div>

      <PeopleOf
        kind="groups"
        integrationId={integrationId}
        id={group.id}
        total={group.memberCount}
        title="Members"
        initial={members}
        bulk={[
          {
            kind: "group.remove_member",
            label: `Remove from ${group.name}`,
            target: (s) => ({ groupId: group.id, userId: s.userId }),
          },
        ]}
      />
      <HistoryCard integrationId={integrationId} targetId={group.id} name={group.name} />
    </>
  );
}
