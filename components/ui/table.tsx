"use client";
import { useEffect, useRef, useState } from "react";
import { cn } from "./cn";

/**
 * A full-width data table inside a scroll container; give it a `label` for screen readers. A table wider
 * than its card scrolls inside the card, never the page: the container is positioned too, so that
 * absolutely positioned content (a visually hidden header) stays inside it rather than widening the page.
 * While it scrolls (a phone, a narrow window) the container is a named, focusable region, so keyboard
 * users can scroll it with the arrow keys too.
 */
export function Table({ label, className, children }: { label: string; className?: string; children: React.ReactNode }) {
  const box = useRef<HTMLDivElement>(null);
  const [scrolls, setScrolls] = useState(false);
  useEffect(() => {
    const el = box.current;
    if (!el) return;
    const check = () => setScrolls(el.scrollWidth > el.clientWidth + 1);
    check();
    const watch = new ResizeObserver(check);
    watch.observe(el);
    if (el.firstElementChild) watch.observe(el.firstElementChild);
    return () => watch.disconnect();
  }, []);
  return (
    <div
      ref={box}
      className={cn(
        "relative overflow-x-auto focus-visible:outline-2 focus-visible:-outline-offset-2 focus-visible:outline-brand-500",
        className,
      )}
      {...(scrolls ? { tabIndex: 0, role: "region", "aria-label": `${label} (scrolls sideways)` } : {})}
    >
      <table aria-label={label} className="min-w-full divide-y divide-slate-200 text-sm">
        {children}
      </table>
    </div>
  );
}

export function THead({ children }: { children: React.ReactNode }) {
  return (
    <thead className="bg-slate-50">
      <tr>{children}</tr>
    </thead>
  );
}

/** Header cell; `align="right"` for numbers and actions. */
export function TH({
  children,
  align = "left",
  className,
  ...rest
}: Omit<React.ThHTMLAttributes<HTMLTableCellElement>, "align"> & { align?: "left" | "right" }) {
  return (
    <th
      scope="col"
      {...rest}
      className={cn(
        "px-3 py-2.5 text-xs font-medium tracking-wide text-slate-500 uppercase sm:px-4",
        align === "right" ? "text-right" : "text-left",
        className,
      )}
    >
      {children}
    </th>
  );
}

export function TBody({ children }: { children: React.ReactNode }) {
  return <tbody className="divide-y divide-slate-100 bg-white">{children}</tbody>;
}

export function TR({ className, ...rest }: React.HTMLAttributes<HTMLTableRowElement>) {
  return <tr className={cn("hover:bg-slate-50/70", className)} {...rest} />;
}

export function TD({
  children,
  align = "left",
  className,
  colSpan,
}: {
  children?: React.ReactNode;
  align?: "left" | "right";
  className?: string;
  colSpan?: number;
}) {
  return (
    <td
      colSpan={colSpan}
      className={cn("px-3 py-3 align-middle text-slate-700 sm:px-4", align === "right" ? "text-right" : "text-left", className)}
    >
      {children}
    </td>
  );
}
