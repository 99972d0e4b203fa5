import { activityPage, activityQuery } from "@/lib/activity/contracts";
import { listActivity } from "@/lib/activity/list-activity";
import { route } from "@/lib/api/route";

export const GET = route({ access: "viewer", query: activityQuery, output: activityPage }, async ({ ctx, query }) =>
  listActivity({ ctx, input: query }),
);
