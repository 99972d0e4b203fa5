"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { usePendingCount } from "@/components/actions/queries";
import { ActivityIcon, ApprovalsIcon, AuditIcon, cn, DashboardIcon, PlugIcon, SettingsIcon, UsersIcon } from "@/components/ui";
import { links } from "@/lib/links";
import { useConsoleUser } from "./console-user";

export const NAV_ITEMS = [
  { href: links.home(), label: "Overview", icon: DashboardIcon },
  { href: links.integrations(), label: "Integrations", icon: PlugIcon },
  { href: links.directory(), label: "Directory", icon: UsersIcon },
  { href: links.activity(), label: "Activity", icon: ActivityIcon },
  { href: links.approvals(), label: "Approvals", icon: ApprovalsIcon },
  { href: links.audit(), label: "Audit", icon: AuditIcon },
  { href: links.consoleSettings(), label: "Settings", icon: SettingsIcon },
] as const;

/**
 * Requests waiting for approval, beside Approvals: for an admin those they may approve (not their own,
 * not yet decided by them), for others every pending one. Refreshes itself.
 */
function PendingCount() {
  const { role } = useConsoleUser();
  const { data } = usePendingCount();
  const n = data ? (role === "admin" ? data.awaitingMe : data.pending) : 0;
  if (!n) return null;
  const what = role === "admin" ? "waiting for your approval" : "waiting for approval";
  return (
    <span
      // relative: the visually hidden words stay inside the (scrolling) nav instead of widening a phone's page.
      className="relative ml-auto rounded-full bg-amber-100 px-1.5 text-xs font-semibold text-amber-800 tabular-nums"
      data-testid="pending-count"
      title={`${n} ${what}`}
    >
      {n}
      <span className="sr-only"> {what}</span>
    </span>
  );
}

/** The main navigation: the sidebar's, and the same list in the narrow-screen menu (`onNavigate` closes it). */
export function Nav({ onNavigate }: { onNavigate?: () => void }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className="flex flex-col gap-0.5">
      {NAV_ITEMS.map(({ href, label, icon: Icon }) => {
        const active = pathname === href || (href !== "/" && pathname.startsWith(`${href}/`));
        return (
          <Link
            key={href}
            href={href}
            onClick={onNavigate}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium whitespace-nowrap",
              active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
            )}
          >
            <Icon size={17} className={active ? "text-brand-600" : "text-slate-400"} />
            {label}
            {href === links.approvals() && <PendingCount />}
          </Link>
        );
      })}
    </nav>
  );
}
