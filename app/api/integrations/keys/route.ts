import { route } from "@/lib/api/route";
import { createPendingKey } from "@/lib/integrations/create-pending-key";

export const POST = route({ access: "admin" }, async ({ actor }) => Response.json(await createPendingKey({ actor }), { status: 201 }));
