import { z } from "zod";
import { uuidSegment } from "@/lib/api/params";
import { route } from "@/lib/api/route";
import { runDetailSchema } from "@/lib/sync/contracts";
import { getRun } from "@/lib/sync/get-run";

export const dynamic = "force-dynamic";

const params = z.object({ id: uuidSegment("Integration"), runId: uuidSegment("Sync run") });

export const GET = route({ access: "viewer", params, output: runDetailSchema }, async ({ ctx, params }) =>
  getRun({ ctx, input: { integrationId: params.id, runId: params.runId } }),
);
