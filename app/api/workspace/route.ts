import { route } from "@/lib/api/route";
import { renameWorkspaceInput } from "@/lib/workspaces/contracts";
import { getWorkspace } from "@/lib/workspaces/get-workspace";
import { renameWorkspace } from "@/lib/workspaces/rename-workspace";

export const GET = route({ access: "viewer" }, async ({ ctx }) => {
  const ws = await getWorkspace({ ctx });
  return { id: ws.id, name: ws.name, createdAt: ws.createdAt };
});

export const PATCH = route({ access: "admin", body: renameWorkspaceInput }, async ({ ctx, body }) => renameWorkspace({ ctx, input: body }));
