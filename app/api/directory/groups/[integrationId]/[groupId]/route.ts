import { route } from "@/lib/api/route";
import { groupParams } from "@/lib/directory/contracts";
import { getGroup } from "@/lib/directory/get-group";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", params: groupParams }, ({ actor, params }) => getGroup({ ctx: actor, input: params }));
