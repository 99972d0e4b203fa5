// Request contracts of /api/workspace, shared by the route and the Settings form. Pure zod: safe to
// import from client components.
import { z } from "zod";

export const renameWorkspaceInput = z.strictObject({
  name: z.string().trim().min(1, "Enter a workspace name").max(80, "Name must be at most 80 characters"),
});
export type RenameWorkspaceInput = z.output<typeof renameWorkspaceInput>;
