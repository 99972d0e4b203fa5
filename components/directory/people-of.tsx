"use client";
// The searchable, paginated people of a group (members) or an app (who has access and how, and when
// each last signed in to it; filtered by status and "not used in N days" in the page's URL, and
// exported as CSV).
import Link from "next/link";
import { BulkBar, type BulkExtra, selectColumn, useSelection } from "@/components/actions/bulk-actions";
import { canRequestActions, useConsoleUser } from "@/components/shell/console-user";
import { Badge, ButtonLink, Card, CardHeader, DownloadIcon, Time } from "@/components/ui";
import { DataTable, DataTableFilter, DataTableSearch, DataTableToolbar, keysetPaging } from "@/components/ui/data-table";
import { type Filters, toSearch, useServerList } from "@/components/ui/use-server-list";
import { UNUSED_DAYS_CHOICES, USER_STATUSES } from "@/lib/directory/contracts";
import { type AppUserPageData, appUserPage, type MemberPageData, memberPage } from "@/lib/directory/responses";
import { links } from "@/lib/links";
import { userStatusLabel } from "@/lib/okta/user-status";
import { Quiet } from "./detail-parts";
import { UserStatus } from "./labels";
import { PersonCell } from "./person-cell";
import { directoryKeys } from "./use-directory-list";

type Props = (
  | { kind: "groups"; integrationId: string; id: string; total: number; title: string; initial: MemberPageData }
  | {
      kind: "apps";
      integrationId: string;
      id: string;
      total: number;
      title: string;
      initial: AppUserPageData;
      /** The filters in the page's URL (q, scope, status, unusedDays), "" when not set. */
      initialFilters: Filters;
    }
) & {
  /** Bulk actions on the selected people: this page's own kinds, before the person kinds. */
  bulk?: BulkExtra[];
};
type Person = AppUserPageData["items"][number] | MemberPageData["items"][number];

export function PeopleOf(props: Props) {
  const { kind, integrationId, id } = props;
  const path = `/api/directory/${kind}/${encodeURIComponent(integrationId)}/${encodeURIComponent(id)}/${kind === "groups" ? "members" : "users"}`;
  const list = useServerList<Person>({
    queryKey: (f) => directoryKeys.people(kind, integrationId, id, f),
    path,
    schema: kind === "apps" ? appUserPage : memberPage,
    initialFilters: kind === "apps" ? props.initialFilters : { q: "" },
    initialPage: props.initial,
    inUrl: kind === "apps",
  });
  const { query, items } = list;
  const selection = useSelection();
  const me = useConsoleUser();
  const selectable = !!props.bulk && canRequestActions(me);
  return (
    <Card className="mt-6">
      <CardHeader
        title={props.title}
        description={kind === "apps" ? "Last used: the person's last sign-in to this app in the synced System Log." : undefined}
      />
      <DataTableToolbar
        label={`Filter ${props.title.toLowerCase()}`}
        filtered={list.filtered}
        onClear={list.clear}
        busy={query.isFetching && !query.isFetchingNextPage}
      >
        <DataTableSearch label="Search people" placeholder="Search by name, email or login" value={list.search} onChange={list.setSearch} />
        {kind === "apps" && (
          <DataTableFilter
            label="Access"
            all="Any access"
            className="w-full sm:w-44"
            value={list.filters.scope}
            onChange={(scope) => list.set({ scope })}
            options={[
              ["USER", "Assigned directly"],
              ["GROUP", "Through a group"],
            ]}
          />
        )}
        {kind === "apps" && (
          <DataTableFilter
            label="Status"
            all="All statuses"
            className="w-full sm:w-44"
            value={list.filters.status}
            onChange={(status) => list.set({ status })}
            options={USER_STATUSES.map((s) => [s, userStatusLabel(s)])}
          />
        )}
        {kind === "apps" && (
          <DataTableFilter
            label="Not used in"
            all="Used or not"
            className="w-full sm:w-52"
            value={list.filters.unusedDays}
            onChange={(unusedDays) => list.set({ unusedDays })}
            options={UNUSED_DAYS_CHOICES.map((d) => [String(d), `Not used in ${d} days`])}
          />
        )}
        {kind === "apps" && (
          <ButtonLink href={`${path}.csv${toSearch(list.filters)}`} variant="secondary" prefetch={false} download>
            <DownloadIcon size={16} />
            Export CSV
          </ButtonLink>
        )}
      </DataTableToolbar>
      {selectable && <BulkBar selection={selection} extra={props.bulk} />}
      <DataTable<Person>
        label={props.title}
        rows={items}
        rowKey={(p) => p.id}
        rowHref={(p) => links.person(integrationId, p.id)}
        loading={query.isFetching}
        error={query.error}
        columns={[
          selectable &&
            selectColumn(
              selection,
              items,
              (p) => ({ integrationId, userId: p.id, login: p.login }),
              (p) => p.login,
            ),
          { header: "Person", className: "max-w-80", cell: (p) => <PersonCell person={p} /> },
          { header: "Status", cell: (p) => <UserStatus status={p.status} /> },
          kind === "apps"
            ? { header: "Access", className: "max-w-80", cell: (p) => "direct" in p && <Access person={p} integrationId={integrationId} /> }
            : {
                header: "Department",
                className: "max-w-80",
                cell: (p) =>
                  "department" in p && (
                    <div className="truncate text-slate-700">{p.department ?? <span className="text-slate-500">—</span>}</div>
                  ),
              },
          kind === "apps" && {
            header: "Last used",
            className: "whitespace-nowrap",
            cell: (p) =>
              "lastUsedAt" in p && <Time value={p.lastUsedAt} format="relative" fallback="Not seen" className="text-slate-700" />,
          },
          {
            header: "Last sign-in",
            className: "whitespace-nowrap",
            cell: (p) => <Time value={p.lastLogin} format="relative" fallback="Never signed in" className="text-slate-700" />,
          },
        ]}
        empty={
          <Quiet>
            {list.filtered
              ? "Nobody here matches the filters."
              : kind === "groups"
                ? "This group has no members."
                : "Nobody is assigned to this app."}
          </Quiet>
        }
        paging={keysetPaging(query, ["person", "people"], { total: list.filtered ? undefined : props.total })}
      />
    </Card>
  );
}

/** How a person has the app: directly, through which groups, or both. */
function Access({ person, integrationId }: { person: AppUserPageData["items"][number]; integrationId: string }) {
  return (
    <div className="flex flex-wrap items-center gap-1.5 text-sm text-slate-600">
      {person.direct && <Badge tone="brand">Direct</Badge>}
      {person.viaGroups.map((g) => (
        <span key={g.id}>
          via{" "}
          <Link href={links.group(integrationId, g.id)} className="font-medium text-slate-800 hover:text-brand-700 hover:underline">
            {g.name}
          </Link>
        </span>
      ))}
    </div>
  );
}
