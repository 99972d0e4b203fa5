import { route } from "@/lib/api/route";
import { listUsersQuery } from "@/lib/directory/contracts";
import { csvResponse } from "@/lib/directory/csv-response";
import { exportDirectoryCsv } from "@/lib/directory/export-csv";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", query: listUsersQuery }, async ({ ctx, query }) =>
  csvResponse(exportDirectoryCsv({ ctx, input: { list: "users", filters: query } })),
);
