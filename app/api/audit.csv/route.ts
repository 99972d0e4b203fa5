import { route } from "@/lib/api/route";
import { auditFilters } from "@/lib/audit/contracts";
import { exportAuditCsv } from "@/lib/audit/export-audit-csv";
import { csvResponse } from "@/lib/directory/csv-response";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", query: auditFilters }, async ({ ctx, query }) =>
  csvResponse(exportAuditCsv({ ctx, input: query })),
);
