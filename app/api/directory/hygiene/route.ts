import { z } from "zod";
import { route } from "@/lib/api/route";
import { countHygiene } from "@/lib/overview/count-hygiene";

export const dynamic = "force-dynamic";

const query = z.object({ integrationId: z.uuid().optional() }).strict();

export const GET = route({ access: "viewer", query }, ({ ctx, query }) => countHygiene({ ctx, input: query }));
