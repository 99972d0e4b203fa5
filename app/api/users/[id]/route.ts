import { z } from "zod";
import { route } from "@/lib/api/route";
import { removeUser } from "@/lib/users/remove-user";
import { updateUserInput } from "@/lib/users/schemas";
import { updateUser } from "@/lib/users/update-user";

const params = z.object({ id: z.uuid("User id must be a UUID") });

export const PATCH = route({ access: "admin", params, body: updateUserInput }, async ({ actor, params, body }) =>
  updateUser(actor.workspaceId, params.id, body),
);

export const DELETE = route({ access: "admin", params }, async ({ actor, params }) => {
  await removeUser(actor.workspaceId, params.id, actor.userId);
  return new Response(null, { status: 204 });
});
