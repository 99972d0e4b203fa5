import Link from "next/link";
import { Badge } from "@/components/ui";
import type { Role } from "@/db/enums";
import { links } from "@/lib/links";
import { Brand } from "./brand";
import { ConsoleUserProvider } from "./console-user";
import { MobileNav } from "./mobile-nav";
import { Nav } from "./nav";
import { UserMenu } from "./user-menu";

export interface ShellUser {
  id: string;
  name: string;
  email: string;
  role: Role;
}

/**
 * The console frame: left sidebar (brand, workspace, nav, user menu) and the page area; below md a top
 * bar instead, with the navigation in a sheet behind its Menu button and the user menu as an avatar.
 */
export function ConsoleShell({ user, workspace, children }: { user: ShellUser; workspace: string; children: React.ReactNode }) {
  return (
    <ConsoleUserProvider user={user}>
      <div className="min-h-screen">
        <a
          href="#main"
          className="sr-only focus:not-sr-only focus:absolute focus:top-2 focus:left-2 focus:z-50 focus:rounded focus:bg-white focus:px-3 focus:py-2 focus:shadow"
        >
          Skip to content
        </a>
        <aside className="fixed inset-y-0 left-0 hidden w-60 flex-col border-r border-slate-200 bg-white md:flex">
          <div className="flex h-16 items-center px-4">
            <Link href={links.home()} aria-label="Okta Sync Console home">
              <Brand />
            </Link>
          </div>
          <div className="px-4 pb-3">
            <div className="flex items-center justify-between gap-2 rounded-md border border-slate-200 bg-slate-50 px-2.5 py-1.5">
              <span className="truncate text-xs font-medium text-slate-700" title={workspace}>
                {workspace}
              </span>
              {user.role === "viewer" && <Badge>Read-only</Badge>}
            </div>
          </div>
          <div className="flex-1 overflow-y-auto px-3">
            <Nav />
          </div>
          <div className="border-t border-slate-200 p-3">
            <UserMenu name={user.name} email={user.email} role={user.role} workspace={workspace} />
          </div>
        </aside>
        <header className="sticky top-0 z-10 flex h-14 items-center gap-3 border-b border-slate-200 bg-white px-4 md:hidden">
          <MobileNav workspace={workspace} readOnly={user.role === "viewer"} />
          <Link href={links.home()} aria-label="Okta Sync Console home" className="min-w-0 flex-1">
            <Brand />
          </Link>
          <UserMenu name={user.name} email={user.email} role={user.role} workspace={workspace} placement="down" compact />
        </header>
        <main id="main" className="md:pl-60">
          <div className="mx-auto max-w-6xl px-4 py-6 sm:px-6 md:px-8 md:py-8">{children}</div>
        </main>
      </div>
    </ConsoleUserProvider>
  );
}
