import { z } from "zod";
import { RUN_MODES } from "@/db/enums";
import { idParam } from "@/lib/api/params";
import { cursorQuery, json, route } from "@/lib/api/route";
import { runListSchema, startSyncResponseSchema } from "@/lib/sync/contracts";
import { getRun } from "@/lib/sync/get-run";
import { listRuns } from "@/lib/sync/list-runs";
import { startSync } from "@/lib/sync/start-sync";

export const dynamic = "force-dynamic";

const params = idParam("Integration");

export const GET = route({ access: "viewer", params, query: cursorQuery.strict(), output: runListSchema }, async ({ ctx, params, query }) =>
  listRuns({ ctx, input: { integrationId: params.id, ...query } }),
);

/** Starts a run (202) or returns the one already queued or running (200). */
export const POST = route(
  { access: "admin", params, body: z.object({ mode: z.enum(RUN_MODES).optional() }).strict() },
  async ({ ctx, params, body }) => {
    const { run, created } = await startSync({ ctx, input: { integrationId: params.id, trigger: "manual", mode: body.mode } });
    const detail = await getRun({ ctx, input: { integrationId: params.id, runId: run.id } });
    return json(startSyncResponseSchema.parse({ created, run: detail }), created ? 202 : 200);
  },
);
