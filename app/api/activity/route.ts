import { listActivity } from "@/lib/activity/list-activity";
import { activityQuery } from "@/lib/activity/schemas";
import { route } from "@/lib/api/route";

export const GET = route({ access: "viewer", query: activityQuery }, async ({ actor, query }) => listActivity(actor.workspaceId, query));
