import type { Metadata } from "next";
import { requirePageActor } from "@/lib/auth/page";
import { getWorkspace } from "@/lib/workspaces/get-workspace";
import { SettingsHeader } from "../settings-header";
import { WorkspaceClient } from "./client";

export const metadata: Metadata = { title: "Workspace · Settings" };

export default async function WorkspacePage() {
  const actor = await requirePageActor();
  const ws = await getWorkspace(actor.workspaceId);
  return (
    <>
      <SettingsHeader
        section="Workspace"
        isAdmin={actor.role === "admin"}
        description="The name people see, and the identifiers scripts need."
      />
      <WorkspaceClient workspace={{ id: ws.id, name: ws.name, createdAt: ws.createdAt }} isAdmin={actor.role === "admin"} />
    </>
  );
}
