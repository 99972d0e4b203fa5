import { idParam } from "@/lib/api/params";
import { route } from "@/lib/api/route";
import { removeResult } from "@/lib/integrations/contracts";
import { removeIntegration } from "@/lib/integrations/remove-integration";

// Removes a disconnected integration and everything of it (its imported data included).
export const POST = route({ access: "admin", params: idParam("Integration"), output: removeResult }, async ({ ctx, params }) =>
  removeIntegration({ ctx, input: { integrationId: params.id } }),
);
