import { idParam } from "@/lib/api/params";
import { route } from "@/lib/api/route";
import { disconnectQuery, updateInput } from "@/lib/integrations/contracts";
import { disconnectIntegration } from "@/lib/integrations/disconnect-integration";
import { getIntegration } from "@/lib/integrations/get-integration";
import { updateIntegration } from "@/lib/integrations/update-integration";

const params = idParam("Integration");

export const GET = route({ access: "viewer", params }, async ({ ctx, params }) =>
  getIntegration({ ctx, input: { integrationId: params.id } }),
);

export const PATCH = route({ access: "admin", params, body: updateInput, maxBodyBytes: 64 * 1024 }, async ({ ctx, params, body }) => {
  const { integration, verification } = await updateIntegration({ ctx, input: { ...body, integrationId: params.id } });
  return { ...integration, verification };
});

export const DELETE = route({ access: "admin", params, query: disconnectQuery }, async ({ ctx, params, query }) =>
  disconnectIntegration({ ctx, input: { integrationId: params.id, deleteData: query.deleteData } }),
);
