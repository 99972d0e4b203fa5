import { route } from "@/lib/api/route";
import { unusedAccessQuery } from "@/lib/directory/contracts";
import { csvResponse } from "@/lib/directory/csv-response";
import { exportUnusedAccessCsv } from "@/lib/directory/export-unused-access-csv";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", query: unusedAccessQuery }, async ({ ctx, query }) =>
  csvResponse(exportUnusedAccessCsv({ ctx, input: query })),
);
