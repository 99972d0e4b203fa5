import type { Metadata } from "next";
import { requirePageCtx } from "@/lib/auth/page";
import { getWorkspace } from "@/lib/workspaces/get-workspace";
import { SettingsHeader } from "../settings-header";
import { WorkspaceClient } from "./client";

export const metadata: Metadata = { title: "Workspace · Settings" };

export default async function WorkspacePage() {
  const ctx = await requirePageCtx();
  const { actor } = ctx;
  const ws = await getWorkspace({ ctx });
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
