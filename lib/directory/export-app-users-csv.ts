// CSV of an app's "who has access" list exactly as filtered on screen (search, direct or through a
// group, status, not used in N days), by name, streamed a page at a time. The unused-access export
// (export-unused-access-csv.ts) writes the same columns, app by app.
import type { WorkspaceCtx } from "@/lib/context";
import type { ListAppUsersInput } from "./contracts";
import { allPages, csvStream } from "./csv";
import { type AppUserPage, listAppUsers } from "./list-people-of";

export const APP_USERS_CSV_COLUMNS = [
  "id",
  "login",
  "email",
  "first_name",
  "last_name",
  "status",
  "access",
  "via_groups",
  "assignment_status",
  "app_username",
  "last_used",
  "last_sign_in",
];

type AppUser = AppUserPage["items"][number];
export const appUserCells = (p: AppUser) => [
  p.id,
  p.login,
  p.email,
  p.firstName,
  p.lastName,
  p.status,
  p.direct ? (p.viaGroups.length ? "direct and group" : "direct") : "group",
  p.viaGroups.map((g) => g.name).join("; "),
  p.assignmentStatus,
  p.userName,
  p.lastUsedAt,
  p.lastLogin,
];

export function exportAppUsersCsv({
  ctx,
  input,
}: {
  ctx: WorkspaceCtx;
  input: ListAppUsersInput & { integrationId: string; appId: string; now?: Date };
}) {
  const { cursor: _c, limit: _l, ...filters } = input;
  return {
    filename: `app-${input.appId}-people-${new Date().toISOString().slice(0, 10)}.csv`,
    stream: csvStream(
      APP_USERS_CSV_COLUMNS,
      allPages(filters, (i) => listAppUsers({ ctx, input: i })),
      appUserCells,
    ),
  };
}
