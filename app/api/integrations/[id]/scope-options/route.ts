import { z } from "zod";
import { route } from "@/lib/api/route";
import { getScopeOptions } from "@/lib/overview/get-scope-options";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.uuid("must be an integration id") });

export const GET = route({ access: "viewer", params }, async ({ actor, params }) =>
  getScopeOptions({ workspaceId: actor.workspaceId, integrationId: params.id }),
);
