import { idParam } from "@/lib/api/params";
import { cursorQuery, route } from "@/lib/api/route";
import { runHistorySchema } from "@/lib/overview/contracts";
import { listRunHistory } from "@/lib/overview/list-run-history";

export const dynamic = "force-dynamic";

export const GET = route(
  { access: "viewer", params: idParam("Integration"), query: cursorQuery.strict(), output: runHistorySchema },
  async ({ ctx, params, query }) => listRunHistory({ ctx, input: { integrationId: params.id, ...query } }),
);
