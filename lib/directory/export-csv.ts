// CSV export of a directory list exactly as filtered and sorted on screen, streamed page by page.
// The people export can add groups, apps, admin roles and manager columns (`columns=`), read per page.
// People are read EXPORT_PAGE at a time through the list's own keyset query (userCsvPage: same filters,
// same order, times as ISO text), without the admin roles the on-screen list adds to each page, and the next page is
// queried while this one is written (allPages), so a million-person org streams in well under a minute.

import type { WorkspaceCtx } from "@/lib/context";
import { type ListAppsInput, type ListGroupsInput, type ListUsersInput, PEOPLE_CSV_EXTRAS, type UsersCsvInput } from "./contracts";
import { allPages, csvStream } from "./csv";
import { type AppListItem, listApps } from "./list-apps";
import { type GroupListItem, listGroups } from "./list-groups";
import { userCsvPage } from "./list-users";
import { peopleExtras } from "./people-extras";
import { workspaceIntegrations } from "./scope";

/** People per query of the people export. */
export const EXPORT_PAGE = 5000;

type PersonRow = Awaited<ReturnType<typeof userCsvPage>>["items"][number];
type ExportedPerson = PersonRow & { integrationName: string; extra?: { groups: string; apps: string; roles: string } };

/** Each page of people with its integration's name and the extra columns asked for. */
async function* withExtras(
  ctx: WorkspaceCtx,
  pages: AsyncGenerator<PersonRow[]>,
  columns: UsersCsvInput["columns"],
): AsyncGenerator<ExportedPerson[]> {
  let names: Map<string, string> | undefined;
  for await (const page of pages) {
    names ??= new Map((await workspaceIntegrations(ctx)).map((i) => [i.id, i.name]));
    const extra = columns ? await peopleExtras(ctx, page, columns) : null;
    yield page.map((p) => ({ ...p, integrationName: names?.get(p.integrationId) ?? "", extra: extra?.(p) }));
  }
}

type Export =
  | { list: "users"; filters: UsersCsvInput }
  | { list: "groups"; filters: ListGroupsInput }
  | { list: "apps"; filters: ListAppsInput };

export function exportDirectoryCsv({ ctx, input }: { ctx: WorkspaceCtx; input: Export }): {
  filename: string;
  stream: ReadableStream<Uint8Array>;
} {
  const day = new Date().toISOString().slice(0, 10);
  const { cursor: _c, limit: _l, ...filters } = input.filters;
  if (input.list === "users") {
    const { columns, ...userFilters } = filters as UsersCsvInput;
    // Always in the same order, whatever order `columns` named them in.
    const extras = PEOPLE_CSV_EXTRAS.filter((c) => columns?.includes(c));
    return {
      filename: `people-${day}.csv`,
      stream: csvStream(
        [
          "integration",
          "id",
          "login",
          "email",
          "first_name",
          "last_name",
          "display_name",
          "status",
          "department",
          "title",
          "last_login",
          "created",
          "status_changed",
          ...extras.flatMap((c) => (c === "roles" ? ["admin_roles"] : c === "manager" ? ["manager", "manager_id"] : [c])),
        ],
        withExtras(
          ctx,
          allPages(userFilters as ListUsersInput, (i) => userCsvPage(ctx, i), EXPORT_PAGE),
          extras.length ? extras : undefined,
        ),
        (p: ExportedPerson) => [
          p.integrationName,
          p.id,
          p.login,
          p.email,
          p.firstName,
          p.lastName,
          p.displayName,
          p.status,
          p.department,
          p.title,
          p.lastLogin,
          p.created,
          p.statusChanged,
          ...extras.flatMap((c) =>
            c === "manager" ? [p.manager, p.managerId] : [p.extra?.[c === "groups" ? "groups" : c === "apps" ? "apps" : "roles"]],
          ),
        ],
      ),
    };
  }
  if (input.list === "groups") {
    return {
      filename: `groups-${day}.csv`,
      stream: csvStream(
        ["integration", "id", "name", "type", "description", "members", "apps", "created", "last_membership_updated"],
        allPages(filters as ListGroupsInput, (i) => listGroups({ ctx, input: i })),
        (x: GroupListItem) => [
          x.integrationName,
          x.id,
          x.name,
          x.type,
          x.description,
          x.memberCount,
          x.appCount,
          x.created,
          x.lastMembershipUpdated,
        ],
      ),
    };
  }
  return {
    filename: `apps-${day}.csv`,
    stream: csvStream(
      ["integration", "id", "label", "name", "status", "sign_on_mode", "users", "groups", "created"],
      allPages(filters as ListAppsInput, (i) => listApps({ ctx, input: i })),
      (x: AppListItem) => [x.integrationName, x.id, x.label, x.name, x.status, x.signOnMode, x.userCount, x.groupCount, x.created],
    ),
  };
}
