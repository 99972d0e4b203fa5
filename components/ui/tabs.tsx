"use client";
import Link from "next/link";
import { usePathname } from "next/navigation";
import { cn } from "./cn";

export interface TabItem {
  id: string;
  label: React.ReactNode;
  /** With href the tab is a link (active when the path matches); without, it calls onChange. */
  href?: string;
  count?: number;
}

/** A horizontal tab bar: links (routing) or buttons (local state via value/onChange). */
export function Tabs({
  items,
  value,
  onChange,
  label,
}: {
  items: TabItem[];
  value?: string;
  onChange?: (id: string) => void;
  label: string;
}) {
  const pathname = usePathname();
  const isActive = (t: TabItem) =>
    value !== undefined ? t.id === value : t.href ? pathname === t.href || pathname.startsWith(t.href + "/") : false;
  return (
    <div className="mb-5 border-b border-slate-200">
      <nav aria-label={label} className="-mb-px flex gap-6 overflow-x-auto">
        {items.map((t) => {
          const active = isActive(t);
          const cls = cn(
            "flex items-center gap-2 border-b-2 px-0.5 pb-2.5 pt-1 text-sm font-medium whitespace-nowrap",
            active ? "border-brand-600 text-brand-700" : "border-transparent text-slate-500 hover:border-slate-300 hover:text-slate-700",
          );
          const inner = (
            <>
              {t.label}
              {t.count !== undefined && (
                <span className="rounded-full bg-slate-100 px-1.5 text-xs text-slate-600 tabular-nums">
                  {t.count.toLocaleString("en-US")}
                </span>
              )}
            </>
          );
          return t.href ? (
            <Link key={t.id} href={t.href} className={cls} aria-current={active ? "page" : undefined}>
              {inner}
            </Link>
          ) : (
            <button key={t.id} type="button" className={cls} aria-pressed={active} onClick={() => onChange?.(t.id)}>
              {inner}
            </button>
          );
        })}
      </nav>
    </div>
  );
}
