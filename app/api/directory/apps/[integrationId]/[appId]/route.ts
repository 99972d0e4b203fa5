import { route } from "@/lib/api/route";
import { appParams } from "@/lib/directory/contracts";
import { getApp } from "@/lib/directory/get-app";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", params: appParams }, ({ ctx, params }) => getApp({ ctx, input: params }));
