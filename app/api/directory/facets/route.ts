import { z } from "zod";
import { route } from "@/lib/api/route";
import { getFacets } from "@/lib/directory/get-facets";

export const dynamic = "force-dynamic";

const query = z.object({ integrationId: z.uuid().optional() }).strict();

export const GET = route({ access: "viewer", query }, ({ ctx, query }) => getFacets({ ctx, input: query }));
