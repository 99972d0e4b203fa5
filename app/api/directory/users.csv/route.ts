import { route } from "@/lib/api/route";
import { usersCsvQuery } from "@/lib/directory/contracts";
import { csvResponse } from "@/lib/directory/csv-response";
import { exportDirectoryCsv } from "@/lib/directory/export-csv";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", query: usersCsvQuery }, async ({ ctx, query }) =>
  csvResponse(exportDirectoryCsv({ ctx, input: { list: "users", filters: query } })),
);
