import { route } from "@/lib/api/route";
import { listGroupsQuery } from "@/lib/directory/contracts";
import { listGroups } from "@/lib/directory/list-groups";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", query: listGroupsQuery }, ({ ctx, query }) => listGroups({ ctx, input: query }));
