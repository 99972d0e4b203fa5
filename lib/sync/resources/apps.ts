// Applications (200 per page, Okta's maximum).
import type { ResourceContext } from "../run-context";
import { appRow, appsTable, oktaAppSchema } from "../tables";
import { walkList } from "./walk";

export async function syncApps(ctx: ResourceContext) {
  await walkList(ctx, { path: "/api/v1/apps", query: { limit: 200 }, schema: oktaAppSchema, toRow: appRow, spec: appsTable, what: "apps" });
}
