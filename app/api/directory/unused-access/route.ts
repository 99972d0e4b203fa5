import { route } from "@/lib/api/route";
import { unusedAccessQuery } from "@/lib/directory/contracts";
import { listUnusedAccess } from "@/lib/directory/list-unused-access";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", query: unusedAccessQuery }, ({ ctx, query }) => listUnusedAccess({ ctx, input: query }));
