import { route } from "@/lib/api/route";
import { userParams } from "@/lib/directory/contracts";
import { getUser } from "@/lib/directory/get-user";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", params: userParams }, ({ ctx, params }) => getUser({ ctx, input: params }));
