import { route } from "@/lib/api/route";
import { getWorkspace } from "@/lib/workspaces/get-workspace";

/** Who is calling and in which workspace: handy to check an API key. */
export const GET = route({ access: "viewer", beforePasswordChange: true, beforeTotpEnrolment: true }, async ({ ctx }) => {
  const { actor } = ctx;
  const ws = await getWorkspace({ ctx });
  return {
    user: { id: actor.userId, email: actor.email, name: actor.name, role: actor.role },
    workspace: { id: ws.id, name: ws.name },
    via: actor.via,
  };
});
