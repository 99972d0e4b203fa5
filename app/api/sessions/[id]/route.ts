import { idParam } from "@/lib/api/params";
import { route } from "@/lib/api/route";
import { endSession } from "@/lib/sessions/end-session";

const params = idParam("Session");

/** Ends one session: one of your own, or, for an admin, anyone's in the workspace. */
export const DELETE = route({ access: "viewer", params }, async ({ ctx, params }) => {
  await endSession({ ctx, input: { sessionId: params.id } });
  return new Response(null, { status: 204 });
});
