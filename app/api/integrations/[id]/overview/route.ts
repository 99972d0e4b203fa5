import { z } from "zod";
import { route } from "@/lib/api/route";
import { getOverview } from "@/lib/overview/get-overview";

export const dynamic = "force-dynamic";

export const GET = route(
  { access: "viewer", params: z.object({ id: z.uuid("must be an integration id") }), query: z.object({}).strict() },
  async ({ actor, params }) => getOverview({ workspaceId: actor.workspaceId, integrationId: params.id }),
);
