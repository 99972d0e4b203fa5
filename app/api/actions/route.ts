import { actionPage, listActionsQuery } from "@/lib/actions/contracts";
import { listActions } from "@/lib/actions/list-actions";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", query: listActionsQuery, output: actionPage }, async ({ ctx, query }) =>
  listActions({ ctx, input: query }),
);
