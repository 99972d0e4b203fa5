import { route } from "@/lib/api/route";
import { getWorkspace } from "@/lib/workspaces/get-workspace";
import { renameWorkspace, renameWorkspaceInput } from "@/lib/workspaces/rename-workspace";

export const GET = route({ access: "viewer" }, async ({ actor }) => {
  const ws = await getWorkspace(actor.workspaceId);
  return { id: ws.id, name: ws.name, createdAt: ws.createdAt };
});

export const PATCH = route({ access: "admin", body: renameWorkspaceInput }, async ({ actor, body }) =>
  renameWorkspace(actor.workspaceId, body),
);
