import { route } from "@/lib/api/route";
import { groupParams, listMembersQuery } from "@/lib/directory/contracts";
import { listGroupMembers } from "@/lib/directory/list-people-of";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", params: groupParams, query: listMembersQuery }, ({ actor, params, query }) =>
  listGroupMembers({ ctx: actor, input: { ...query, ...params } }),
);
