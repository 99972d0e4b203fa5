import { approveAction } from "@/lib/actions/approve-action";
import { actionRequestDetail, approveActionBody } from "@/lib/actions/contracts";
import { idParam } from "@/lib/api/params";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const POST = route(
  { access: "admin", params: idParam("Action request"), body: approveActionBody, output: actionRequestDetail },
  async ({ ctx, params, body }) => approveAction({ ctx, input: { id: params.id, comment: body.comment } }),
);
