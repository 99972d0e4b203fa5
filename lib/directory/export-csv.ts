// CSV export of a directory list exactly as filtered and sorted on screen, streamed page by page.
// The people export can add groups, apps, admin roles and manager columns (`columns=`), read per page.

import type { WorkspaceCtx } from "@/lib/context";
import { type ListAppsInput, type ListGroupsInput, type ListUsersInput, PEOPLE_CSV_EXTRAS, type UsersCsvInput } from "./contracts";
import { allPages, csvStream } from "./csv";
import { type AppListItem, listApps } from "./list-apps";
import { type GroupListItem, listGroups } from "./list-groups";
import { listUsers, type UserListItem } from "./list-users";
import { peopleExtras } from "./people-extras";

/** A page of people with the extra columns asked for. */
async function* withExtras(ctx: WorkspaceCtx, pages: AsyncGenerator<UserListItem[]>, columns: UsersCsvInput["columns"]) {
  for await (const page of pages) {
    const extra = columns ? await peopleExtras(ctx, page, columns) : null;
    yield page.map((p) => ({ ...p, extra: extra?.(p) }));
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
          allPages(userFilters as ListUsersInput, (i) => listUsers({ ctx, input: i })),
          extras.length ? extras : undefined,
        ),
        (p: UserListItem & { extra?: { groups: string; apps: string; roles: string } }) => [
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
