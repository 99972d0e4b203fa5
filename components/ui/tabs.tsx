"use client";
// Tabs for sections that are pages: links, the current one marked with aria-current, as WAI-ARIA
// advises for navigation rather than a tablist (every tab set in the console is such a page set).
import Link from "next/link";
import { usePathname } from "next/navigation";
import { useEffect, useRef } from "react";
import { formatCount } from "@/lib/format";
import { cn } from "./cn";

export interface TabItem {
  id: string;
  label: React.ReactNode;
  href: string;
  count?: number;
}

const tabClass = (active: boolean) =>
  cn(
    "flex items-center gap-2 border-b-2 px-0.5 pt-1 pb-2.5 text-sm font-medium whitespace-nowrap focus-visible:outline-2 focus-visible:outline-brand-500",
    active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-700",
  );

function Count({ n }: { n?: number }) {
  if (n === undefined) return null;
  return <span className="rounded-full bg-slate-100 px-1.5 text-xs text-slate-600 tabular-nums">{formatCount(n)}</span>;
}

/** A bar of links to sibling pages; `value` names the current one, else the path decides. */
export function TabNav({ items, value, label }: { items: TabItem[]; value?: string; label: string }) {
  const pathname = usePathname();
  const isActive = (t: TabItem) => (value !== undefined ? t.id === value : pathname === t.href || pathname.startsWith(`${t.href}/`));
  const nav = useRef<HTMLElement>(null);
  const activeId = items.find(isActive)?.id;
  // On a narrow screen the bar scrolls sideways: bring the current tab into view (the bar only, never the page).
  useEffect(() => {
    const bar = nav.current;
    const current = activeId ? bar?.querySelector<HTMLElement>(`[data-tab="${CSS.escape(activeId)}"]`) : null;
    if (!bar || !current || bar.scrollWidth <= bar.clientWidth) return;
    const left = current.offsetLeft - bar.offsetLeft;
    if (left < bar.scrollLeft || left + current.offsetWidth > bar.scrollLeft + bar.clientWidth) {
      bar.scrollLeft = Math.max(0, left - (bar.clientWidth - current.offsetWidth) / 2);
    }
  }, [activeId]);
  return (
    <div className="mb-5 border-b border-slate-200">
      <nav ref={nav} aria-label={label} className="-mb-px flex gap-6 overflow-x-auto">
        {items.map((t) => {
          const active = isActive(t);
          return (
            <Link key={t.id} href={t.href} data-tab={t.id} className={tabClass(active)} aria-current={active ? "page" : undefined}>
              {t.label}
              <Count n={t.count} />
            </Link>
          );
        })}
      </nav>
    </div>
  );
}
