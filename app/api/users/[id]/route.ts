import { idParam } from "@/lib/api/params";
import { route } from "@/lib/api/route";
import { removeUser } from "@/lib/users/remove-user";
import { publicUser, updateUserInput } from "@/lib/users/schemas";
import { updateUser } from "@/lib/users/update-user";

const params = idParam("User");

export const PATCH = route({ access: "admin", params, body: updateUserInput, output: publicUser }, async ({ ctx, params, body }) =>
  updateUser({ ctx, input: { ...body, userId: params.id } }),
);

export const DELETE = route({ access: "admin", params }, async ({ ctx, params }) => {
  await removeUser({ ctx, input: { userId: params.id } });
  return new Response(null, { status: 204 });
});
