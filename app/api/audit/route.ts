import { route } from "@/lib/api/route";
import { auditPage, auditQuery } from "@/lib/audit/contracts";
import { listAudit } from "@/lib/audit/list-audit";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", query: auditQuery, output: auditPage }, async ({ ctx, query }) =>
  listAudit({ ctx, input: query }),
);
