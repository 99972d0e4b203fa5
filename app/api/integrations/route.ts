import { route } from "@/lib/api/route";
import { connectIntegration } from "@/lib/integrations/connect-integration";
import { connectInput } from "@/lib/integrations/contracts";
import { listIntegrations } from "@/lib/integrations/list-integrations";

export const GET = route({ access: "viewer" }, async ({ ctx }) => listIntegrations({ ctx }));

export const POST = route({ access: "admin", body: connectInput, maxBodyBytes: 64 * 1024 }, async ({ ctx, body }) => {
  const { integration, verification } = await connectIntegration({ ctx, input: body });
  return Response.json({ ...integration, verification }, { status: 201 });
});
