import { route } from "@/lib/api/route";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";
import { createUserInput } from "@/lib/users/schemas";

export const GET = route({ access: "viewer" }, async ({ ctx }) => ({ items: await listUsers({ ctx }) }));

export const POST = route({ access: "admin", body: createUserInput }, async ({ ctx, body }) =>
  Response.json(await createUser({ ctx, input: body }), { status: 201 }),
);
