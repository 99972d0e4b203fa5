import { listEventTypes } from "@/lib/activity/list-event-types";
import { route } from "@/lib/api/route";

export const GET = route({ access: "viewer" }, async ({ ctx }) => ({ items: await listEventTypes({ ctx }) }));
