// Who is assigned to each app: users (scope USER = direct, GROUP = through a group; 500 per page)
// and groups (with priority; 200 per page). Apps are walked in id order, several at a time.
import type { ResourceContext } from "../run-context";
import { appGroupRow, appGroupsTable, appUserRow, appUsersTable, oktaAppGroupSchema, oktaAppUserSchema, type TableSpec } from "../tables";
import type { ZodType } from "zod";
import { InvalidObjects, isNotFound, liveParents, parseItems, throwIfAborted, walkParents, type Row } from "./walk";

type AppState = { users?: string; groups?: string } | undefined;

export async function syncAppAssignments(ctx: ResourceContext) {
  const invalid = new InvalidObjects();
  const lists = [
    { key: "users", path: "users", limit: 500, schema: oktaAppUserSchema as ZodType<unknown>, toRow: appUserRow as (appId: string, x: unknown) => Row, spec: appUsersTable as TableSpec },
    { key: "groups", path: "groups", limit: 200, schema: oktaAppGroupSchema as ZodType<unknown>, toRow: appGroupRow as (appId: string, x: unknown) => Row, spec: appGroupsTable as TableSpec },
  ] as const;
  await walkParents<{ id: string }>(ctx, {
    parents: (after) => liveParents("okta_apps", ctx.lease.integrationId, after),
    concurrency: 4,
    work: async (app, raw) => {
      const state = (raw ?? {}) as NonNullable<AppState>;
      try {
        for (const list of lists) {
          const at = state[list.key];
          if (at === "done") continue;
          const pages = at ? ctx.client.pages<unknown>(at) : ctx.client.pages<unknown>(`/api/v1/apps/${encodeURIComponent(app.id)}/${list.path}`, { limit: list.limit });
          for await (const page of pages) {
            throwIfAborted(ctx);
            const { rows, invalid: bad } = parseItems(page.items, list.schema, (x) => list.toRow(app.id, x));
            invalid.add(bad);
            await ctx.commit({ writes: [{ spec: list.spec, rows }], pages: 1, objects: rows.length, checkpoint: { setPath: ["inflight", app.id, list.key], value: page.nextUrl ?? "done" } });
          }
        }
      } catch (e) {
        if (!isNotFound(e)) throw e;
      }
    },
  });
  await invalid.report(ctx, "app assignments");
}
