"use client";
import { useEffect, useRef, useState } from "react";
import { signOutAction } from "@/lib/auth/sign-out-action";
import { Badge, ChevronDownIcon, LogOutIcon } from "@/components/ui";

function initials(name: string, email: string) {
  const src = name.trim() || email;
  const parts = src.split(/[\s@._-]+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts[1]?.[0] ?? "")).toUpperCase();
}

/** The signed-in person: avatar, name, role badge; opens a menu with Sign out. */
export function UserMenu({
  name,
  email,
  role,
  workspace,
  placement = "up",
}: {
  name: string;
  email: string;
  role: "admin" | "viewer";
  workspace: string;
  placement?: "up" | "down";
}) {
  const [open, setOpen] = useState(false);
  const ref = useRef<HTMLDivElement>(null);
  useEffect(() => {
    if (!open) return;
    const onDown = (e: MouseEvent) => ref.current && !ref.current.contains(e.target as Node) && setOpen(false);
    const onKey = (e: KeyboardEvent) => e.key === "Escape" && setOpen(false);
    document.addEventListener("mousedown", onDown);
    document.addEventListener("keydown", onKey);
    return () => {
      document.removeEventListener("mousedown", onDown);
      document.removeEventListener("keydown", onKey);
    };
  }, [open]);
  return (
    <div ref={ref} className="relative">
      <button
        type="button"
        onClick={() => setOpen((o) => !o)}
        aria-expanded={open}
        aria-haspopup="menu"
        className="flex w-full items-center gap-2.5 rounded-md px-2 py-2 text-left hover:bg-slate-100"
      >
        <span className="flex size-8 shrink-0 items-center justify-center rounded-full bg-slate-800 text-xs font-semibold text-white">
          {initials(name, email)}
        </span>
        <span className="min-w-0 flex-1">
          <span className="block truncate text-sm font-medium text-slate-900">{name || email}</span>
          <span className="block truncate text-xs text-slate-500">{email}</span>
        </span>
        <ChevronDownIcon size={16} className="shrink-0 text-slate-400" />
      </button>
      {open && (
        <div
          role="menu"
          className={`absolute right-0 z-20 w-full min-w-56 ${placement === "up" ? "bottom-full mb-2" : "top-full mt-2"} rounded-md border border-slate-200 bg-white py-1 shadow-lg`}
        >
          <div className="border-b border-slate-100 px-3 py-2">
            <p className="truncate text-xs text-slate-500">{workspace}</p>
            <p className="mt-1 flex items-center gap-2 text-sm text-slate-700">
              Role <Badge tone={role === "admin" ? "brand" : "neutral"}>{role === "admin" ? "Admin" : "Viewer"}</Badge>
            </p>
          </div>
          <form action={signOutAction}>
            <button
              type="submit"
              role="menuitem"
              className="flex w-full items-center gap-2 px-3 py-2 text-sm text-slate-700 hover:bg-slate-50"
            >
              <LogOutIcon size={16} className="text-slate-400" /> Sign out
            </button>
          </form>
        </div>
      )}
    </div>
  );
}
