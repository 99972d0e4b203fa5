import { route } from "@/lib/api/route";
import { connectIntegration } from "@/lib/integrations/connect-integration";
import { connectInput } from "@/lib/integrations/contracts";
import { listIntegrations } from "@/lib/integrations/list-integrations";

export const GET = route({ access: "viewer" }, async ({ actor }) => listIntegrations({ actor }));

export const POST = route({ access: "admin", body: connectInput, maxBodyBytes: 64 * 1024 }, async ({ actor, body }) => {
  const { integration, verification } = await connectIntegration({ actor, input: body });
  return Response.json({ ...integration, verification }, { status: 201 });
});
