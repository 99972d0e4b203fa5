import { z } from "zod";
import { uuidSegment } from "@/lib/api/params";
import { route } from "@/lib/api/route";
import { runChangeListSchema, runChangesQuery } from "@/lib/sync/contracts";
import { listRunChanges } from "@/lib/sync/list-run-changes";

export const dynamic = "force-dynamic";

const params = z.object({ id: uuidSegment("Integration"), runId: uuidSegment("Sync run") });

export const GET = route(
  { access: "viewer", params, query: runChangesQuery, output: runChangeListSchema },
  async ({ ctx, params, query }) => listRunChanges({ ctx, input: { integrationId: params.id, runId: params.runId, ...query } }),
);
