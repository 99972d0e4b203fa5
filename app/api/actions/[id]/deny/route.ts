import { actionRequestDetail, denyActionBody } from "@/lib/actions/contracts";
import { denyAction } from "@/lib/actions/deny-action";
import { idParam } from "@/lib/api/params";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const POST = route(
  { access: "admin", params: idParam("Action request"), body: denyActionBody, output: actionRequestDetail },
  async ({ ctx, params, body }) => denyAction({ ctx, input: { id: params.id, comment: body.comment } }),
);
