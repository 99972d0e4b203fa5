import { route } from "@/lib/api/route";
import { listUsersQuery } from "@/lib/directory/contracts";
import { listUsers } from "@/lib/directory/list-users";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", query: listUsersQuery }, ({ ctx, query }) => listUsers({ ctx, input: query }));
