// Every assignment not used for N days, across the workspace's apps (the Unused access view as
// rows): app by app in the view's order, each app's people by name, a page at a time.
import type { WorkspaceCtx } from "@/lib/context";
import { UNUSED_DAYS_DEFAULT, type UnusedAccessInput } from "./contracts";
import { allPages, csvStream } from "./csv";
import { APP_USERS_CSV_COLUMNS, appUserCells } from "./export-app-users-csv";
import { listAppUsers } from "./list-people-of";
import { listUnusedAccess } from "./list-unused-access";

export function exportUnusedAccessCsv({ ctx, input }: { ctx: WorkspaceCtx; input: UnusedAccessInput & { now?: Date } }) {
  const days = input.days ?? UNUSED_DAYS_DEFAULT;
  const now = input.now ?? new Date();
  async function* rows() {
    const { apps } = await listUnusedAccess({ ctx, input: { ...input, days, now } });
    for (const app of apps) {
      if (app.unused === 0) continue;
      const pages = allPages({ integrationId: app.integrationId, appId: app.id, unusedDays: days, now }, (i) =>
        listAppUsers({ ctx, input: i }),
      );
      for await (const page of pages) yield page.map((p) => ({ app, p }));
    }
  }
  return {
    filename: `unused-access-${days}-days-${now.toISOString().slice(0, 10)}.csv`,
    stream: csvStream(
      ["integration", "app_id", "app", ...APP_USERS_CSV_COLUMNS],
      rows(),
      ({ app, p }: { app: { integrationName: string; id: string; label: string }; p: Parameters<typeof appUserCells>[0] }) => [
        app.integrationName,
        app.id,
        app.label,
        ...appUserCells(p),
      ],
    ),
  };
}
