"use client";
// The signed-in person: avatar, name and email; opens a menu (Radix: arrow keys, Escape) with the
// workspace, the role, their account page, the colour theme (System, Light, Dark) and Sign out.
import Link from "next/link";
import { useTransition } from "react";
import {
  Badge,
  ChevronDownIcon,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuRadioGroup,
  DropdownMenuRadioItem,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
  LogOutIcon,
  MonitorIcon,
  MoonIcon,
  SunIcon,
  UserIcon,
} from "@/components/ui";
import { ROLE_LABELS, type Role } from "@/db/enums";
import { signOutAction } from "@/lib/auth/sign-out-action";
import { links } from "@/lib/links";
import { parseTheme } from "@/lib/theme";
import { useTheme } from "./theme";

const THEME_CHOICES = [
  { value: "system", label: "System", icon: MonitorIcon },
  { value: "light", label: "Light", icon: SunIcon },
  { value: "dark", label: "Dark", icon: MoonIcon },
] as const;

function initials(name: string, email: string) {
  const src = name.trim() || email;
  const parts = src.split(/[\s@._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts[1]?.[0] ?? "")).toUpperCase();
}

export function UserMenu({
  name,
  email,
  role,
  workspace,
  placement = "up",
  compact = false,
}: {
  name: string;
  email: string;
  role: Role;
  workspace: string;
  placement?: "up" | "down";
  /** Only the avatar (the narrow-screen top bar); the name and email stay in the button's accessible name. */
  compact?: boolean;
}) {
  const [pending, startTransition] = useTransition();
  const { theme, setTheme } = useTheme();
  return (
    // Not modal: a modal menu hides the rest of the page with aria-hidden while its controls stay
    // focusable (an axe violation); Escape, Tab or a click outside still close it.
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger
        className={`flex items-center gap-2.5 rounded-md text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 data-[state=open]:bg-slate-100 ${compact ? "shrink-0 p-1" : "w-full px-2 py-2"}`}
      >
        <span
          className="flex size-8 shrink-0 items-center justify-center rounded-full bg-slate-800 text-xs font-semibold text-white"
          aria-hidden={compact || undefined}
        >
          {initials(name, email)}
        </span>
        <span className={compact ? "sr-only" : "min-w-0 flex-1"}>
          <span className="block truncate text-sm font-medium text-slate-900">{name || email}</span>
          <span className="block truncate text-xs text-slate-600">{email}</span>
        </span>
        {!compact && <ChevronDownIcon size={16} className="shrink-0 text-slate-400" />}
      </DropdownMenuTrigger>
      <DropdownMenuContent
        side={placement === "up" ? "top" : "bottom"}
        align="end"
        className={compact ? "w-64" : "w-[var(--radix-dropdown-menu-trigger-width)]"}
      >
        <DropdownMenuLabel>
          <span className="block truncate text-xs font-normal text-slate-500">{workspace}</span>
          <span className="mt-1 flex items-center gap-2 font-normal text-slate-700">
            Role <Badge tone={role === "admin" ? "brand" : "neutral"}>{ROLE_LABELS[role]}</Badge>
          </span>
        </DropdownMenuLabel>
        <DropdownMenuSeparator />
        <DropdownMenuItem asChild>
          <Link href={links.consoleSettings("account")}>
            <UserIcon size={16} className="text-slate-400" /> Your account
          </Link>
        </DropdownMenuItem>
        <DropdownMenuSeparator />
        <DropdownMenuLabel className="pb-1 text-xs font-medium text-slate-500">Theme</DropdownMenuLabel>
        <DropdownMenuRadioGroup aria-label="Theme" value={theme} onValueChange={(v) => setTheme(parseTheme(v))}>
          {THEME_CHOICES.map(({ value, label, icon: Icon }) => (
            // Choosing a theme keeps the menu open, so the change can be seen and undone.
            <DropdownMenuRadioItem key={value} value={value} onSelect={(e) => e.preventDefault()}>
              <Icon size={16} className="text-slate-400" /> {label}
            </DropdownMenuRadioItem>
          ))}
        </DropdownMenuRadioGroup>
        <DropdownMenuSeparator />
        {/* Called directly, not as a form in the menu: choosing an item closes the menu, which would
            unmount a form before the browser submits it. The action redirects to the sign-in page. */}
        <DropdownMenuItem disabled={pending} onSelect={() => startTransition(() => signOutAction())}>
          <LogOutIcon size={16} className="text-slate-400" /> Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
