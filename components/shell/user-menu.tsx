"use client";
// The signed-in person: avatar, name and email; opens a menu (Radix: arrow keys, Escape) with the
// workspace, the role, their account page and Sign out.
import Link from "next/link";
import { useTransition } from "react";
import {
  Badge,
  ChevronDownIcon,
  DropdownMenu,
  DropdownMenuContent,
  DropdownMenuItem,
  DropdownMenuLabel,
  DropdownMenuSeparator,
  DropdownMenuTrigger,
  LogOutIcon,
  UserIcon,
} from "@/components/ui";
import { ROLE_LABELS, type Role } from "@/db/enums";
import { signOutAction } from "@/lib/auth/sign-out-action";
import { links } from "@/lib/links";

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
}: {
  name: string;
  email: string;
  role: Role;
  workspace: string;
  placement?: "up" | "down";
}) {
  const [pending, startTransition] = useTransition();
  return (
    // Not modal: a modal menu hides the rest of the page with aria-hidden while its controls stay
    // focusable (an axe violation); Escape, Tab or a click outside still close it.
    <DropdownMenu modal={false}>
      <DropdownMenuTrigger className="flex w-full items-center gap-2.5 rounded-md px-2 py-2 text-left hover:bg-slate-100 focus-visible:outline-2 focus-visible:outline-brand-500 data-[state=open]:bg-slate-100">
        <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-slate-800 text-xs font-semibold text-white">
          {initials(name, email)}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium text-slate-900">{name || email}</span>
          <span className="block truncate text-xs text-slate-600">{email}</span>
        </span>
        <ChevronDownIcon size={16} className="shrink-0 text-slate-400" />
      </DropdownMenuTrigger>
      <DropdownMenuContent
        side={placement === "up" ? "top" : "bottom"}
        align="end"
        className="w-[var(--radix-dropdown-menu-trigger-width)]"
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
        {/* Called directly, not as a form in the menu: choosing an item closes the menu, which would
            unmount a form before the browser submits it. The action redirects to the sign-in page. */}
        <DropdownMenuItem disabled={pending} onSelect={() => startTransition(() => signOutAction())}>
          <LogOutIcon size={16} className="text-slate-400" /> Sign out
        </DropdownMenuItem>
      </DropdownMenuContent>
    </DropdownMenu>
  );
}
