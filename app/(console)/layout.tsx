import { ConsoleShell } from "@/components/shell/console-shell";
import { requirePageCtx } from "@/lib/auth/page";
import { getWorkspace } from "@/lib/workspaces/get-workspace";

// Every console page needs a session; this check is the boundary, the proxy redirect only a convenience.
export default async function ConsoleLayout({ children }: { children: React.ReactNode }) {
  const ctx = await requirePageCtx();
  const { actor } = ctx;
  const workspace = await getWorkspace({ ctx });
  return (
    <ConsoleShell user={{ id: actor.userId, name: actor.name, email: actor.email, role: actor.role }} workspace={workspace.name}>
      {children}
    </ConsoleShell>
  );
}
