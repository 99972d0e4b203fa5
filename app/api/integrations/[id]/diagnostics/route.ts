import { z } from "zod";
import { route } from "@/lib/api/route";
import { diagnosticsInput } from "@/lib/diagnostics/contracts";
import { respondWithDiagnostics } from "@/lib/diagnostics/respond";
import { startDiagnostics } from "@/lib/diagnostics/run-diagnostics";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.uuid("must be an integration id") });

/** Runs the troubleshooting checks of a symptom; JSON `{ checks }`, or NDJSON lines with Accept: application/x-ndjson. */
export const POST = route({ access: "admin", params, body: diagnosticsInput }, async ({ req, actor, params, body }) =>
  respondWithDiagnostics(req, await startDiagnostics({ actor, integrationId: params.id, symptom: body.symptom })),
);
