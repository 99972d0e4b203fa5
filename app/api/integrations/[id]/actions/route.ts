import { actionRequestDetail, requestActionBody } from "@/lib/actions/contracts";
import { requestAction } from "@/lib/actions/request-action";
import { idParam } from "@/lib/api/params";
import { json, route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** Requests an action on Okta (operators and admins): 201 with the request, pending approval or queued. */
export const POST = route({ access: "operator", params: idParam("Integration"), body: requestActionBody }, async ({ ctx, params, body }) =>
  json(actionRequestDetail.parse(await requestAction({ ctx, input: { ...body, integrationId: params.id } })), 201),
);
