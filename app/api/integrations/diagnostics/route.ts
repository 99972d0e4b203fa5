import { route } from "@/lib/api/route";
import { presaveDiagnosticsInput } from "@/lib/diagnostics/contracts";
import { respondWithDiagnostics } from "@/lib/diagnostics/respond";
import { startPresaveDiagnostics } from "@/lib/diagnostics/run-presave-diagnostics";

export const dynamic = "force-dynamic";

/** The same checks before saving: the body of POST /api/integrations/verify plus `symptom`. */
export const POST = route({ access: "admin", body: presaveDiagnosticsInput, maxBodyBytes: 64 * 1024 }, async ({ req, ctx, body }) =>
  respondWithDiagnostics(req, await startPresaveDiagnostics({ ctx, input: body })),
);
