import { z } from "zod";
import { cursorQuery, route } from "@/lib/api/route";
import { listRunHistory } from "@/lib/overview/list-run-history";

export const dynamic = "force-dynamic";

export const GET = route(
  { access: "viewer", params: z.object({ id: z.uuid("must be an integration id") }), query: cursorQuery.strict() },
  async ({ actor, params, query }) => listRunHistory({ workspaceId: actor.workspaceId, integrationId: params.id, ...query }),
);
