"use client";
// Narrow screens (below md) have no sidebar: a Menu button in the top bar opens the same navigation in
// a sheet from the left, so every section, Settings included, is one tap away at any width.
import { useState } from "react";
import { Badge, MenuIcon, Sheet } from "@/components/ui";
import { Nav } from "./nav";

export function MobileNav({ workspace, readOnly }: { workspace: string; readOnly: boolean }) {
  const [open, setOpen] = useState(false);
  return (
    <Sheet
      open={open}
      onOpenChange={setOpen}
      title="Okta Sync Console"
      trigger={
        <button
          type="button"
          aria-label="Menu"
          className="-ml-1.5 rounded-md p-1.5 text-slate-600 hover:bg-slate-100 hover:text-slate-900 focus-visible:outline-2 focus-visible:outline-brand-500"
        >
          <MenuIcon size={22} />
        </button>
      }
    >
      <div className="mb-3 flex items-center justify-between gap-2 rounded-md border border-slate-200 bg-slate-50 px-2.5 py-1.5">
        <span className="truncate text-xs font-medium text-slate-700" title={workspace}>
          {workspace}
        </span>
        {readOnly && <Badge>Read-only</Badge>}
      </div>
      <Nav onNavigate={() => setOpen(false)} />
    </Sheet>
  );
}
