import { actionRequestDetail } from "@/lib/actions/contracts";
import { getAction } from "@/lib/actions/get-action";
import { idParam } from "@/lib/api/params";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", params: idParam("Action request"), output: actionRequestDetail }, async ({ ctx, params }) =>
  getAction({ ctx, input: { id: params.id } }),
);
