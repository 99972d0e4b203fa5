import { z } from "zod";
import { route } from "@/lib/api/route";
import { getRun } from "@/lib/sync/get-run";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", params: z.object({ id: z.uuid(), runId: z.uuid() }) }, async ({ actor, params }) =>
  getRun({ workspaceId: actor.workspaceId, integrationId: params.id, runId: params.runId }),
);
