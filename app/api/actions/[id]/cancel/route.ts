import { cancelAction } from "@/lib/actions/cancel-action";
import { actionRequestDetail } from "@/lib/actions/contracts";
import { idParam } from "@/lib/api/params";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const POST = route({ access: "operator", params: idParam("Action request"), output: actionRequestDetail }, async ({ ctx, params }) =>
  cancelAction({ ctx, input: { id: params.id } }),
);
