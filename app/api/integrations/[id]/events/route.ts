import { z } from "zod";
import { EVENT_LEVELS } from "@/db/enums";
import { idParam } from "@/lib/api/params";
import { cursorQuery, route } from "@/lib/api/route";
import { EVENT_KINDS } from "@/lib/integrations/event-kinds";
import { eventListSchema } from "@/lib/sync/contracts";
import { listEvents } from "@/lib/sync/list-events";

export const dynamic = "force-dynamic";

const query = cursorQuery
  .extend({
    level: z.enum(EVENT_LEVELS).optional(),
    kind: z.enum(EVENT_KINDS, "must be an event kind such as sync.scope_missing").optional(),
    runId: z.uuid().optional(),
  })
  .strict();

export const GET = route(
  { access: "viewer", params: idParam("Integration"), query, output: eventListSchema },
  async ({ ctx, params, query }) => listEvents({ ctx, input: { integrationId: params.id, ...query } }),
);
