import { route } from "@/lib/api/route";
import { appParams, listAppUsersQuery } from "@/lib/directory/contracts";
import { csvResponse } from "@/lib/directory/csv-response";
import { exportAppUsersCsv } from "@/lib/directory/export-app-users-csv";
import { getApp } from "@/lib/directory/get-app";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", params: appParams, query: listAppUsersQuery }, async ({ ctx, params, query }) => {
  // A missing app is a 404 before the download starts, not an error inside a 200 stream.
  await getApp({ ctx, input: params });
  return csvResponse(exportAppUsersCsv({ ctx, input: { ...query, ...params } }));
});
