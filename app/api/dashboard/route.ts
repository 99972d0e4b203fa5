import { route } from "@/lib/api/route";
import { dashboardSchema } from "@/lib/dashboard/contracts";
import { getDashboard } from "@/lib/dashboard/get-dashboard";

export const dynamic = "force-dynamic";

export const GET = route({ access: "viewer", output: dashboardSchema }, async ({ ctx }) => getDashboard({ ctx }));
