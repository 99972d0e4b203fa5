import { z } from "zod";
import { route } from "@/lib/api/route";
import { endUserSessions } from "@/lib/sessions/end-user-sessions";
import { listSessions } from "@/lib/sessions/list-sessions";
import { sessionList } from "@/lib/sessions/schemas";

const whose = z.strictObject({ userId: z.uuid("userId must be a person's id").optional() });

/** Live sessions of a person: your own by default; admins may ask for anyone's in the workspace. */
export const GET = route({ access: "viewer", query: whose, output: sessionList }, async ({ ctx, query }) => ({
  items: await listSessions({ ctx, input: query }),
}));

/**
 * Ends every session of a person ("Sign out everywhere"): your own by default, keeping the one making
 * the request with `keepCurrent=true`; admins may end anyone's in the workspace.
 */
export const DELETE = route(
  { access: "viewer", query: whose.extend({ keepCurrent: z.enum(["true", "false"]).optional() }) },
  async ({ ctx, query }) => endUserSessions({ ctx, input: { userId: query.userId, keepCurrent: query.keepCurrent === "true" } }),
);
