import { route } from "@/lib/api/route";
import { createPendingKey } from "@/lib/integrations/create-pending-key";

export const POST = route({ access: "admin" }, async ({ ctx }) => Response.json(await createPendingKey({ ctx }), { status: 201 }));
