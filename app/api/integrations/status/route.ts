import { route } from "@/lib/api/route";
import { listIntegrationStatus } from "@/lib/integrations/list-integration-status";
import { integrationStatusListSchema } from "@/lib/integrations/status-contracts";

export const dynamic = "force-dynamic";

// Every integration with its health, open problems and counts (the integrations list).
export const GET = route({ access: "viewer", output: integrationStatusListSchema }, async ({ ctx }) => listIntegrationStatus({ ctx }));
