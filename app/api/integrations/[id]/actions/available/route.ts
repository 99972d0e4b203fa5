import { availableActions, availableActionsQuery } from "@/lib/actions/contracts";
import { listAvailableActions } from "@/lib/actions/list-available-actions";
import { idParam } from "@/lib/api/params";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** The action kinds a person's, group's or app's page offers, each allowed or not and why (a fresh read of the subject). */
export const GET = route(
  { access: "viewer", params: idParam("Integration"), query: availableActionsQuery, output: availableActions },
  async ({ ctx, params, query }) => listAvailableActions({ ctx, input: { ...query, integrationId: params.id } }),
);
