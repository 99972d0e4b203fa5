import { activityFilters } from "@/lib/activity/contracts";
import { exportActivityCsv } from "@/lib/activity/export-activity-csv";
import { route } from "@/lib/api/route";
import { csvResponse } from "@/lib/directory/csv-response";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", query: activityFilters }, async ({ ctx, query }) =>
  csvResponse(exportActivityCsv({ ctx, input: query })),
);
