import { route } from "@/lib/api/route";
import { listAppsQuery } from "@/lib/directory/contracts";
import { csvResponse } from "@/lib/directory/csv-response";
import { exportDirectoryCsv } from "@/lib/directory/export-csv";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", query: listAppsQuery }, async ({ ctx, query }) =>
  csvResponse(exportDirectoryCsv({ ctx, input: { list: "apps", filters: query } })),
);
