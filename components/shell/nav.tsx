"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { ActivityIcon, cn, DashboardIcon, PlugIcon, SettingsIcon, UsersIcon } from "@/components/ui";
import { links } from "@/lib/links";

export const NAV_ITEMS = [
  { href: links.home(), label: "Overview", icon: DashboardIcon },
  { href: links.integrations(), label: "Integrations", icon: PlugIcon },
  { href: links.directory(), label: "Directory", icon: UsersIcon },
  { href: links.activity(), label: "Activity", icon: ActivityIcon },
  { href: links.consoleSettings(), label: "Settings", icon: SettingsIcon },
] as const;

/** The main navigation; `layout="horizontal"` for the narrow-screen top bar. */
export function Nav({ layout = "vertical" }: { layout?: "vertical" | "horizontal" }) {
  const pathname = usePathname();
  return (
    <nav aria-label="Main" className={layout === "vertical" ? "flex flex-col gap-0.5" : "flex gap-1 overflow-x-auto"}>
      {NAV_ITEMS.map(({ href, label, icon: Icon }) => {
        const active = pathname === href || (href !== "/" && pathname.startsWith(`${href}/`));
        return (
          <Link
            key={href}
            href={href}
            aria-current={active ? "page" : undefined}
            className={cn(
              "flex items-center gap-2.5 rounded-md px-2.5 py-1.5 text-sm font-medium whitespace-nowrap",
              active ? "bg-brand-50 text-brand-700" : "text-slate-600 hover:bg-slate-100 hover:text-slate-900",
            )}
          >
            <Icon size={17} className={active ? "text-brand-600" : "text-slate-400"} />
            {label}
          </Link>
        );
      })}
    </nav>
  );
}
