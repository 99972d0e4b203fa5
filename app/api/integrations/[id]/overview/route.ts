import { z } from "zod";
import { idParam } from "@/lib/api/params";
import { route } from "@/lib/api/route";
import { overviewSchema } from "@/lib/overview/contracts";
import { getOverview } from "@/lib/overview/get-overview";

export const dynamic = "force-dynamic";

export const GET = route(
  { access: "viewer", params: idParam("Integration"), query: z.object({}).strict(), output: overviewSchema },
  async ({ ctx, params }) => getOverview({ ctx, input: { integrationId: params.id } }),
);
