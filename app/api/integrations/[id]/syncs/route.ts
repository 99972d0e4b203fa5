import { z } from "zod";
import { RUN_MODES } from "@/db/schema";
import { cursorQuery, json, route } from "@/lib/api/route";
import { runListSchema, startSyncResponseSchema } from "@/lib/sync/contracts";
import { getRun } from "@/lib/sync/get-run";
import { listRuns } from "@/lib/sync/list-runs";
import { startSync } from "@/lib/sync/start-sync";

export const dynamic = "force-dynamic";

const params = z.object({ id: z.uuid() });

export const GET = route({ access: "viewer", params, query: cursorQuery.strict() }, async ({ actor, params, query }) =>
  runListSchema.parse(await listRuns({ workspaceId: actor.workspaceId, integrationId: params.id, ...query })),
);

/** Starts a run (202) or returns the one already queued or running (200). */
export const POST = route(
  { access: "admin", params, body: z.object({ mode: z.enum(RUN_MODES).optional() }).strict() },
  async ({ actor, params, body }) => {
    const { run, created } = await startSync({
      integrationId: params.id,
      workspaceId: actor.workspaceId,
      trigger: "manual",
      actorUserId: actor.userId,
      mode: body.mode,
    });
    const detail = await getRun({ workspaceId: actor.workspaceId, integrationId: params.id, runId: run.id });
    return json(startSyncResponseSchema.parse({ created, run: detail }), created ? 202 : 200);
  },
);
