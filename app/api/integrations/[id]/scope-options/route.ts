import { idParam } from "@/lib/api/params";
import { route } from "@/lib/api/route";
import { scopeOptionsQuery, scopeOptionsSchema } from "@/lib/overview/contracts";
import { getScopeOptions } from "@/lib/overview/get-scope-options";

export const dynamic = "force-dynamic";

export const GET = route(
  { access: "viewer", params: idParam("Integration"), query: scopeOptionsQuery, output: scopeOptionsSchema },
  async ({ ctx, params, query }) => getScopeOptions({ ctx, input: { ...query, integrationId: params.id } }),
);
