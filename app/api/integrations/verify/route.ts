import { route } from "@/lib/api/route";
import { verifyInput } from "@/lib/integrations/contracts";
import { verifyIntegration } from "@/lib/integrations/verify-integration";

export const POST = route({ access: "admin", body: verifyInput, maxBodyBytes: 64 * 1024 }, async ({ ctx, body }) =>
  verifyIntegration({ ctx, input: body }),
);
