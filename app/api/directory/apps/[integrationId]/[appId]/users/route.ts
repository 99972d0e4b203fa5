import { route } from "@/lib/api/route";
import { appParams, listAppUsersQuery } from "@/lib/directory/contracts";
import { listAppUsers } from "@/lib/directory/list-people-of";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", params: appParams, query: listAppUsersQuery }, ({ ctx, params, query }) =>
  listAppUsers({ ctx, input: { ...query, ...params } }),
);
