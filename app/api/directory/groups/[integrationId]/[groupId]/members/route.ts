import { route } from "@/lib/api/route";
import { groupParams, listMembersQuery } from "@/lib/directory/contracts";
import { listGroupMembers } from "@/lib/directory/list-people-of";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", params: groupParams, query: listMembersQuery }, ({ ctx, params, query }) =>
  listGroupMembers({ ctx, input: { ...query, ...params } }),
);
