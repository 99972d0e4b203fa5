"use client";
// The searchable, paginated people of a group (members) or an app (who has access and how).
import Link from "next/link";
import { useState } from "react";
import { Alert, Badge, Card, CardHeader, Table, TBody, TD, TH, THead, TR } from "@/components/ui";
import { type AppUserPageData, appUserPage, type MemberPageData, memberPage } from "@/lib/directory/responses";
import { links } from "@/lib/links";
import { Quiet } from "./detail-parts";
import { UserStatus } from "./labels";
import { FilterSelect, ListFooter, SearchBox } from "./list-parts";
import { PersonCell } from "./person-cell";
import { RelativeTime } from "./relative-time";
import { directoryKeys, type Filters, toSearch, useDebounced, usePages } from "./use-directory-list";

type Props =
  | { kind: "groups"; integrationId: string; id: string; total: number; title: string; initial: MemberPageData }
  | { kind: "apps"; integrationId: string; id: string; total: number; title: string; initial: AppUserPageData };

export function PeopleOf(props: Props) {
  const [search, setSearch] = useState("");
  const [scope, setScope] = useState("");
  const q = useDebounced(search.trim(), 300);
  const filters: Filters = props.kind === "apps" ? { q, scope } : { q };
  const isInitial = !q && !scope;
  const path = `/api/directory/${props.kind}/${encodeURIComponent(props.integrationId)}/${encodeURIComponent(props.id)}/${props.kind === "groups" ? "members" : "users"}`;
  const { query, items } = usePages<AppUserPageData["items"][number] | MemberPageData["items"][number]>({
    key: directoryKeys.people(props.kind, props.integrationId, props.id, filters),
    url: (cursor) => `${path}${toSearch(filters, cursor)}`,
    schema: props.kind === "apps" ? appUserPage : memberPage,
    initial: isInitial ? props.initial : undefined,
  });
  const filtered = !isInitial;
  return (
    <Card className="mt-6">
      <CardHeader title={props.title} />
      <form
        role="search"
        className="flex flex-wrap items-center gap-3 border-b border-slate-200 px-4 py-3"
        onSubmit={(e) => e.preventDefault()}
      >
        <SearchBox label="Search people" placeholder="Search by name, email or login" value={search} onChange={setSearch} />
        {props.kind === "apps" && (
          <FilterSelect
            label="Access"
            all="Any access"
            value={scope}
            onChange={setScope}
            options={[
              ["USER", "Assigned directly"],
              ["GROUP", "Through a group"],
            ]}
          />
        )}
      </form>
      {query.isError && (
        <div className="px-4 pt-4">
          <Alert tone="danger">{query.error.message}</Alert>
        </div>
      )}
      {items.length === 0 && !query.isFetching ? (
        <Quiet>
          {filtered
            ? "Nobody here matches the search."
            : props.kind === "groups"
              ? "This group has no members."
              : "Nobody is assigned to this app."}
        </Quiet>
      ) : (
        <Table label={props.title}>
          <THead>
            <TH>Person</TH>
            <TH>Status</TH>
            {props.kind === "apps" ? <TH>Access</TH> : <TH>Department</TH>}
            <TH>Last sign-in</TH>
          </THead>
          <TBody>
            {items.map((p) => (
              <TR key={p.id}>
                <TD className="max-w-80">
                  <PersonCell person={p} />
                </TD>
                <TD>
                  <UserStatus status={p.status} />
                </TD>
                <TD className="max-w-80">
                  {"direct" in p ? (
                    <div className="flex flex-wrap items-center gap-1.5 text-sm text-slate-600">
                      {p.direct && <Badge tone="brand">Direct</Badge>}
                      {p.viaGroups.map((g) => (
                        <span key={g.id}>
                          via{" "}
                          <Link
                            href={links.group(props.integrationId, g.id)}
                            className="font-medium text-slate-800 hover:text-brand-700 hover:underline"
                          >
                            {g.name}
                          </Link>
                        </span>
                      ))}
                    </div>
                  ) : (
                    <div className="truncate text-slate-700">{p.department ?? <span className="text-slate-400">—</span>}</div>
                  )}
                </TD>
                <TD className="whitespace-nowrap">
                  <RelativeTime value={p.lastLogin} never="Never signed in" />
                </TD>
              </TR>
            ))}
          </TBody>
        </Table>
      )}
      <ListFooter
        shown={items.length}
        total={filtered ? undefined : props.total}
        noun={["person", "people"]}
        hasMore={!!query.hasNextPage}
        loading={query.isFetchingNextPage}
        onMore={() => query.fetchNextPage()}
      />
    </Card>
  );
}
