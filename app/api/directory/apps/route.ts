import { route } from "@/lib/api/route";
import { listAppsQuery } from "@/lib/directory/contracts";
import { listApps } from "@/lib/directory/list-apps";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", query: listAppsQuery }, ({ ctx, query }) => listApps({ ctx, input: query }));
