import { idParam } from "@/lib/api/params";
import { route } from "@/lib/api/route";
import { diagnosticsInput } from "@/lib/diagnostics/contracts";
import { respondWithDiagnostics } from "@/lib/diagnostics/respond";
import { startDiagnostics } from "@/lib/diagnostics/run-diagnostics";

export const dynamic = "force-dynamic";

/** Runs the troubleshooting checks of a symptom; JSON `{ checks }`, or NDJSON lines with Accept: application/x-ndjson. */
export const POST = route({ access: "admin", params: idParam("Integration"), body: diagnosticsInput }, async ({ req, ctx, params, body }) =>
  respondWithDiagnostics(req, await startDiagnostics({ ctx, input: { integrationId: params.id, symptom: body.symptom } })),
);
