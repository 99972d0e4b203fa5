import { route } from "@/lib/api/route";
import { groupParams } from "@/lib/directory/contracts";
import { getGroup } from "@/lib/directory/get-group";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", params: groupParams }, ({ ctx, params }) => getGroup({ ctx, input: params }));
