// CSV export of a directory list exactly as filtered and sorted on screen, streamed page by page.

import type { WorkspaceCtx } from "@/lib/context";
import type { ListAppsInput, ListGroupsInput, ListUsersInput, Page } from "./contracts";
import { csvStream } from "./csv";
import { type AppListItem, listApps } from "./list-apps";
import { type GroupListItem, listGroups } from "./list-groups";
import { listUsers, type UserListItem } from "./list-users";

const PAGE = 1000;

async function* allPages<I extends { cursor?: string; limit?: number }, T>(input: I, list: (input: I) => Promise<Page<T>>) {
  let cursor: string | undefined;
  do {
    const page = await list({ ...input, cursor, limit: PAGE });
    if (page.items.length) yield page.items;
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
}

type Export =
  | { list: "users"; filters: ListUsersInput }
  | { list: "groups"; filters: ListGroupsInput }
  | { list: "apps"; filters: ListAppsInput };

export function exportDirectoryCsv({ ctx, input }: { ctx: WorkspaceCtx; input: Export }): {
  filename: string;
  stream: ReadableStream<Uint8Array>;
} {
  const day = new Date().toISOString().slice(0, 10);
  const { cursor: _c, limit: _l, ...filters } = input.filters;
  if (input.list === "users") {
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
        ],
        allPages(filters as ListUsersInput, (i) => listUsers({ ctx, input: i })),
        (p: UserListItem) => [
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
