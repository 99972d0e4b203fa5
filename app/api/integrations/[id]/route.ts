import { z } from "zod";
import { route } from "@/lib/api/route";
import { disconnectQuery, updateInput } from "@/lib/integrations/contracts";
import { disconnectIntegration } from "@/lib/integrations/disconnect-integration";
import { getIntegration } from "@/lib/integrations/get-integration";
import { updateIntegration } from "@/lib/integrations/update-integration";

const params = z.object({ id: z.uuid("must be an integration id") });

export const GET = route({ access: "viewer", params }, async ({ actor, params }) => getIntegration({ actor, id: params.id }));

export const PATCH = route({ access: "admin", params, body: updateInput, maxBodyBytes: 64 * 1024 }, async ({ actor, params, body }) => {
  const { integration, verification } = await updateIntegration({ actor, id: params.id, input: body });
  return { ...integration, verification };
});

export const DELETE = route({ access: "admin", params, query: disconnectQuery }, async ({ actor, params, query }) =>
  disconnectIntegration({ actor, id: params.id, deleteData: query.deleteData }),
);
