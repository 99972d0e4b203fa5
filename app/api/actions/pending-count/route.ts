import { z } from "zod";
import { pendingCount } from "@/lib/actions/contracts";
import { countPendingActions } from "@/lib/actions/count-pending-actions";
import { route } from "@/lib/api/route";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", query: z.object({}).strict(), output: pendingCount }, async ({ ctx }) =>
  countPendingActions({ ctx }),
);
