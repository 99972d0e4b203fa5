import { actionPreview, previewActionBody } from "@/lib/actions/contracts";
import { previewAction } from "@/lib/actions/preview-action";
import { idParam } from "@/lib/api/params";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

/** What the action would do to each target, from a fresh read of it; creates no request. */
export const POST = route(
  { access: "operator", params: idParam("Integration"), body: previewActionBody, output: actionPreview },
  async ({ ctx, params, body }) => previewAction({ ctx, input: { ...body, integrationId: params.id } }),
);
