"use client";
import { useQuery } from "@tanstack/react-query";
import Link from "next/link";
import { useState } from "react";
import { HistoryCard } from "@/components/actions/history-card";
import { PersonActions } from "@/components/actions/person-actions";
import { Facts, OktaLink, Quiet } from "@/components/directory/detail-parts";
import { AppStatus, GroupType, personName, plural, signOnModeLabel, UserStatus } from "@/components/directory/labels";
import { Avatar } from "@/components/directory/person-cell";
import { directoryKeys } from "@/components/directory/use-directory-list";
import { Alert, Badge, Button, Card, CardHeader, PageHeader, ShieldIcon, Time } from "@/components/ui";
import { DataTable } from "@/components/ui/data-table";
import { api } from "@/lib/api/client";
import { type UserDetailData, userDetail } from "@/lib/directory/responses";
import { links } from "@/lib/links";

const OUTCOME_TONE = { SUCCESS: "success", FAILURE: "danger", DENY: "danger", CHALLENGE: "warning" } as const;

function Access({ app, integrationId }: { app: UserDetailData["apps"][number]; integrationId: string }) {
  return (
    <div className="flex flex-wrap items-center gap-1.5">
      {app.direct && <Badge tone="brand">Direct</Badge>}
      {app.viaGroups.map((g) => (
        <span key={g.id} className="inline-flex items-center gap-1 text-sm text-slate-600">
          via
          <Link href={links.group(integrationId, g.id)} className="font-medium text-slate-800 hover:text-brand-700 hover:underline">
            {g.name}
          </Link>
        </span>
      ))}
      {!app.direct && app.viaGroups.length === 0 && <span className="text-sm text-slate-500">Through a group</span>}
    </div>
  );
}

export function PersonClient({ initial }: { initial: UserDetailData }) {
  const { integrationId, id } = initial.user;
  const { data, error } = useQuery({
    queryKey: directoryKeys.detail("users", integrationId, id),
    queryFn: ({ signal }) =>
      api(`/api/directory/users/${encodeURIComponent(integrationId)}/${encodeURIComponent(id)}`, { schema: userDetail, signal }),
    initialData: initial,
  });
  const [showProfile, setShowProfile] = useState(false);
  const { user, manager, groups, apps, roles, signIns, integration } = data;
  const name = personName(user);
  return (
    <>
      <PageHeader
        breadcrumbs={[{ label: "Directory", href: links.directory() }, { label: "People", href: links.people() }, { label: name }]}
        title={
          <span className="flex items-center gap-3">
            <Avatar name={name} id={user.id} size="lg" />
            <span className="min-w-0">
              <span className="flex flex-wrap items-center gap-2">
                {name} <UserStatus status={user.status} />
              </span>
              <span className="block truncate text-sm font-normal text-slate-500">{user.login}</span>
            </span>
          </span>
        }
        actions={
          <>
            <PersonActions integrationId={integrationId} person={{ id: user.id, login: user.login, profile: user.profile }} />
            <OktaLink href={data.adminUrl} />
          </>
        }
      />
      {error && (
        <Alert tone="warning" className="mb-4">
          Showing what was loaded earlier: {error.message}
        </Alert>
      )}
      <div className="grid grid-cols-1 gap-6 lg:grid-cols-3">
        <Card className="lg:col-span-2">
          <CardHeader
            title="Profile"
            description={`From ${integration.name}`}
            actions={
              <Button variant="ghost" size="sm" onClick={() => setShowProfile((v) => !v)} aria-expanded={showProfile}>
                {showProfile ? "Hide full profile" : "Show full profile"}
              </Button>
            }
          />
          <div className="px-5 py-4">
            <Facts
              items={[
                ["Email", user.email],
                ["Title", user.title],
                ["Department", user.department],
                [
                  "Manager",
                  user.managerId ? (
                    <span key="Manager">
                      {manager ? (
                        <Link href={links.person(integrationId, manager.id)} className="text-brand-700 hover:underline">
                          {personName(manager)}
                        </Link>
                      ) : (
                        (user.manager ?? user.managerId)
                      )}
                      <Link
                        href={links.people({ managerId: user.managerId, integrationId })}
                        className="ml-2 text-xs text-brand-700 hover:underline"
                      >
                        Everyone with this manager
                      </Link>
                    </span>
                  ) : (
                    user.manager
                  ),
                ],
                ["Location", user.location],
                ["Employee number", user.employeeNumber],
                ["User type", user.userType],
                [
                  "Okta user id",
                  <span key="Okta user id" className="font-mono text-xs">
                    {user.id}
                  </span>,
                ],
              ]}
            />
            {showProfile && (
              <pre className="mt-5 max-h-96 overflow-auto rounded-md bg-slate-900 p-4 text-xs leading-relaxed text-slate-100 dark:bg-slate-50 dark:text-slate-800">
                {JSON.stringify(user.profile, null, 2)}
              </pre>
            )}
          </div>
        </Card>
        <Card>
          <CardHeader title="Lifecycle" description="As Okta reports it" />
          <div className="px-5 py-4">
            <Facts
              columns={1}
              items={[
                [
                  "Last sign-in",
                  <Time
                    key="Last sign-in"
                    value={user.lastLogin}
                    format="relative"
                    fallback="Never signed in"
                    className="text-slate-700"
                  />,
                ],
                ["Status changed", <Time key="Status changed" value={user.statusChanged} />],
                ["Activated", <Time key="Activated" value={user.activated} />],
                ["Created", <Time key="Created" value={user.created} />],
                ["Profile updated", <Time key="Profile updated" value={user.lastUpdated} />],
                ["Password changed", <Time key="Password changed" value={user.passwordChanged} />],
              ]}
            />
          </div>
        </Card>
      </div>

      <Card className="mt-6">
        <CardHeader
          title="Apps"
          description={apps.length ? `${plural(apps.length, "app")} — assigned directly or through a group` : undefined}
        />
        <DataTable<UserDetailData["apps"][number]>
          label="Apps"
          rows={apps}
          rowKey={(app) => app.id}
          rowHref={(app) => links.app(integrationId, app.id)}
          columns={[
            {
              header: "App",
              className: "max-w-72",
              cell: (app) => (
                <>
                  <Link
                    href={links.app(integrationId, app.id)}
                    className="block truncate font-medium text-slate-900 hover:text-brand-700 hover:underline"
                  >
                    {app.label}
                  </Link>
                  <div className="truncate text-xs text-slate-500">{signOnModeLabel(app.signOnMode)}</div>
                </>
              ),
            },
            { header: "Access", cell: (app) => <Access app={app} integrationId={integrationId} /> },
            {
              header: "Last used",
              className: "whitespace-nowrap",
              cell: (app) => <Time value={app.lastUsedAt} format="relative" fallback="Not seen" className="text-slate-700" />,
            },
            {
              header: "Assignment",
              className: "text-sm",
              cell: (app) =>
                app.assignment ? (
                  <>
                    <div className="text-slate-800">{app.assignment.userName ?? "—"}</div>
                    <div className="text-xs text-slate-500">
                      {[app.assignment.status, app.assignment.syncState].filter(Boolean).join(" · ").toLowerCase()}
                    </div>
                  </>
                ) : (
                  <span className="text-slate-500">—</span>
                ),
            },
            { header: "Status", cell: (app) => <AppStatus status={app.status} /> },
          ]}
          empty={<Quiet>{name} is not assigned to any app, directly or through a group.</Quiet>}
        />
      </Card>

      <div className="mt-6 grid grid-cols-1 gap-6 lg:grid-cols-2">
        <Card>
          <CardHeader title="Groups" description={groups.length ? plural(groups.length, "group") : undefined} />
          {groups.length === 0 ? (
            <Quiet>Not a member of any group.</Quiet>
          ) : (
            <ul className="max-h-96 divide-y divide-slate-100 overflow-y-auto">
              {groups.map((g) => (
                <li key={g.id} className="flex items-center justify-between gap-3 px-5 py-2.5">
                  <div className="min-w-0">
                    <Link
                      href={links.group(integrationId, g.id)}
                      className="block truncate text-sm font-medium text-slate-900 hover:text-brand-700 hover:underline"
                    >
                      {g.name}
                    </Link>
                    {g.description && <div className="truncate text-xs text-slate-500">{g.description}</div>}
                  </div>
                  <GroupType type={g.type} />
                </li>
              ))}
            </ul>
          )}
        </Card>
        <Card>
          <CardHeader title="Admin roles" description="Okta administrator roles, held directly or through a group" />
          {roles.length === 0 ? (
            <Quiet>No admin roles. {name} cannot administer the Okta org.</Quiet>
          ) : (
            <ul className="divide-y divide-slate-100">
              {roles.map((r) => (
                <li key={`${r.principalType}/${r.id}`} className="flex items-center justify-between gap-3 px-5 py-3">
                  <div className="flex min-w-0 items-center gap-2.5">
                    <ShieldIcon size={16} className="shrink-0 text-amber-600" />
                    <div className="min-w-0">
                      <div className="truncate text-sm font-medium text-slate-900">{r.label ?? r.roleType}</div>
                      <div className="font-mono text-xs text-slate-500">{r.roleType}</div>
                    </div>
                  </div>
                  {r.via ? (
                    <span className="text-sm whitespace-nowrap text-slate-600">
                      via{" "}
                      <Link
                        href={links.group(integrationId, r.via.id)}
                        className="font-medium text-slate-800 hover:text-brand-700 hover:underline"
                      >
                        {r.via.name}
                      </Link>
                    </span>
                  ) : (
                    <Badge tone="brand">Direct</Badge>
                  )}
                </li>
              ))}
            </ul>
          )}
        </Card>
      </div>

      <Card className="mt-6">
        <CardHeader title="Recent sign-ins" description="The last 20 sign-in events from the System Log" />
        <DataTable<UserDetailData["signIns"][number]>
          label="Recent sign-ins"
          rows={signIns}
          rowKey={(s) => s.uuid}
          columns={[
            { header: "When", className: "whitespace-nowrap", cell: (s) => <Time value={s.published} /> },
            {
              header: "Event",
              className: "max-w-md",
              cell: (s) => (
                <>
                  <div className="truncate text-slate-800">
                    {s.displayMessage ?? s.eventType}
                    {s.appName && <span className="text-slate-500"> · {s.appName}</span>}
                  </div>
                  <div className="truncate font-mono text-xs text-slate-500">{s.eventType}</div>
                </>
              ),
            },
            {
              header: "Outcome",
              cell: (s) => (
                <>
                  {s.outcomeResult ? (
                    <Badge tone={OUTCOME_TONE[s.outcomeResult as keyof typeof OUTCOME_TONE] ?? "neutral"}>
                      {s.outcomeResult.charAt(0) + s.outcomeResult.slice(1).toLowerCase()}
                    </Badge>
                  ) : (
                    <span className="text-slate-500">—</span>
                  )}
                  {s.outcomeReason && <div className="mt-0.5 text-xs text-slate-500">{s.outcomeReason}</div>}
                </>
              ),
            },
            {
              header: "Client",
              className: "max-w-56",
              cell: (s) => (
                <>
                  <div className="font-mono text-xs text-slate-700">{s.clientIp ?? "—"}</div>
                  <div className="truncate text-xs text-slate-500" title={s.userAgent ?? undefined}>
                    {[s.city, s.state, s.country].filter(Boolean).join(", ")}
                  </div>
                </>
              ),
            },
          ]}
          empty={<Quiet>No sign-ins in the synced System Log window.</Quiet>}
        />
        {/* The Activity page filtered to this person: what they did, and what was done to them. */}
        <div className="flex flex-wrap gap-x-6 gap-y-2 border-t border-slate-200 px-5 py-3 text-sm">
          <Link href={links.activity({ actor: user.id })} className="font-medium text-brand-700 hover:underline">
            Activity by {name}
          </Link>
          <Link href={links.activity({ target: user.id })} className="font-medium text-brand-700 hover:underline">
            Activity about {name}
          </Link>
        </div>
      </Card>

      <HistoryCard integrationId={integrationId} targetId={user.id} name={name} />
    </>
  );
}
