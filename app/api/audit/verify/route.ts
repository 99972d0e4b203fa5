import { z } from "zod";
import { route } from "@/lib/api/route";
import { auditVerifyResult } from "@/lib/audit/contracts";
import { verifyAuditChain } from "@/lib/audit/verify-audit-chain";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", query: z.object({}).strict(), output: auditVerifyResult }, async ({ ctx }) =>
  verifyAuditChain({ ctx }),
);
