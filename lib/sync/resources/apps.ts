// Applications (200 per page, Okta's maximum). Scoped to chosen apps, the others are counted as out
// of scope and not written (a handful of pages: filtering here is simpler than a long filter).

import { oktaAppSchema } from "@/lib/okta/schemas";
import type { ResourceContext } from "../run-context";
import { appRow, appsTable } from "../tables";
import { walkList } from "./walk";

export async function syncApps(ctx: ResourceContext): Promise<"full"> {
  const chosen = ctx.scope?.appIds ? new Set(ctx.scope.appIds) : null;
  await walkList(ctx, {
    path: "/api/v1/apps",
    query: { limit: 200 },
    schema: oktaAppSchema,
    toRow: appRow,
    spec: appsTable,
    what: "apps",
    keep: chosen ? (r) => chosen.has(r.id as string) : undefined,
    countOutOfScope: !!chosen,
  });
  // The list is always read whole (a few pages even for large orgs), so every run, incremental too,
  // is a full pass that sweeps: apps deleted in Okta and a narrowed scope apply at the next run.
  return "full";
}
