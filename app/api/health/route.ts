import { route } from "@/lib/api/route";
import { checkHealth } from "@/lib/health/check-health";

export const dynamic = "force-dynamic";

export const GET = route({ access: "public" }, async ({ ctx }) => {
  const health = await checkHealth({ ctx });
  return Response.json(health, { status: health.status === "ok" ? 200 : 503 });
});
