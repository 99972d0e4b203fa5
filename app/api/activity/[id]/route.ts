import { activityEvent, eventParams, eventQuery } from "@/lib/activity/contracts";
import { getActivityEvent } from "@/lib/activity/get-activity-event";
import { route } from "@/lib/api/route";

export const GET = route(
  { access: "viewer", params: eventParams, query: eventQuery, output: activityEvent },
  async ({ ctx, params, query }) => getActivityEvent({ ctx, input: { id: params.id, integrationId: query.integrationId } }),
);
