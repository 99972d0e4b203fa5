import { route } from "@/lib/api/route";
import { createUser } from "@/lib/users/create-user";
import { listUsers } from "@/lib/users/list-users";
import { createUserInput } from "@/lib/users/schemas";

export const GET = route({ access: "viewer" }, async ({ actor }) => ({ items: await listUsers(actor.workspaceId) }));

export const POST = route({ access: "admin", body: createUserInput }, async ({ actor, body }) =>
  Response.json(await createUser(actor.workspaceId, body), { status: 201 }),
);
